package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.model.access.Scope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: the server runs in a child JVM whose data folder is a 24 MB tmpfs in a
 * mount namespace of its own ({@code unshare -rm}), fills it under load, and then gets space back.
 * While the disk is full, writes are refused and reads answer at once from what is stored, marked
 * stale; once space is back the writer recovers by itself, every acknowledged event is stored once,
 * and a stop takes seconds. A checkpoint is forced while the disk is full, which makes DuckDB
 * invalidate the database: the server must open it again by itself.
 *
 * <p>Needs user namespaces ({@code unshare -rm}); without them the test is skipped, unless {@code
 * GOODHART_FULL_DISK=required}, which makes it fail instead.
 */
class FullDiskTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 500;

  @TempDir Path folder;

  @Test
  void aFullDiskIsSurvivedWithoutARestart() throws Exception {
    requireNamespaces();
    Path mount = Files.createDirectory(folder.resolve("disk"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                "unshare",
                "-rm",
                "sh",
                "-c",
                "mount -t tmpfs -o size=24m tmpfs \"$0\" && exec \"$@\"",
                mount.toString(),
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                FullDiskTest.class.getName(),
                mount.toString())
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    JsonNode result = null;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.add(line);
        if (line.startsWith("result ")) {
          result = JSON.readTree(line.substring("result ".length()));
        }
      }
    }
    if (!child.waitFor(3, TimeUnit.MINUTES)) {
      child.destroyForcibly();
    }
    // The child's log, for a failure's reader: target/full-disk.log in the module.
    Files.write(Path.of("target", "full-disk.log"), output, StandardCharsets.UTF_8);
    if (result == null) {
      fail("the scenario printed no result:\n" + String.join("\n", tail(output)));
    }
    String seen = result.toString();
    assertTrue(result.get("refusedWhileFull").asInt() > 0, "the disk never filled: " + seen);
    for (JsonNode read : result.get("readsWhileFull")) {
      assertTrue(read.get("millis").asLong() < 1_000, "a read took over 1 s: " + seen);
      assertEquals(200, read.get("status").asInt(), "a read failed: " + seen);
    }
    assertTrue(result.get("staleMarked").asBoolean(), "no read said it was stale: " + seen);
    assertTrue(result.get("recoveredMillis").asLong() >= 0, "never recovered: " + seen);
    assertTrue(result.get("recoveredMillis").asLong() < 60_000, "slow recovery: " + seen);
    assertEquals(
        result.get("acknowledged").asLong(),
        result.get("stored").asLong(),
        "every acknowledged event once: " + seen);
    assertEquals(200, result.get("writeAfter").asInt(), "a write after recovery: " + seen);
    assertEquals(200, result.get("readAfter").asInt(), "a read after recovery: " + seen);
    assertTrue(result.get("stopMillis").asLong() < 5_000, "a slow stop: " + seen);
  }

  private static void requireNamespaces() throws IOException, InterruptedException {
    boolean works;
    try {
      Process probe = new ProcessBuilder("unshare", "-rm", "true").start();
      works = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      works = false;
    }
    boolean required = "required".equals(System.getenv("GOODHART_FULL_DISK"));
    if (!works && required) {
      fail("GOODHART_FULL_DISK=required, but 'unshare -rm' does not work on this machine");
    }
    Assumptions.assumeTrue(works, "user namespaces ('unshare -rm') are not available here");
  }

  private static List<String> tail(List<String> lines) {
    return lines.subList(Math.max(0, lines.size() - 40), lines.size());
  }

  /** The child, on its tmpfs: the scenario, ending with one "result {json}" line. */
  public static void main(String[] args) throws Exception {
    Path disk = Path.of(args[0]);
    ObjectNode result = JSON.createObjectNode();
    RunningServer running = new RunningServer(disk.resolve("data"));
    String token = running.token(Scope.INGEST, Scope.READ);
    HttpClient client = HttpClient.newHttpClient();
    Path filler = disk.resolve("filler");
    Files.write(filler, new byte[10 << 20]);

    // Fill the disk: batches until the server refuses ten in a row.
    long acknowledged = 0;
    int refused = 0;
    int batch = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    for (int inARow = 0; inARow < 10 && System.nanoTime() < deadline; batch++) {
      int status = send(client, running, token, batch);
      if (status == 200) {
        acknowledged += BATCH;
        inARow = 0;
      } else {
        refused++;
        inARow++;
      }
    }
    result.put("refusedWhileFull", refused);
    try {
      running.store.checkpoint(); // on a full disk: DuckDB invalidates the database
      result.put("checkpointWhileFull", "succeeded");
    } catch (RuntimeException e) {
      result.put(
          "checkpointWhileFull", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }

    boolean stale = false;
    var reads = result.putArray("readsWhileFull");
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      HttpResponse<String> answer = running.send(running.get("/api/v1/report", token));
      reads
          .addObject()
          .put("status", answer.statusCode())
          .put("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      stale |= answer.headers().firstValue(GoodhartServer.STALE_HEADER).isPresent();
      Thread.sleep(700);
    }
    result.put("staleMarked", stale);

    Files.delete(filler);
    long freed = System.nanoTime();
    long recovered = -1;
    JsonNode status = null;
    while (System.nanoTime() - freed < TimeUnit.SECONDS.toNanos(90)) {
      HttpResponse<String> answer = running.send(running.get("/api/v1/status", token));
      if (answer.statusCode() == 200) {
        status = JSON.readTree(answer.body());
        if (status.get("storeFailure").isNull() && status.get("unstoredRequests").asLong() == 0) {
          recovered = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freed);
          break;
        }
      }
      Thread.sleep(200);
    }
    result.put("recoveredMillis", recovered);
    result.put("acknowledged", acknowledged);
    result.put("stored", status == null ? -1 : status.get("usageEvents").asLong());
    result.put("writeAfter", send(client, running, token, batch + 1));
    result.put("readAfter", running.send(running.get("/api/v1/report", token)).statusCode());

    long stopping = System.nanoTime();
    running.close();
    result.put("stopMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
    System.out.println("result " + result);
    System.out.flush();
    System.exit(0);
  }

  /**
   * One batch of distinct requests; the answer's status (0 when the server could not be reached).
   */
  private static int send(HttpClient client, RunningServer running, String token, int batch) {
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      records.add(
          OtlpRecords.apiRequest(
              "req_%d_%d".formatted(batch, i),
              "session-" + batch % 7,
              "person" + batch % 7 + "@example.com",
              Instant.parse("2026-11-30T10:00:00Z").plusMillis(batch * 1_000L + i)));
    }
    try {
      return client
          .send(
              HttpRequest.newBuilder(URI.create(running.url("/v1/logs")))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/x-protobuf")
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          OtlpRecords.request(records).toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
