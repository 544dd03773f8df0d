package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.model.access.Scope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a fresh wait, a view whose figures with the latest facts are not ready answers at once with
 * the last ones computed, marked stale, and the next requests get the new figures once they are.
 */
class StaleFiguresTest {
  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  @TempDir Path folder;

  @Test
  void aViewAnswersWithTheLastFiguresWhileTheLatestAreComputed() throws Exception {
    ServerConfig config = ServerConfig.defaults().withFreshWait(Duration.ZERO);
    try (RunningServer running = new RunningServer(folder, config)) {
      String ingest = running.token(Scope.INGEST);
      String read = running.token(Scope.READ);
      send(running, ingest, 0);
      running.stored();

      HttpResponse<String> first = running.send(running.get("/api/v1/report", read));
      assertEquals(200, first.statusCode());
      assertEquals(
          Optional.empty(),
          first.headers().firstValue(GoodhartServer.STALE_HEADER),
          "the first figures are waited for");
      assertEquals(6, sessions(first));

      send(running, ingest, 1);
      running.stored();
      HttpResponse<String> stale = running.send(running.get("/api/v1/report", read));
      assertEquals(200, stale.statusCode());
      assertTrue(
          stale
              .headers()
              .firstValue(GoodhartServer.STALE_HEADER)
              .orElse("")
              .startsWith("figures computed at "),
          stale.headers().map().toString());
      assertEquals(6, sessions(stale), "the last figures computed");

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      HttpResponse<String> latest;
      do {
        Thread.sleep(20);
        latest = running.send(running.get("/api/v1/report", read));
        assertTrue(System.nanoTime() < deadline, "the latest figures never came");
      } while (latest.headers().firstValue(GoodhartServer.STALE_HEADER).isPresent());
      assertEquals(12, sessions(latest));
    }
  }

  /** Six people's sessions, one request each. */
  private static void send(RunningServer running, String token, int round) throws Exception {
    List<LogRecord> records = new ArrayList<>();
    for (int person = 0; person < 6; person++) {
      records.add(
          OtlpRecords.apiRequest(
              "req-%d-%d".formatted(round, person),
              "session-%d-%d".formatted(round, person),
              "person%d@example.com".formatted(person),
              T0.plusSeconds(60L * round + person)));
    }
    HttpResponse<String> answer =
        running.send(
            running.post(
                "/v1/logs",
                token,
                "application/x-protobuf",
                OtlpRecords.request(records).toByteArray()));
    assertEquals(200, answer.statusCode(), answer.body());
  }

  private static int sessions(HttpResponse<String> answer) throws Exception {
    JsonNode report = RunningServer.JSON.readTree(answer.body());
    return report.get("totals").get("sessions").asInt();
  }
}
