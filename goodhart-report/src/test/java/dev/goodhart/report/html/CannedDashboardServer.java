package dev.goodhart.report.html;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's page and assets served as {@code goodhart serve} serves them ({@code GET /},
 * {@code GET /assets/{name}}), and {@code /api/v1/...} answers that the test chooses. It records
 * every API request, and how many of one endpoint were answered at once.
 */
final class CannedDashboardServer implements AutoCloseable {
  /** The policy docs/server-api.md says the page works under. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

  /** An API request as the page sent it: {@code endpoint} is the part after /api/v1/. */
  record Request(String endpoint, Map<String, String> query, @Nullable String authorization) {
    String parameter(String name) {
      return query.getOrDefault(name, "");
    }
  }

  record Answer(int status, String json) {
    static Answer ok(String json) {
      return new Answer(200, json);
    }

    static Answer error(int status, String code, String message) {
      return new Answer(
          status,
          "{\"error\": {\"status\": "
              + status
              + ", \"code\": \""
              + code
              + "\", \"message\": \""
              + message
              + "\"}}");
    }
  }

  interface Api {
    Answer answer(Request request);
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
  private volatile Api api;
  private volatile Duration delay = Duration.ZERO;

  private CannedDashboardServer(Api api) throws IOException {
    this.api = api;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Several threads, so requests the page sends at once are answered at once.
    threads = Executors.newFixedThreadPool(8);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  static CannedDashboardServer start(Api api) throws IOException {
    return new CannedDashboardServer(api);
  }

  URI uri(String pathQueryAndFragment) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathQueryAndFragment);
  }

  void answer(Api api) {
    this.api = requireNonNull(api, "api is null");
  }

  /** Holds every API answer back this long, so that requests would overlap if the page let them. */
  void delayAnswers(Duration delay) {
    this.delay = requireNonNull(delay, "delay is null");
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(String endpoint) {
    return requests.stream().filter(r -> r.endpoint().equals(endpoint)).toList();
  }

  void forget() {
    requests.clear();
    mostAtOnce.clear();
  }

  /** The most requests to the endpoint that were being answered at the same moment. */
  int mostAtOnce(String endpoint) {
    AtomicInteger most = mostAtOnce.get(endpoint);
    return most == null ? 0 : most.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/") || path.equals("/dashboard")) {
        exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        send(exchange, 200, DashboardAssets.PAGE_CONTENT_TYPE, DashboardAssets.page());
      } else if (path.equals("/blank")) {
        send(exchange, 200, DashboardAssets.PAGE_CONTENT_TYPE, "<!DOCTYPE html><title>-</title>");
      } else if (path.startsWith("/assets/")) {
        Optional<DashboardAssets.Asset> asset =
            DashboardAssets.asset(path.substring("/assets/".length()));
        if (asset.isPresent()) {
          send(exchange, 200, asset.get().contentType(), asset.get().bytes());
        } else {
          send(exchange, 404, "text/plain; charset=utf-8", "no such asset");
        }
      } else if (path.startsWith("/api/v1/")) {
        answerApi(exchange, path.substring("/api/v1/".length()));
      } else {
        send(exchange, 404, "text/plain; charset=utf-8", "not found");
      }
    }
  }

  private void answerApi(HttpExchange exchange, String endpoint) throws IOException {
    Request request =
        new Request(
            endpoint,
            query(exchange.getRequestURI().getRawQuery()),
            exchange.getRequestHeaders().getFirst("Authorization"));
    requests.add(request);
    AtomicInteger now = running.computeIfAbsent(endpoint, unused -> new AtomicInteger());
    mostAtOnce
        .computeIfAbsent(endpoint, unused -> new AtomicInteger())
        .accumulateAndGet(now.incrementAndGet(), Math::max);
    try {
      Thread.sleep(delay);
      Answer answer = api.answer(request);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      send(exchange, answer.status(), "application/json", answer.json());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      now.decrementAndGet();
    }
  }

  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        query.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
