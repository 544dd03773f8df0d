package dev.goodhart.ingest.deploys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.ingest.SampleJson;
import dev.goodhart.ingest.SampleJson.Raw;
import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.WebhookPayloadException.Problem;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.IncidentFact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generic events schema: what it accepts, field by field, and how it refuses. */
class GenericEventsTest {
  static DeliveryBatch parse(String json) throws WebhookPayloadException {
    return GenericEvents.parse(json.getBytes(UTF_8), "ci");
  }

  static WebhookPayloadException rejected(String json) {
    return assertThrows(WebhookPayloadException.class, () -> parse(json));
  }

  static WebhookPayloadException rejected(SampleJson json) {
    return rejected(json.toString());
  }

  static SampleJson sample() {
    return SampleJson.of("generic/events.json");
  }

  @Test
  void theSampleRequest() throws WebhookPayloadException {
    DeliveryBatch batch = parse(ParserHarness.sample("generic/events.json"));

    assertNull(batch.deliveryId());
    assertEquals(4, batch.size());
    assertEquals(
        List.of(
            new DeploymentFact(
                "ci",
                "deploy-2026-03-04-1",
                "acme-corp/billing-service",
                "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6",
                "production",
                "success",
                Instant.parse("2026-03-04T17:05:31Z")),
            // an integer id as text, an abbreviated sha in lower case, the offset applied
            new DeploymentFact(
                "argo-cd",
                "88123",
                "acme-corp/billing-service",
                "9f1c2e3",
                "staging",
                "failure",
                Instant.parse("2026-03-04T17:05:31Z"))),
        batch.deployments());
    assertEquals(
        List.of(
            new IncidentFact(
                "pagerduty",
                "INC-1042",
                "acme-corp/billing-service",
                "sev2",
                Instant.parse("2026-03-05T02:14:00Z"),
                Instant.parse("2026-03-05T03:01:30Z"),
                "deploy-2026-03-04-1",
                List.of("9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6", "3b7a1c9")),
            // still open, blaming nothing
            new IncidentFact(
                "ci",
                "INC-1043",
                null,
                "critical",
                Instant.parse("2026-03-06T02:00:00Z"),
                null,
                null,
                List.of())),
        batch.incidents());
    assertEquals(List.of(), batch.pullRequests());
    assertEquals(List.of(), batch.reviews());
    assertEquals(List.of(), batch.pushes());
  }

  @Test
  void theDocumentedExampleIsTheSampleAndParses() throws IOException, WebhookPayloadException {
    String document = Files.readString(Path.of("../docs/events-api.md"));
    Matcher example =
        Pattern.compile("<!-- example request -->\\s*```json\\n(.*?)```", Pattern.DOTALL)
            .matcher(document);

    assertTrue(example.find(), "no example in events-api.md");
    assertEquals(
        SampleJson.of("generic/events.json").toString(),
        SampleJson.parse(example.group(1)).toString());
  }

  @Test
  void theDocumentedErrorIsWhatTheParserSays() throws IOException {
    String document = Files.readString(Path.of("../docs/events-api.md"));
    Matcher example =
        Pattern.compile("<!-- example error -->\\s*```json\\n(.*?)```", Pattern.DOTALL)
            .matcher(document);
    assertTrue(example.find(), "no error in events-api.md");
    JsonNode documented = new ObjectMapper().readTree(example.group(1));

    WebhookPayloadException e =
        rejected(
            sample()
                .set("deployments.0.sha", "9f1c2e")
                .set("deployments.1.at", "2026-03-04T18:05:31")
                .remove("incidents.0.resolvedAt")
                .set("incidents.0.resolved_at", "2026-03-05T03:01:30Z"));

    assertEquals(documented.get("message").asText(), e.getMessage());
    assertEquals(documented.get("problemCount").asInt(), e.problemCount());
    List<Problem> problems = new ArrayList<>();
    for (JsonNode problem : documented.get("problems")) {
      problems.add(
          new Problem(
              problem.get("path").asText(),
              problem.get("value").asText(),
              problem.get("expected").asText()));
    }
    assertEquals(problems, e.problems());
  }

  @Test
  void eitherListMayBeAbsentOrNull() throws WebhookPayloadException {
    assertEquals(1, rejectedNot(sample().remove("incidents").remove("deployments.1")).size());
    assertEquals(2, rejectedNot(sample().set("deployments", null)).size());
  }

  private static DeliveryBatch rejectedNot(SampleJson json) throws WebhookPayloadException {
    return parse(json.toString());
  }

  @Test
  void everyStatusIsAccepted() throws WebhookPayloadException {
    for (String status : GenericEvents.STATUSES) {
      assertEquals(
          status,
          parse(sample().set("deployments.0.status", status).toString())
              .deployments()
              .getFirst()
              .status());
    }
  }

  @Test
  void anEmptyRequest() {
    assertEquals(
        "events request: the body is {}, expected at least one deployment or incident",
        rejected("{}").getMessage());
    assertEquals(
        "events request: the body is {...}, expected at least one deployment or incident",
        rejected("{\"deployments\": [], \"incidents\": null}").getMessage());
  }

  @Test
  void notAnObject() {
    assertEquals(
        "events request: the body is [...], expected a JSON object",
        rejected("[{\"id\": 1}]").getMessage());
    assertEquals(
        "events request: deployments is {...}, expected an array",
        rejected("{\"deployments\": {\"id\": 1}}").getMessage());
    assertEquals(
        "events request: deployments[0] is \"d-1\", expected an object",
        rejected("{\"deployments\": [\"d-1\"]}").getMessage());
  }

  @Test
  void aCutOffRequest() {
    String whole = ParserHarness.sample("generic/events.json");

    assertEquals(
        "events request: deployments[1].id is not JSON (Unexpected end-of-input: expected close"
            + " marker for Object at line 12, column 18), expected a JSON object",
        rejected(whole.substring(0, whole.indexOf("\"id\": 88123") + 11)).getMessage());
  }

  @Test
  void eachFieldsRule() {
    WebhookPayloadException e =
        rejected(
            sample()
                .set("deployments.0.id", "")
                .set("deployments.0.repository", 12)
                .set("deployments.0.sha", "9f1c2e")
                .set("deployments.0.environment", " production")
                .set("deployments.0.status", "succeeded")
                .set("deployments.0.at", "2026-03-04T17:05:31")
                .set("deployments.0.source", "Argo CD")
                .set("incidents.0.id", -4)
                .set("incidents.0.severity", new Raw("[\"sev2\"]"))
                .set("incidents.0.openedAt", "2026-02-30T10:00:00Z")
                .set("incidents.0.deploymentId", false)
                .set("incidents.0.commits", new Raw("[\"3b7a1c9\", \"not a sha\", null]"))
                .set("incidents.1.resolvedAt", "2026-03-06T01:59:59Z"));

    assertEquals(
        List.of(
            new Problem("deployments[0].id", "\"\"", "a non-empty string"),
            new Problem("deployments[0].repository", "12", "a string"),
            new Problem("deployments[0].sha", "\"9f1c2e\"", "7 to 40 hex digits"),
            new Problem(
                "deployments[0].environment",
                "\" production\"",
                "a string without leading or trailing spaces"),
            new Problem(
                "deployments[0].status",
                "\"succeeded\"",
                "one of success, failure, error, pending, in_progress, queued, inactive"),
            new Problem(
                "deployments[0].at",
                "\"2026-03-04T17:05:31\"",
                "an ISO-8601 time with an offset, like 2026-03-01T09:30:00Z"),
            new Problem(
                "deployments[0].source",
                "\"Argo CD\"",
                "a source name: lower-case letters, digits, '.', '-' and '_', at most 64"
                    + " characters"),
            new Problem("incidents[0].id", "-4", "a string or a non-negative integer"),
            new Problem("incidents[0].severity", "[...]", "a string"),
            new Problem(
                "incidents[0].openedAt",
                "\"2026-02-30T10:00:00Z\"",
                "an ISO-8601 time with an offset, like 2026-03-01T09:30:00Z"),
            new Problem("incidents[0].deploymentId", "false", "a string or a non-negative integer"),
            new Problem("incidents[0].commits[1]", "\"not a sha\"", "7 to 40 hex digits"),
            new Problem("incidents[0].commits[2]", "null", "a string of 7 to 40 hex digits"),
            new Problem(
                "incidents[1].resolvedAt",
                "\"2026-03-06T01:59:59Z\"",
                "a time no earlier than openedAt")),
        e.problems());
    assertEquals(14, e.problemCount());
  }

  @Test
  void requiredFieldsAreNamed() {
    assertEquals(
        "events request, 8 problems: deployments[0].id is missing, expected a string or a"
            + " non-negative integer; deployments[0].repository is missing, expected a string;"
            + " deployments[0].sha is missing, expected a string of 7 to 40 hex digits;"
            + " deployments[0].environment is missing, expected a string; deployments[0].status"
            + " is missing, expected a string; deployments[0].at is missing, expected an"
            + " ISO-8601 time with an offset, like 2026-03-01T09:30:00Z; incidents[0].severity is"
            + " missing, expected a string; incidents[0].openedAt is null, expected an ISO-8601"
            + " time with an offset, like 2026-03-01T09:30:00Z",
        rejected(
                "{\"deployments\": [{}], \"incidents\": [{\"id\": \"i-1\", \"openedAt\":"
                    + " null}]}")
            .getMessage());
  }

  @Test
  void anUnknownFieldIsAProblemAndANearMissIsPointedAt() {
    WebhookPayloadException e =
        rejected(
            sample()
                .set("incidents.0.resolved_at", "2026-03-05T03:01:30Z")
                .set("deployments.1.url", "https://ci.acme.example/42")
                .set("deployment", new Raw("[]")));

    assertEquals(
        List.of(
            new Problem("deployment", "[]", "no such field; did you mean 'deployments'?"),
            new Problem(
                "deployments[1].url",
                "\"https://ci.acme.example/42\"",
                "no such field (a deployment has id, repository, sha, environment, status, at,"
                    + " source)"),
            new Problem(
                "incidents[0].resolved_at",
                "\"2026-03-05T03:01:30Z\"",
                "no such field; did you mean 'resolvedAt'?")),
        e.problems());
  }

  @Test
  void whatCouldHideTextInALogIsEscapedInTheValue() {
    WebhookPayloadException e =
        rejected(
            sample()
                .set("deployments.0.environment", "prod\u007f")
                .set("deployments.1.environment", "\u202eprod\u0085")
                .set("incidents.0.severity", "sev\u00002"));

    assertEquals(
        List.of("\"prod\\u007f\"", "\"\\u202eprod\\u0085\"", "\"sev\\u00002\""),
        e.problems().stream().map(Problem::value).toList());
  }

  @Test
  void halfACharacterIsRefused() {
    // Written as an escape: UTF-8 has no bytes for half of a surrogate pair.
    WebhookPayloadException e =
        rejected(
            "{\"incidents\": [{\"id\": \"i-\\ud800\", \"severity\": \"sev\\ud83d\\ude92\","
                + " \"openedAt\": \"2026-03-04T17:05:31Z\"}]}");

    assertEquals(
        "events request: incidents[0].id is \"i-\\ud800\", expected a string of whole characters,"
            + " without half of a surrogate pair",
        e.getMessage());
  }

  @Test
  void oneBadItemRefusesTheWholeRequest() {
    WebhookPayloadException e = rejected(sample().set("incidents.1.severity", ""));

    assertEquals(
        "events request: incidents[1].severity is \"\", expected a non-empty string",
        e.getMessage());
  }

  @Test
  void twentyProblemsAreListedAndTheRestCounted() {
    StringBuilder json = new StringBuilder("{\"deployments\": [");
    for (int i = 0; i < 30; i++) {
      json.append(i == 0 ? "" : ",")
          .append(
              ("{\"id\": \"d-%d\", \"repository\": \"r\", \"sha\": \"xyz\", \"environment\":"
                      + " \"prod\", \"status\": \"success\", \"at\": \"2026-03-04T17:05:31Z\"}")
                  .formatted(i));
    }
    WebhookPayloadException e = rejected(json.append("]}").toString());

    assertEquals(30, e.problemCount());
    assertEquals(WebhookPayloadException.MAX_PROBLEMS, e.problems().size());
    assertEquals("deployments[19].sha", e.problems().getLast().path());
    assertEquals(
        "; deployments[19].sha is \"xyz\", expected 7 to 40 hex digits; and 10 more",
        e.getMessage().substring(e.getMessage().lastIndexOf("; deployments[19]")));
  }

  @Test
  void tooManyItems() {
    StringBuilder json = new StringBuilder("{\"incidents\": [");
    for (int i = 0; i < GenericEvents.MAX_ITEMS + 1; i++) {
      json.append(i == 0 ? "" : ",")
          .append(
              "{\"id\": %d, \"severity\": \"low\", \"openedAt\": \"2026-03-04T17:05:31Z\"}"
                  .formatted(i));
    }

    assertEquals(
        "events request: incidents is [...], expected an array of at most 1000 items, not 1001",
        rejected(json.append("]}").toString()).getMessage());
  }

  @Test
  void tooManyItemsInAll() {
    String deployment =
        "{\"id\": 1, \"repository\": \"r\", \"sha\": \"9f1c2e3\", \"environment\": \"p\","
            + " \"status\": \"success\", \"at\": \"2026-03-04T17:05:31Z\"}";
    String incident = "{\"id\": 1, \"severity\": \"low\", \"openedAt\": \"2026-03-04T17:05:31Z\"}";
    String json =
        "{\"deployments\": [%s], \"incidents\": [%s]}"
            .formatted(
                String.join(",", java.util.Collections.nCopies(600, deployment)),
                String.join(",", java.util.Collections.nCopies(401, incident)));

    assertEquals(
        "events request: the body is 600 deployments and 401 incidents, expected at most 1000"
            + " items in one request; send the rest in another",
        rejected(json).getMessage());
  }

  @Test
  void theDefaultSourceMustBeASourceName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GenericEvents.parse("{}".getBytes(UTF_8), "My CI"));

    assertEquals("a source name matches [a-z0-9][a-z0-9._-]{0,63}: \"My CI\"", e.getMessage());
  }
}
