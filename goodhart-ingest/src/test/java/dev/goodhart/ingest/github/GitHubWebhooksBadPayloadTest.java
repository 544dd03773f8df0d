package dev.goodhart.ingest.github;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.ingest.SampleJson;
import dev.goodhart.ingest.SampleJson.Raw;
import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.WebhookPayloadException.Problem;
import dev.goodhart.model.Pseudonyms;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payloads that cannot be stored, and what the sender is told about each. */
class GitHubWebhooksBadPayloadTest {
  final GitHubWebhooks webhooks =
      new GitHubWebhooks(Pseudonyms.withSecret("an organisation secret".getBytes(UTF_8)));

  WebhookPayloadException rejected(String event, byte[] body) {
    return assertThrows(WebhookPayloadException.class, () -> webhooks.parse(event, null, body));
  }

  String message(String event, SampleJson body) {
    return rejected(event, body.bytes()).getMessage();
  }

  static SampleJson merged() {
    return SampleJson.of("github/pull_request_closed_merged.json");
  }

  @Test
  void aCutOffBodySaysWhereItBreaks() {
    byte[] whole = ParserHarness.sample("github/pull_request_opened.json").getBytes(UTF_8);
    byte[] cut = Arrays.copyOf(whole, 300);

    WebhookPayloadException e = rejected("pull_request", cut);

    assertEquals(
        "GitHub 'pull_request' event: pull_request.user is not JSON (Unexpected end-of-input"
            + " in field name at line 11, column 18), expected a JSON object",
        e.getMessage());
    assertEquals("pull_request.user", e.problems().getFirst().path());
  }

  @Test
  void theDeliveryIdIsInTheMessage() {
    WebhookPayloadException e =
        assertThrows(
            WebhookPayloadException.class,
            () -> webhooks.parse("push", "72d3162e-cc78-11e3", "[]".getBytes(UTF_8)));

    assertEquals(
        "GitHub 'push' event (delivery \"72d3162e-cc78-11e3\"): the body is [], expected a JSON"
            + " object",
        e.getMessage());
  }

  @Test
  void anEmptyBody() {
    assertEquals(
        "GitHub 'push' event: the body is empty, expected a JSON object",
        rejected("push", new byte[0]).getMessage());
  }

  @Test
  void trailingTextAfterTheObject() {
    byte[] body = (ParserHarness.sample("github/push.json") + " {}").getBytes(UTF_8);

    assertEquals(
        "GitHub 'push' event: the body is not JSON (more after the object, at line 65, column"
            + " 2), expected a JSON object",
        rejected("push", body).getMessage());
  }

  @Test
  void aMissingNumber() {
    assertEquals(
        "GitHub 'pull_request' event: pull_request.number is missing, expected an integer from 1"
            + " to 2147483647",
        message("pull_request", merged().remove("pull_request.number")));
  }

  @Test
  void aNumberInAString() {
    WebhookPayloadException e =
        rejected("pull_request", merged().set("pull_request.number", "42").bytes());

    assertEquals(
        List.of(new Problem("pull_request.number", "\"42\"", "an integer from 1 to 2147483647")),
        e.problems());
  }

  @Test
  void aMissingRepository() {
    assertEquals(
        "GitHub 'push' event: repository is missing, expected an object",
        message("push", SampleJson.of("github/push.json").remove("repository")));
  }

  @Test
  void aMissingObjectIsOneProblemNotOnePerField() {
    assertEquals(
        "GitHub 'pull_request' event: pull_request is \"42\", expected an object",
        message("pull_request", merged().set("pull_request", "42")));
  }

  @Test
  void everyProblemIsListed() {
    WebhookPayloadException e =
        rejected(
            "pull_request",
            merged()
                .set("repository.full_name", "")
                .set("pull_request.state", "draft")
                .set("pull_request.created_at", "yesterday")
                .set("pull_request.updated_at", "2026-03-04 16:40:12")
                .set("pull_request.head.sha", "3b7a1c9")
                .set("pull_request.additions", -3)
                .set("pull_request.deletions", 2.5)
                .set("pull_request.merged", "yes")
                .bytes());

    assertEquals(
        "GitHub 'pull_request' event, 8 problems: repository.full_name is \"\", expected a"
            + " non-empty string; pull_request.state is \"draft\", expected one of open, closed;"
            + " pull_request.created_at is \"yesterday\", expected an ISO-8601 time with an"
            + " offset, like 2026-03-01T09:30:00Z; pull_request.updated_at is \"2026-03-04"
            + " 16:40:12\", expected an ISO-8601 time with an offset, like 2026-03-01T09:30:00Z;"
            + " pull_request.merged is \"yes\", expected true or false; pull_request.head.sha is"
            + " \"3b7a1c9\", expected 40 hex digits; pull_request.additions is -3, expected an"
            + " integer from 0 to 2147483647; pull_request.deletions is 2.5, expected an integer"
            + " from 0 to 2147483647",
        e.getMessage());
    assertEquals(8, e.problemCount());
  }

  @Test
  void aMergedPullRequestNeedsItsMergeTime() {
    assertEquals(
        "GitHub 'pull_request' event: pull_request.merged_at is null, expected the time of the"
            + " merge, since 'merged' is true",
        message("pull_request", merged().set("pull_request.merged_at", null)));
  }

  @Test
  void aLongValueIsCutAndControlCharactersEscaped() {
    String login = "x".repeat(100) + "\u0007";

    assertEquals(
        "GitHub 'pull_request' event: pull_request.user.login is \""
            + "x".repeat(57)
            + "...\", expected a string without control characters",
        message("pull_request", merged().set("pull_request.user.login", login)));
    assertEquals(
        "GitHub 'pull_request' event: pull_request.user.login is \"ab\\u0007\", expected a"
            + " string without control characters",
        message("pull_request", merged().set("pull_request.user.login", "ab\u0007")));
  }

  @Test
  void anImplausibleTime() {
    assertEquals(
        "GitHub 'pull_request' event: pull_request.created_at is \"1969-12-31T23:59:59Z\","
            + " expected a time from 1970 to 2100",
        message("pull_request", merged().set("pull_request.created_at", "1969-12-31T23:59:59Z")));
  }

  @Test
  void aReviewWithoutItsPullRequestNumberOrState() {
    assertEquals(
        "GitHub 'pull_request_review' event, 3 problems: pull_request.number is missing,"
            + " expected an integer from 1 to 2147483647; review.id is -1, expected an integer"
            + " from 0 to 9223372036854775807; review.state is \"changes requested\", expected a"
            + " state such as approved or success: letters and underscores",
        message(
            "pull_request_review",
            SampleJson.of("github/pull_request_review_submitted.json")
                .remove("pull_request.number")
                .set("review.id", -1)
                .set("review.state", "changes requested")));
  }

  @Test
  void aReviewWithoutAnAction() {
    assertEquals(
        "GitHub 'pull_request_review' event: action is missing, expected a string",
        message(
            "pull_request_review",
            SampleJson.of("github/pull_request_review_submitted.json").remove("action")));
  }

  @Test
  void aPushWithBadShasAndTimes() {
    assertEquals(
        "GitHub 'push' event, 4 problems: before is null, expected a string of 40 hex digits;"
            + " after is \"9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7dz\", expected 40 hex digits;"
            + " commits is {}, expected an array; head_commit.timestamp is 1772642411, expected"
            + " an ISO-8601 time with an offset, like 2026-03-01T09:30:00Z",
        message(
            "push",
            SampleJson.of("github/push.json")
                .set("before", null)
                .set("after", "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7dz")
                .set("commits", new Raw("{}"))
                .set("head_commit.timestamp", 1772642411)));
  }

  @Test
  void aPushTimeInMilliseconds() {
    assertEquals(
        "GitHub 'push' event: repository.pushed_at is 1772642500000, expected a time from 1970"
            + " to 2100",
        message(
            "push",
            SampleJson.of("github/push_branch_deleted.json")
                .set("repository.pushed_at", 1772642500000L)));
  }

  @Test
  void aDeploymentWithoutEnvironmentOrTime() {
    assertEquals(
        "GitHub 'deployment_status' event, 3 problems: deployment.id is 1.5, expected a string"
            + " or a non-negative integer; deployment.environment is missing, expected a string;"
            + " deployment_status.created_at is missing, expected an ISO-8601 time with an"
            + " offset, like 2026-03-01T09:30:00Z",
        message(
            "deployment_status",
            SampleJson.of("github/deployment_status.json")
                .set("deployment.id", 1.5)
                .remove("deployment_status.environment")
                .remove("deployment.environment")
                .remove("deployment_status.updated_at")
                .remove("deployment_status.created_at")));
  }

  @Test
  void aDuplicateKeyIsNoJson() {
    byte[] body = "{\"ref\":\"refs/heads/main\",\"ref\":\"refs/heads/other\"}".getBytes(UTF_8);

    assertEquals(
        "GitHub 'push' event: ref is not JSON (Duplicate field 'ref' at line 1, column 31),"
            + " expected a JSON object",
        rejected("push", body).getMessage());
  }
}
