package dev.goodhart.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.access.ApiToken;
import dev.goodhart.model.access.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The token endpoints of a running server ({@code /api/v1/tokens}), for {@code goodhart token}
 * while the server holds the store. Answers are those of {@link AdminApi}.
 */
public final class AdminClient {
  /** A token as listed: never its secret or hash. */
  public record Listed(
      String id, String name, Set<Scope> scopes, Instant createdAt, @Nullable Instant revokedAt) {
    public Listed {
      requireNonNull(id, "id is null");
      requireNonNull(name, "name is null");
      requireNonNull(createdAt, "createdAt is null");
      scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public static Listed of(ApiToken token) {
      return new Listed(
          token.id(), token.name(), token.scopes(), token.createdAt(), token.revokedAt());
    }
  }

  /** A token just made: its id and the token itself, shown once. */
  public record Made(String id, String token) {}

  // A write waits for its commit on the server, up to the acknowledgement timeout (30 s).
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

  private final LocalAdmin.Endpoint endpoint;
  private final HttpClient client;

  public AdminClient(LocalAdmin.Endpoint endpoint) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public URI url() {
    return endpoint.url();
  }

  public Made create(Set<Scope> scopes, String name) {
    ObjectNode body = GoodhartServer.JSON.createObjectNode();
    body.put("name", name);
    scopes.stream().sorted().forEach(scope -> body.withArray("scopes").add(scope.wireName()));
    JsonNode answer =
        expect(
            201,
            request("/api/v1/tokens")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    return new Made(answer.path("id").asText(), answer.path("token").asText());
  }

  public List<Listed> tokens() {
    JsonNode answer = expect(200, request("/api/v1/tokens").GET().build());
    List<Listed> tokens = new ArrayList<>();
    for (JsonNode row : answer.path("tokens")) {
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      for (JsonNode scope : row.path("scopes")) {
        Scope.fromWire(scope.asText("")).ifPresent(scopes::add);
      }
      String revoked = row.path("revokedAt").asText("");
      tokens.add(
          new Listed(
              row.path("id").asText(),
              row.path("name").asText(),
              scopes,
              Instant.parse(row.path("createdAt").asText()),
              revoked.isEmpty() || row.path("revokedAt").isNull() ? null : Instant.parse(revoked)));
    }
    return tokens;
  }

  /** Revokes an active token; false when the server has no active token of that id. */
  public boolean revoke(String id) {
    HttpResponse<String> answer =
        send(
            request("/api/v1/tokens/" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .DELETE()
                .build());
    if (answer.statusCode() == 404) {
      return false;
    }
    check(204, answer);
    return true;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(endpoint.url().resolve(path))
        .timeout(ANSWER_TIMEOUT)
        .header("Authorization", "Bearer " + endpoint.token());
  }

  private JsonNode expect(int status, HttpRequest request) {
    HttpResponse<String> answer = send(request);
    check(status, answer);
    try {
      return GoodhartServer.JSON.readTree(answer.body());
    } catch (IOException e) {
      throw failure("answered something that is not JSON: " + e.getMessage(), e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw failure(
          "does not answer (%s); if it is starting or stopping, retry"
              .formatted(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("was not waited for: interrupted", e);
    }
  }

  private void check(int status, HttpResponse<String> answer) {
    if (answer.statusCode() == status) {
      return;
    }
    String message = answer.body();
    try {
      JsonNode error = GoodhartServer.JSON.readTree(answer.body()).path("error").path("message");
      if (error.isTextual()) {
        message = error.asText();
      }
    } catch (IOException e) {
      // the body as it came
    }
    if (answer.statusCode() == 401) {
      message +=
          "; the credential in " + LocalAdmin.FILE_NAME + " is not this server's: restart it";
    }
    throw failure("answered %d: %s".formatted(answer.statusCode(), message), null);
  }

  private GoodhartException failure(String what, @Nullable Exception cause) {
    return new GoodhartException(
        ErrorCode.NETWORK_FAILURE,
        "the running goodhart serve at %s %s".formatted(endpoint.url(), what),
        cause);
  }
}
