package dev.goodhart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator against a stand-in for the server on loopback: what it counts and how it times. */
class OtlpLoadTest {
  private final Set<String> requestIds = ConcurrentHashMap.newKeySet();
  private final AtomicInteger posts = new AtomicInteger();
  private final List<String> problems = new ArrayList<>();
  private volatile int refuseEvery = 0;
  private volatile long stallFirstMillis = 0;
  private HttpServer server;
  private final java.util.concurrent.atomic.AtomicInteger warmUps =
      new java.util.concurrent.atomic.AtomicInteger();
  private ExecutorService threads;

  @AfterEach
  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  @Test
  void retriesEach503AndCountsEveryEventOnce() throws Exception {
    refuseEvery = 4;
    start();

    LoadSummary summary =
        OtlpLoad.run(
            options("--count", "2050", "--batch", "100", "--connections", "3", "--gzip"),
            problems::add);

    assertEquals(List.of(), problems);
    assertEquals(2_050, summary.eventsSent());
    assertEquals(2_050, summary.eventsAcknowledged());
    assertEquals(21, summary.requests());
    assertEquals(0, summary.errors());
    assertTrue(summary.retries503() >= 5, summary.toJson());
    assertEquals(21 + summary.retries503(), posts.get());
    assertEquals(2_050, requestIds.size(), "a retry sends the same request ids again");
    assertTrue(warmUps.get() >= 3, "every connection is opened before the clock starts");
  }

  @Test
  void timesALateRequestFromWhenItWasDueNotFromWhenItWasSent() throws Exception {
    stallFirstMillis = 500;
    start();

    // Ten requests 100 ms apart over one connection; the first is answered after 500 ms, so the
    // next four are sent late. Timed from when they were sent, nine of ten would look fast.
    LoadSummary summary =
        OtlpLoad.run(
            options("--rate", "1000", "--batch", "100", "--count", "1000", "--connections", "1"),
            problems::add);

    assertEquals(10, summary.requests());
    assertEquals(1_000, summary.eventsAcknowledged());
    assertTrue(summary.latencies().percentileMillis(90) >= 390, summary.toJson());
    assertTrue(summary.latencies().maxMillis() >= 500, summary.toJson());
    assertTrue(summary.wallSeconds() >= 0.9, summary.toJson());
  }

  @Test
  void aDurationBoundsAPacedRun() throws Exception {
    start();

    LoadSummary summary =
        OtlpLoad.run(options("--rate", "2000", "--batch", "100", "--duration", "1"), problems::add);

    assertEquals(20, summary.requests(), "20 requests are due within the second");
    assertEquals(2_000, summary.eventsAcknowledged());
    assertTrue(summary.wallSeconds() >= 0.95 && summary.wallSeconds() < 2, summary.toJson());
  }

  @Test
  void aRefusingServerIsCountedAsErrors() throws Exception {
    refuseEvery = -1; // every request: 401
    start();

    LoadSummary summary = OtlpLoad.run(options("--count", "500", "--batch", "100"), problems::add);

    assertEquals(5, summary.errors());
    assertEquals(0, summary.eventsAcknowledged());
    assertTrue(problems.getFirst().startsWith("HTTP 401: {\"error\""), problems.toString());
  }

  private OtlpLoadOptions options(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--url",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "--token",
                "secret",
                "--run",
                "test"));
    args.addAll(List.of(more));
    return OtlpLoadOptions.parse(args.toArray(String[]::new));
  }

  private void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    threads = Executors.newFixedThreadPool(4);
    server.setExecutor(threads);
    server.createContext("/v1/logs", this::answer);
    server.start();
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    if (body.length == 0) {
      // The generator's untimed requests that open its connections: an empty export.
      warmUps.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      return;
    }
    int post = posts.incrementAndGet();
    if (refuseEvery < 0
        || !"Bearer secret".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      reply(exchange, 401, "{\"error\":{\"code\":\"unauthorized\"}}");
      return;
    }
    if (refuseEvery > 0 && post % refuseEvery == 0) {
      exchange.getResponseHeaders().add("Retry-After", "0");
      reply(exchange, 503, "{\"error\":{\"code\":\"queue_full\"}}");
      return;
    }
    if (post == 1 && stallFirstMillis > 0) {
      try {
        Thread.sleep(stallFirstMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    ExportLogsServiceRequest.parseFrom(body)
        .getResourceLogs(0)
        .getScopeLogs(0)
        .getLogRecordsList()
        .forEach(
            record ->
                record.getAttributesList().stream()
                    .filter(a -> a.getKey().equals("request_id"))
                    .map(KeyValue::getValue)
                    .forEach(v -> requestIds.add(v.getStringValue())));
    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
