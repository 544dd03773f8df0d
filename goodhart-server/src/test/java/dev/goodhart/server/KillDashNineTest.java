package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.prices.PriceFiles;
import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.access.Scope;
import dev.goodhart.store.UsageAggregate;
import dev.goodhart.store.UsageFilter;
import dev.goodhart.store.duckdb.DuckDbStore;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged request is durable: a server in a child JVM is killed with SIGKILL while clients
 * are sending, and a new server on the same folder holds every acknowledged event, none twice.
 */
class KillDashNineTest {
  @TempDir Path folder;

  /** The child: a server on the folder given, printing its port and token, until it is killed. */
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    DuckDbStore store = DuckDbStore.open(data, DuckDbStore.Settings.defaults());
    ApiTokens.Created token =
        ApiTokens.create(EnumSet.of(Scope.INGEST, Scope.READ), "kill test", Instant.now());
    store.saveToken(token.stored());
    GoodhartServer server = serve(store);
    System.out.println("ready " + server.port() + " " + token.token());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** A server on a free port; starting it stores what the journal holds. */
  private static GoodhartServer serve(DuckDbStore store) {
    return GoodhartServer.start(
        ServerConfig.defaults().withPort("127.0.0.1", 0),
        store,
        new Pricer(PriceFiles.builtIn(), CostMode.AUTO),
        Pseudonyms.withSecret(RunningServer.SECRET),
        Clock.systemUTC(),
        GoodhartServer.RepositoryRefresher.NONE);
  }

  @Test
  void everyAcknowledgedEventSurvivesAKillAndNoneIsStoredTwice() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                KillDashNineTest.class.getName(),
                folder.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = output.readLine()) != null && !line.startsWith("ready ")) {
      // Jetty's and SLF4J's start-up lines
    }
    assertTrue(line != null, "the child server did not start");
    String[] ready = line.split(" ");
    String url = "http://127.0.0.1:" + ready[1] + "/v1/logs";
    String token = ready[2];
    Thread drain = new Thread(() -> output.lines().forEach(l -> {}));
    drain.setDaemon(true);
    drain.start();

    HttpClient client = HttpClient.newHttpClient();
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicInteger sentBatches = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(1);
    List<Thread> senders = new ArrayList<>();
    for (int sender = 0; sender < 4; sender++) {
      int id = sender;
      Thread thread =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int batch = 0; ; batch++) {
                      List<LogRecord> records = new ArrayList<>();
                      for (int i = 0; i < 200; i++) {
                        records.add(
                            OtlpRecords.apiRequest(
                                "req_%d_%d_%d".formatted(id, batch, i),
                                "session-" + id,
                                "person" + id + "@example.com",
                                Instant.parse("2026-11-30T10:00:00Z").plusSeconds(batch)));
                      }
                      byte[] body = OtlpRecords.request(records).toByteArray();
                      try {
                        HttpResponse<String> answer =
                            client.send(
                                HttpRequest.newBuilder(URI.create(url))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/x-protobuf")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 200) {
                          acknowledged.addAndGet(records.size());
                          if (sentBatches.incrementAndGet() >= 40) {
                            enough.countDown();
                          }
                        }
                        // A retry after the kill must not count twice: resend the same batch once.
                        if (id == 0 && batch % 5 == 0 && answer.statusCode() == 200) {
                          client.send(
                              HttpRequest.newBuilder(URI.create(url))
                                  .header("Authorization", "Bearer " + token)
                                  .header("Content-Type", "application/x-protobuf")
                                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString());
                        }
                      } catch (Exception e) {
                        return; // the server is gone
                      }
                    }
                  });
      senders.add(thread);
    }
    enough.await();
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
    child.waitFor();
    for (Thread sender : senders) {
      sender.join();
    }
    int acked = acknowledged.get();
    assertTrue(acked >= 40 * 200, "acknowledged " + acked);
    assertTrue(Files.exists(folder.resolve(DuckDbStore.FILE_NAME)));

    assertTrue(
        Files.list(folder.resolve(IngestJournal.FOLDER)).findAny().isPresent(),
        "the killed server left its journal");

    // Restarting is what makes an acknowledged fact that was only in the journal a stored one.
    try (DuckDbStore reopened = DuckDbStore.open(folder, DuckDbStore.Settings.defaults())) {
      serve(reopened).close();
      try (java.util.stream.Stream<Path> left = Files.list(folder.resolve(IngestJournal.FOLDER))) {
        assertEquals(0, left.count(), "a clean stop with everything stored leaves no journal");
      }
      long stored = reopened.statistics().events();
      // Requests in flight at the kill may have committed without their answer arriving: stored
      // can exceed acknowledged by at most what was in flight (4 senders x 200), never fall short.
      assertTrue(stored >= acked, "stored " + stored + " < acknowledged " + acked);
      assertTrue(stored <= acked + 4 * 200, "stored " + stored + " >> acknowledged " + acked);
      assertEquals(stored, reopened.statistics().countedEvents(), "every event once");
      // The per-session sums were written in the same transactions as the events they sum.
      assertEquals(
          stored,
          reopened.usageBySessionDay(UsageFilter.ALL).stream()
              .mapToLong(UsageAggregate::requests)
              .sum(),
          "the per-session and day sums hold every stored event");
    }
  }
}
