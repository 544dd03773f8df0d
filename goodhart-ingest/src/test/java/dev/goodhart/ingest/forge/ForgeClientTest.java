package dev.goodhart.ingest.forge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.github.GitHubForge;
import dev.goodhart.ingest.gitlab.GitLabForge;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the client meets rate limits, failures and refusals; the sleeper records every wait. */
class ForgeClientTest {
  static final Instant NOW = Instant.parse("2026-03-07T12:00:00Z");
  static final String PAGE = "/repos/acme/web/pulls";

  final FakeForge server = new FakeForge();
  final List<Duration> waits = new ArrayList<>();
  final List<String> heard = new ArrayList<>();
  final Pseudonyms pseudonyms = Pseudonyms.withSecret("an organisation secret".getBytes(UTF_8));

  @AfterEach
  void stop() {
    server.close();
  }

  ForgeClient client(Forge forge, URI api, @Nullable String token, Duration maxWait) {
    return new ForgeClient(
        ForgeClient.newHttpClient(),
        forge,
        token,
        api,
        Clock.fixed(NOW, ZoneOffset.UTC),
        waits::add,
        new ForgeClient.Settings(maxWait, 3, Duration.ofSeconds(10)),
        new ForgeListener() {
          @Override
          public void waiting(Duration wait, Instant until, String why) {
            heard.add(why + " until " + until);
          }
        });
  }

  ForgeClient.Answer get(@Nullable String token) {
    return client(new GitHubForge(pseudonyms), server.url(), token, Duration.ofMinutes(15))
        .get(server.url().resolve(PAGE), null);
  }

  static FakeForge.Answer ok() {
    return FakeForge.json("[]");
  }

  @Test
  void aTooManyRequestsAnswerWaitsForItsRetryAfter() {
    server.on(PAGE, FakeForge.status(429, "{}").with("Retry-After", "30"), ok());

    assertInstanceOf(ForgeClient.Page.class, get("t"));

    assertEquals(List.of(Duration.ofSeconds(30)), waits);
    assertEquals(2, server.requests().size());
  }

  @Test
  void aSpentRateLimitWaitsUntilItsResetPlusASecond() {
    server.on(
        PAGE,
        FakeForge.status(403, "{\"message\": \"API rate limit exceeded\"}")
            .with("X-RateLimit-Remaining", "0")
            .with("X-RateLimit-Reset", Long.toString(NOW.plusSeconds(300).getEpochSecond())),
        ok());

    get("t");

    assertEquals(List.of(Duration.ofSeconds(301)), waits);
    assertEquals(List.of("GitHub's rate limit is spent until 2026-03-07T12:05:01Z"), heard);
  }

  @Test
  void gitLabsRateLimitHeadersToo() {
    server.on(
        "/projects/acme%2Fweb/merge_requests",
        FakeForge.status(429, "{\"message\": \"Retry later\"}")
            .with("RateLimit-Remaining", "0")
            .with("RateLimit-Reset", Long.toString(NOW.plusSeconds(59).getEpochSecond())),
        ok());

    client(new GitLabForge(pseudonyms), server.url(), "t", Duration.ofMinutes(15))
        .get(server.url().resolve("/projects/acme%2Fweb/merge_requests"), null);

    assertEquals(List.of(Duration.ofSeconds(60)), waits);
  }

  @Test
  void aSecondaryRateLimitWithoutHeadersWaitsAMinute() {
    server.on(
        PAGE,
        FakeForge.status(
            403, "{\"message\": \"You have exceeded a secondary rate limit. Please wait.\"}"),
        ok());

    get("t");

    assertEquals(List.of(Duration.ofMinutes(1)), waits);
  }

  @Test
  void aWaitLongerThanTheLimitEndsTheImportWithWhatToDo() {
    server.on(
        PAGE,
        FakeForge.status(403, "{\"message\": \"API rate limit exceeded\"}")
            .with("X-RateLimit-Remaining", "0")
            .with("X-RateLimit-Reset", Long.toString(NOW.plusSeconds(3000).getEpochSecond())));

    GoodhartException e = assertThrows(GoodhartException.class, () -> get(null));

    assertEquals(ErrorCode.RATE_LIMITED, e.code());
    assertEquals(
        "GitHub's rate limit allows no more requests until 2026-03-07T12:50:01Z (in 50m 1s),"
            + " longer than --max-wait 15m; what was imported so far is stored: run the same"
            + " command again then (a token raises the limit: --token-file FILE or GITHUB_TOKEN)",
        e.getMessage());
    assertTrue(waits.isEmpty());
  }

  @Test
  void aBadGatewayIsTriedAgain() {
    server.on(PAGE, FakeForge.status(502, "<html>Bad Gateway</html>"), ok());

    assertInstanceOf(ForgeClient.Page.class, get("t"));

    assertEquals(List.of(Duration.ofSeconds(1)), waits);
  }

  @Test
  void serverErrorsAreTriedThreeTimesWithGrowingWaits() {
    server.on(PAGE, FakeForge.status(500, "{\"message\": \"Server Error\"}"));

    GoodhartException e = assertThrows(GoodhartException.class, () -> get("t"));

    assertEquals(ErrorCode.NETWORK_FAILURE, e.code());
    assertEquals(
        List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), waits);
    assertTrue(
        e.getMessage().contains("failed 4 times (last: 500 \"Server Error\")"), e.getMessage());
  }

  @Test
  void aRefusedConnectionIsTriedAgainThenReported() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    GoodhartException e =
        assertThrows(
            GoodhartException.class,
            () ->
                client(new GitHubForge(pseudonyms), closed, "t", Duration.ofMinutes(15))
                    .get(closed.resolve(PAGE), null));

    assertEquals(ErrorCode.NETWORK_FAILURE, e.code());
    assertEquals(3, waits.size());
    assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
  }

  @Test
  void aRefusedTokenSaysWhereTokensComeFromAndNeverShowsIt() {
    server.on(PAGE, FakeForge.status(401, "{\"message\": \"Bad credentials\"}"));

    GoodhartException refused = assertThrows(GoodhartException.class, () -> get("ghp_sekrit"));
    GoodhartException missing = assertThrows(GoodhartException.class, () -> get(null));

    assertEquals(ErrorCode.FORGE_REFUSED, refused.code());
    assertTrue(
        refused
            .getMessage()
            .startsWith("the token was refused by GitHub (401 at GET http://127.0.0.1:"),
        refused.getMessage());
    assertTrue(refused.getMessage().endsWith("check --token-file / GITHUB_TOKEN"));
    assertFalse(refused.getMessage().contains("sekrit"));
    assertTrue(
        missing.getMessage().contains("give one with --token-file FILE or GITHUB_TOKEN"),
        missing.getMessage());
  }

  @Test
  void aForbiddenAnswerThatIsNoRateLimitIsARefusal() {
    server.on(
        PAGE, FakeForge.status(403, "{\"message\": \"Resource not accessible by integration\"}"));

    GoodhartException e = assertThrows(GoodhartException.class, () -> get("t"));

    assertEquals(ErrorCode.FORGE_REFUSED, e.code());
    assertTrue(e.getMessage().contains("(403 \"Resource not accessible by integration\")"));
  }

  @Test
  void notFoundIsAnAnswerForTheCallerToName() {
    assertInstanceOf(ForgeClient.NotFound.class, get("t"));
  }

  @Test
  void redirectsAreFollowedOnTheApisHostOnly() {
    server.on(
        PAGE,
        FakeForge.status(301, "{}").with("Location", server.url() + "/repositories/901234/pulls"));
    server.on("/repositories/901234/pulls", ok());
    assertInstanceOf(ForgeClient.Page.class, get("t"));
    assertEquals("Bearer t", server.requests().get(1).header("Authorization"));

    server.on(PAGE, FakeForge.status(302, "{}").with("Location", "https://elsewhere.example/x"));
    GoodhartException e = assertThrows(GoodhartException.class, () -> get("t"));
    assertTrue(e.getMessage().contains("follows redirects on the API's own host only"));
  }

  @Test
  void gitLabsTokenGoesInItsOwnHeader() {
    server.on("/projects/acme%2Fplatform%2Fweb/merge_requests", ok());
    ForgeClient client =
        client(new GitLabForge(pseudonyms), server.url(), "glpat-x", Duration.ofMinutes(15));

    client.get(server.url().resolve("/projects/acme%2Fplatform%2Fweb/merge_requests"), null);

    FakeForge.Request request = server.requests().getFirst();
    assertEquals("/projects/acme%2Fplatform%2Fweb/merge_requests", request.target());
    assertEquals("glpat-x", request.header("PRIVATE-TOKEN"));
    assertEquals(null, request.header("Authorization"));
  }
}
