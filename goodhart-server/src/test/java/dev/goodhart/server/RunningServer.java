package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goodhart.ingest.prices.PriceFiles;
import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.access.Scope;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A real server on a real store in a test's folder, on a free port, with a client for it. */
final class RunningServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] SECRET = "a pseudonym secret for the tests".getBytes(StandardCharsets.UTF_8);

  final DuckDbStore store;
  final GoodhartServer server;
  final Pseudonyms pseudonyms = Pseudonyms.withSecret(SECRET);
  final HttpClient client = HttpClient.newHttpClient();
  final String admin;

  RunningServer(Path folder, ServerConfig config) {
    store = DuckDbStore.open(folder, new DuckDbStore.Settings("256MB", 2));
    ApiTokens.Created created =
        ApiTokens.create(EnumSet.of(Scope.ADMIN), "test admin", Clock.systemUTC().instant());
    store.saveToken(created.stored());
    admin = created.token();
    server =
        GoodhartServer.start(
            config.withPort("127.0.0.1", 0),
            store,
            new Pricer(PriceFiles.builtIn(), CostMode.AUTO),
            pseudonyms,
            Clock.systemUTC(),
            GoodhartServer.RepositoryRefresher.NONE);
  }

  RunningServer(Path folder) {
    this(folder, ServerConfig.defaults());
  }

  /** The store, once every fact the server acknowledged so far is in it. */
  DuckDbStore stored() {
    if (!server.awaitStored(Duration.ofSeconds(10))) {
      throw new AssertionError("the server did not store what it acknowledged within 10 s");
    }
    return store;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  /** Makes a token through the admin API. */
  String token(Scope... scopes) throws IOException, InterruptedException {
    StringBuilder list = new StringBuilder();
    for (Scope scope : Set.of(scopes)) {
      list.append(list.isEmpty() ? "" : ",").append('"').append(scope.wireName()).append('"');
    }
    HttpResponse<String> answer =
        send(
            post(
                "/api/v1/tokens",
                admin,
                "application/json",
                "{\"name\":\"t\",\"scopes\":[" + list + "]}"));
    assertEquals(201, answer.statusCode(), answer.body());
    return JSON.readTree(answer.body()).get("token").asText();
  }

  HttpRequest.Builder request(String path, @Nullable String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(path)));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  HttpRequest get(String path, @Nullable String token) {
    return request(path, token).GET().build();
  }

  HttpRequest post(String path, @Nullable String token, String type, String body) {
    return post(path, token, type, body.getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest post(String path, @Nullable String token, String type, byte[] body) {
    return request(path, token)
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpRequest request, int status) throws IOException, InterruptedException {
    HttpResponse<String> answer = send(request);
    assertEquals(status, answer.statusCode(), answer.body());
    return JSON.readTree(answer.body());
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
