package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.model.access.Scope;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, scopes, limits and error answers, against a running server. */
class ServerAccessTest {
  @TempDir Path folder;
  RunningServer running;

  @BeforeEach
  void start() {
    running = new RunningServer(folder, ServerConfig.defaults().withLimits(4096, 1000));
  }

  @AfterEach
  void stop() {
    running.close();
  }

  private static void assertError(JsonNode answer, int status, String code, String phrase) {
    assertEquals(status, answer.path("error").path("status").asInt(), answer.toString());
    assertEquals(code, answer.path("error").path("code").asText(), answer.toString());
    assertTrue(
        answer.path("error").path("message").asText().contains(phrase),
        () -> answer + " should say " + phrase);
  }

  @Test
  void healthNeedsNoTokenAndTellsNothing() throws Exception {
    assertEquals("ok", running.json(running.get("/healthz", null), 200).get("status").asText());
  }

  @Test
  void readingNeedsATokenWithTheReadScope() throws Exception {
    assertError(
        running.json(running.get("/api/v1/report", null), 401),
        401,
        "unauthorized",
        "--scope read");
    assertError(
        running.json(running.get("/api/v1/report", "ght_aaaaaaaaaaaa_" + "x".repeat(43)), 401),
        401,
        "unauthorized",
        "not one this server made");
    assertError(
        running.json(running.get("/api/v1/report", "not a token"), 401),
        401,
        "unauthorized",
        "not one this server made");
    String ingest = running.token(Scope.INGEST);
    assertError(
        running.json(running.get("/api/v1/report", ingest), 403), 403, "forbidden", "needs 'read'");
    String read = running.token(Scope.READ);
    JsonNode report = running.json(running.get("/api/v1/report", read), 200);
    // An empty store has no people: the view is suppressed, never a figure about one person.
    assertTrue(report.get("suppressed").asBoolean(), report.toString());
  }

  @Test
  void billedSpendIsReadLikeTheReportAndTakesOnlyDates() throws Exception {
    assertError(
        running.json(running.get("/api/v1/spend", null), 401), 401, "unauthorized", "--scope read");
    String ingest = running.token(Scope.INGEST);
    assertError(
        running.json(running.get("/api/v1/spend", ingest), 403), 403, "forbidden", "needs 'read'");
    String read = running.token(Scope.READ);
    assertError(
        running.json(running.get("/api/v1/spend?team=platform", read), 400),
        400,
        "bad_request",
        "since and until only");
    assertError(
        running.json(running.get("/api/v1/spend?since=2026-13-01", read), 400),
        400,
        "bad_request",
        "not a date");

    JsonNode spend = running.json(running.get("/api/v1/spend?since=2026-11-01", read), 200);

    // No usage and no bill name anyone: the organisation is below the privacy floor.
    assertTrue(spend.get("suppressed").asBoolean(), spend.toString());
    assertEquals("2026-11-01", spend.at("/scope/since").asText());
    assertTrue(spend.get("days").isEmpty());
  }

  @Test
  void managingTokensNeedsAdminAndARevokedTokenStopsWorking() throws Exception {
    String read = running.token(Scope.READ);
    assertError(
        running.json(running.get("/api/v1/tokens", read), 403), 403, "forbidden", "needs 'admin'");
    JsonNode tokens = running.json(running.get("/api/v1/tokens", running.admin), 200);
    assertEquals(2, tokens.get("tokens").size());
    assertFalse(tokens.toString().contains(read), "a listing never shows a token");
    String id = ApiTokens.idOf(read).orElseThrow();
    HttpResponse<String> revoked =
        running.send(running.request("/api/v1/tokens/" + id, running.admin).DELETE().build());
    assertEquals(204, revoked.statusCode(), revoked.body());
    assertError(
        running.json(running.get("/api/v1/filters", read), 401), 401, "unauthorized", "revoked");
    assertError(
        running.json(
            running.post(
                "/api/v1/tokens", running.admin, "application/json", "{\"scopes\":[\"root\"]}"),
            400),
        400,
        "bad_request",
        "scope 'root' is unknown");
  }

  @Test
  void badRequestsGetAClearJsonError() throws Exception {
    assertError(running.json(running.get("/v1/nothing", null), 404), 404, "not_found", "/v1/logs");
    assertError(
        running.json(running.post("/api/v1/tokens", running.admin, "text/plain", "{}"), 415),
        415,
        "unsupported_media_type",
        "application/json");
    assertError(
        running.json(
            running.post("/api/v1/tokens", running.admin, "application/json", "{\"scopes\":"), 400),
        400,
        "bad_request",
        "not valid JSON at line 1");
    assertError(
        running.json(
            running.post(
                "/api/v1/tokens",
                running.admin,
                "application/json",
                "{\"x\":\"" + "y".repeat(5000) + "\"}"),
            413),
        413,
        "too_large",
        "at most 4,096");
  }

  @Test
  void teamsArePseudonymisedAndSmallTeamsSuppressed() throws Exception {
    String body = "{\"teams\":{\"platform\":[\"a@x.org\",\"b@x.org\"],\"web\":[\"c@x.org\"]}}";
    JsonNode stored =
        running.json(
            running
                .request("/api/v1/teams", running.admin)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(),
            200);
    assertEquals(3, stored.get("people").asInt());
    assertFalse(running.stored().teams().toString().contains("@"), "no address is stored");
    String read = running.token(Scope.READ);
    JsonNode filters = running.json(running.get("/api/v1/filters", read), 200);
    assertEquals("platform", filters.get("teams").get(0).get("name").asText());
    assertTrue(filters.get("teams").get(0).get("suppressed").asBoolean());
    assertTrue(
        filters.get("teams").get(0).get("people").isNull(), "a small team's size is not shown");
    JsonNode team = running.json(running.get("/api/v1/report?team=platform", read), 200);
    assertTrue(team.get("suppressed").asBoolean());
    assertTrue(team.get("people").isNull(), team.toString());
    assertError(
        running.json(running.get("/api/v1/report?team=nobody", read), 404),
        404,
        "not_found",
        "no team 'nobody'");
    assertError(
        running.json(running.get("/api/v1/report?since=yesterday", read), 400),
        400,
        "bad_request",
        "YYYY-MM-DD");
  }
}
