package dev.goodhart.ingest.forge;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forge on a local port that replays recorded answers, for tests that must not touch the network.
 * Each path (with its query, as sent) has a script of answers; the last one repeats. Like GitHub,
 * an answer with an ETag is answered {@code 304} to a request that sends it back in {@code
 * If-None-Match}, and a path with no script is a {@code 404}. Every request is recorded.
 */
public final class FakeForge implements AutoCloseable {
  /** One recorded answer. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    /** The same answer with one more header. */
    public Answer with(String header, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(header, value);
      return new Answer(status, more, body);
    }
  }

  /** One request as received: headers by lower-case name, its method and body. */
  public record Request(String target, Map<String, String> headers, String method, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Answer>> scripts = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();

  public FakeForge() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public static Answer json(String body) {
    return new Answer(200, Map.of("Content-Type", "application/json"), body.getBytes(UTF_8));
  }

  public static Answer status(int status, String body) {
    return new Answer(status, Map.of("Content-Type", "application/json"), body.getBytes(UTF_8));
  }

  /** The server's address, {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Scripts the answers to a path and query, in order; the last one repeats. */
  public synchronized FakeForge on(String target, Answer... answers) {
    scripts.put(target, new ArrayDeque<>(List.of(answers)));
    return this;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests to a path (its query aside). */
  public synchronized List<Request> requestsTo(String path) {
    return requests.stream()
        .filter(r -> r.target().equals(path) || r.target().startsWith(path + "?"))
        .toList();
  }

  public synchronized void forgetRequests() {
    requests.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
      String target =
          exchange.getRequestURI().getRawPath()
              + (exchange.getRequestURI().getRawQuery() == null
                  ? ""
                  : "?" + exchange.getRequestURI().getRawQuery());
      Map<String, String> headers = new HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
      Answer answer;
      synchronized (this) {
        requests.add(new Request(target, Map.copyOf(headers), exchange.getRequestMethod(), body));
        Deque<Answer> script = scripts.get(target);
        answer =
            script == null
                ? status(404, "{\"message\":\"Not Found\"}")
                : script.size() > 1 ? script.poll() : script.peek();
      }
      String etag = answer.headers().get("ETag");
      if (answer.status() == 200 && etag != null && etag.equals(headers.get("if-none-match"))) {
        exchange.getResponseHeaders().add("ETag", etag);
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(
          answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
      if (answer.body().length > 0) {
        exchange.getResponseBody().write(answer.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
