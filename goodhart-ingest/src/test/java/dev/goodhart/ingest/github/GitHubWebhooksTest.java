package dev.goodhart.ingest.github;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.ingest.SampleJson;
import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.PushFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every event goodhart reads, from payloads shaped like GitHub's, field by field. */
class GitHubWebhooksTest {
  static final Pseudonyms PSEUDONYMS =
      Pseudonyms.withSecret("an organisation secret".getBytes(UTF_8));
  static final Instant NOW = Instant.parse("2026-03-07T12:00:00Z");
  static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

  final GitHubWebhooks webhooks =
      new GitHubWebhooks(PSEUDONYMS, Clock.fixed(NOW, ZoneId.of("Pacific/Chatham")));

  DeliveryBatch accepted(String event, byte[] body) throws WebhookPayloadException {
    WebhookResult result = webhooks.parse(event, DELIVERY, body);
    return assertInstanceOf(WebhookResult.Accepted.class, result).batch();
  }

  DeliveryBatch accepted(String event, String sample) throws WebhookPayloadException {
    return accepted(event, ParserHarness.sample("github/" + sample).getBytes(UTF_8));
  }

  String rejected(String event, byte[] body) {
    return assertThrows(WebhookPayloadException.class, () -> webhooks.parse(event, null, body))
        .getMessage();
  }

  static String person(String login) {
    return PSEUDONYMS.of("github:" + login);
  }

  @Test
  void aMergedPullRequest() throws WebhookPayloadException {
    DeliveryBatch batch = accepted("pull_request", "pull_request_closed_merged.json");

    assertEquals(DELIVERY, batch.deliveryId());
    assertEquals(1, batch.size());
    PullRequestFact pr = batch.pullRequests().getFirst();
    assertEquals("acme-corp/billing-service", pr.repository());
    assertEquals(42, pr.number());
    assertEquals("merged", pr.state());
    assertTrue(pr.merged());
    assertEquals(person("mara-quinn"), pr.authorId());
    assertEquals(Instant.parse("2026-03-02T08:15:00Z"), pr.createdAt());
    assertEquals(Instant.parse("2026-03-04T16:40:12Z"), pr.updatedAt());
    assertEquals(Instant.parse("2026-03-04T16:40:11Z"), pr.mergedAt());
    assertEquals(Instant.parse("2026-03-04T16:40:11Z"), pr.closedAt());
    assertEquals("9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6", pr.mergeCommitSha());
    assertEquals("3b7a1c9e0d2f4a6b8c0e1f3a5b7c9d1e2f4a6b8c", pr.headSha());
    assertEquals("main", pr.baseRef());
    assertEquals(187, pr.additions());
    assertEquals(23, pr.deletions());
    assertEquals(4, pr.commits());
    assertEquals("retry-export", pr.headRef());
    assertFalse(pr.draft());
    assertEquals(person("devon-ash"), pr.mergedById());
  }

  @Test
  void aReviewCommentOnAFile() throws WebhookPayloadException {
    DeliveryBatch batch =
        accepted("pull_request_review_comment", "pull_request_review_comment_created.json");

    assertEquals(1, batch.size());
    assertEquals(
        new ReviewCommentFact(
            "acme-corp/billing-service",
            42,
            1822334455L,
            3011990001L,
            person("devon-ash"),
            Instant.parse("2026-03-04T15:01:10Z"),
            "src/main/java/com/acme/billing/LedgerExport.java"),
        batch.reviewComments().getFirst());
  }

  @Test
  void aReviewCommentOutsideAReviewAndItsEditAreRead() throws WebhookPayloadException {
    byte[] body =
        SampleJson.of("github/pull_request_review_comment_created.json")
            .set("action", "edited")
            .set("comment.pull_request_review_id", null)
            .bytes();

    ReviewCommentFact comment =
        accepted("pull_request_review_comment", body).reviewComments().getFirst();

    assertNull(comment.reviewId());
    assertEquals(1822334455L, comment.commentId());
  }

  @Test
  void aDeletedReviewCommentIsIgnored() throws WebhookPayloadException {
    byte[] body =
        SampleJson.of("github/pull_request_review_comment_created.json")
            .set("action", "deleted")
            .bytes();

    assertInstanceOf(
        WebhookResult.Ignored.class, webhooks.parse("pull_request_review_comment", DELIVERY, body));
  }

  @Test
  void aPullRequestClosedWithoutMergingKeepsNoMergeCommit() throws WebhookPayloadException {
    PullRequestFact pr =
        accepted("pull_request", "pull_request_closed_unmerged.json").pullRequests().getFirst();

    assertEquals(43, pr.number());
    assertEquals("closed", pr.state());
    assertFalse(pr.merged());
    assertNull(pr.mergedAt());
    assertEquals(Instant.parse("2026-03-03T11:29:59Z"), pr.closedAt());
    // GitHub's test merge of an unmerged pull request landed nowhere.
    assertNull(pr.mergeCommitSha());
    assertEquals("fedcba9876543210fedcba9876543210fedcba98", pr.headSha());
    assertEquals(12, pr.additions());
    assertEquals(30, pr.deletions());
    assertEquals(2, pr.commits());
  }

  @Test
  void anOpenPullRequestInAnotherOffsetWithAnUpperCaseSha() throws WebhookPayloadException {
    PullRequestFact pr =
        accepted("pull_request", "pull_request_opened.json").pullRequests().getFirst();

    assertEquals("open", pr.state());
    assertEquals(Instant.parse("2026-03-05T09:00:00Z"), pr.createdAt());
    assertEquals(Instant.parse("2026-03-05T09:00:00Z"), pr.updatedAt());
    assertNull(pr.mergedAt());
    assertNull(pr.closedAt());
    assertNull(pr.mergeCommitSha());
    assertEquals("ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12", pr.headSha());
    // Logins are case-insensitive on GitHub, and so are their pseudonyms.
    assertEquals(person("devon-ash"), pr.authorId());
  }

  @Test
  void aLoginsPseudonymIsNotThatOfAnEmailAddressSpelledTheSame() throws WebhookPayloadException {
    PullRequestFact pr =
        accepted("pull_request", "pull_request_closed_merged.json").pullRequests().getFirst();

    assertTrue(pr.authorId().matches("p_[0-9a-f]{16}"), pr.authorId());
    assertNotEquals(PSEUDONYMS.of("mara-quinn"), pr.authorId());
  }

  @Test
  void aMergeTimeWithoutTheMergedFlagIsAMerge() throws WebhookPayloadException {
    byte[] body =
        SampleJson.of("github/pull_request_closed_merged.json")
            .remove("pull_request.merged")
            .bytes();

    PullRequestFact pr = accepted("pull_request", body).pullRequests().getFirst();

    assertEquals("merged", pr.state());
    assertEquals("9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6", pr.mergeCommitSha());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "opened",
        "edited",
        "closed",
        "reopened",
        "synchronize",
        "assigned",
        "unassigned",
        "labeled",
        "unlabeled",
        "ready_for_review",
        "converted_to_draft",
        "review_requested",
        "review_request_removed",
        "auto_merge_enabled",
        "auto_merge_disabled",
        "locked",
        "unlocked",
        "milestoned",
        "demilestoned",
        "enqueued",
        "dequeued",
        "an action GitHub adds next year"
      })
  void everyPullRequestActionReportsThePullRequestAsItNowIs(String action)
      throws WebhookPayloadException {
    byte[] body = SampleJson.of("github/pull_request_opened.json").set("action", action).bytes();

    PullRequestFact pr = accepted("pull_request", body).pullRequests().getFirst();

    assertEquals(57, pr.number());
    assertEquals("open", pr.state());
  }

  @Test
  void whatAPayloadLeavesOutIsUnknownOrZero() throws WebhookPayloadException {
    byte[] body =
        SampleJson.of("github/pull_request_opened.json")
            .remove("pull_request.user")
            .remove("pull_request.head")
            .set("pull_request.base", null)
            .remove("pull_request.additions")
            .remove("pull_request.deletions")
            .set("pull_request.commits", null)
            .remove("pull_request.merged")
            .remove("pull_request.merged_at")
            .remove("pull_request.closed_at")
            .bytes();

    PullRequestFact pr = accepted("pull_request", body).pullRequests().getFirst();

    assertNull(pr.authorId());
    assertNull(pr.headSha());
    assertNull(pr.baseRef());
    assertEquals(0, pr.additions());
    assertEquals(0, pr.deletions());
    assertEquals(0, pr.commits());
    assertEquals("open", pr.state());
  }

  @Test
  void aSubmittedReview() throws WebhookPayloadException {
    DeliveryBatch batch = accepted("pull_request_review", "pull_request_review_submitted.json");

    assertEquals(DELIVERY, batch.deliveryId());
    assertEquals(1, batch.size());
    ReviewFact review = batch.reviews().getFirst();
    assertEquals("acme-corp/billing-service", review.repository());
    assertEquals(42, review.pullRequest());
    assertEquals(3011990001L, review.reviewId());
    assertEquals("approved", review.state());
    assertEquals(person("devon-ash"), review.reviewerId());
    assertEquals(Instant.parse("2026-03-04T15:02:45Z"), review.submittedAt());
  }

  @Test
  void anEditedReviewInTheRestApisCapitals() throws WebhookPayloadException {
    byte[] body =
        SampleJson.of("github/pull_request_review_submitted.json")
            .set("action", "edited")
            .set("review.state", "COMMENTED")
            .bytes();

    ReviewFact review = accepted("pull_request_review", body).reviews().getFirst();

    assertEquals("commented", review.state());
    assertEquals(3011990001L, review.reviewId());
  }

  @Test
  void aDismissedReviewKeepsItsSubmissionTime() throws WebhookPayloadException {
    byte[] body =
        SampleJson.of("github/pull_request_review_submitted.json")
            .set("action", "dismissed")
            .set("review.state", "dismissed")
            .remove("review.user")
            .bytes();

    ReviewFact review = accepted("pull_request_review", body).reviews().getFirst();

    assertEquals("dismissed", review.state());
    assertNull(review.reviewerId());
    assertEquals(Instant.parse("2026-03-04T15:02:45Z"), review.submittedAt());
  }

  @Test
  void aReviewActionThatChangesNothingIsIgnored() throws WebhookPayloadException {
    byte[] body =
        SampleJson.of("github/pull_request_review_submitted.json")
            .set("action", "requested")
            .bytes();

    WebhookResult result = webhooks.parse("pull_request_review", DELIVERY, body);

    assertEquals(
        new WebhookResult.Ignored(
            "pull_request_review",
            "goodhart reads pull_request_review events whose action is submitted, edited,"
                + " dismissed, not \"requested\""),
        result);
  }

  @Test
  void aPushToMain() throws WebhookPayloadException {
    DeliveryBatch batch = accepted("push", "push.json");

    assertEquals(1, batch.size());
    PushFact push = batch.pushes().getFirst();
    assertEquals("acme-corp/billing-service", push.repository());
    assertEquals("refs/heads/main", push.ref());
    assertEquals("c0ffee0000000000000000000000000000000042", push.before());
    assertEquals("9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6", push.after());
    assertEquals(2, push.commits());
    assertFalse(push.forced());
    assertEquals(Instant.parse("2026-03-04T16:40:11Z"), push.pushedAt());
  }

  @Test
  void aDeletedBranchHasNoHeadCommitAndTakesTheRepositorysPushTime()
      throws WebhookPayloadException {
    PushFact push = accepted("push", "push_branch_deleted.json").pushes().getFirst();

    assertEquals("refs/heads/retry-export", push.ref());
    assertEquals("3b7a1c9e0d2f4a6b8c0e1f3a5b7c9d1e2f4a6b8c", push.before());
    assertEquals("0000000000000000000000000000000000000000", push.after());
    assertEquals(0, push.commits());
    assertEquals(Instant.ofEpochSecond(1772642500L), push.pushedAt());
  }

  @Test
  void aPushTimeMayBeIsoAndWithoutAnyTheClockDecides() throws WebhookPayloadException {
    SampleJson push = SampleJson.of("github/push_branch_deleted.json");

    assertEquals(
        Instant.parse("2026-03-04T16:41:40Z"),
        accepted("push", push.set("repository.pushed_at", "2026-03-04T16:41:40Z").bytes())
            .pushes()
            .getFirst()
            .pushedAt());
    assertEquals(
        NOW,
        accepted("push", push.remove("repository.pushed_at").bytes())
            .pushes()
            .getFirst()
            .pushedAt());
  }

  @Test
  void aForcedPush() throws WebhookPayloadException {
    byte[] body = SampleJson.of("github/push.json").set("forced", true).bytes();

    assertTrue(accepted("push", body).pushes().getFirst().forced());
  }

  @Test
  void aSuccessfulDeployment() throws WebhookPayloadException {
    DeliveryBatch batch = accepted("deployment_status", "deployment_status.json");

    assertEquals(1, batch.size());
    assertEquals(
        new DeploymentFact(
            "github",
            "1900000123",
            "acme-corp/billing-service",
            "9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6",
            "production",
            "success",
            Instant.parse("2026-03-04T17:05:31Z")),
        batch.deployments().getFirst());
    assertTrue(batch.deployments().getFirst().succeeded());
  }

  @Test
  void aStatusWithoutEnvironmentOrUpdateTimeTakesTheDeploymentsAndItsCreation()
      throws WebhookPayloadException {
    byte[] body =
        SampleJson.of("github/deployment_status.json")
            .set("deployment_status.environment", "")
            .set("deployment.environment", "staging")
            .remove("deployment_status.updated_at")
            .set("deployment_status.state", "in_progress")
            .bytes();

    DeploymentFact deployment = accepted("deployment_status", body).deployments().getFirst();

    assertEquals("staging", deployment.environment());
    assertEquals(Instant.parse("2026-03-04T17:05:30Z"), deployment.at());
    assertEquals("in_progress", deployment.status());
    assertFalse(deployment.succeeded());
  }

  @Test
  void aPingIsAnEmptyBatch() throws WebhookPayloadException {
    DeliveryBatch batch = accepted("ping", "ping.json");

    assertEquals(
        new DeliveryBatch(DELIVERY, List.of(), List.of(), List.of(), List.of(), List.of()), batch);
  }

  @ParameterizedTest
  @ValueSource(strings = {"issues", "workflow_run", "deployment", "check_suite", ""})
  void anotherEventIsIgnoredWithoutReadingItsBody(String event) throws WebhookPayloadException {
    WebhookResult result = webhooks.parse(event, DELIVERY, "not even JSON".getBytes(UTF_8));

    assertEquals(
        new WebhookResult.Ignored(
            event,
            "goodhart reads no GitHub \""
                + event
                + "\" events; it reads ping, pull_request, pull_request_review,"
                + " pull_request_review_comment, push, deployment_status"),
        result);
  }

  @Test
  void aDeliveryIdIsOptional() throws WebhookPayloadException {
    WebhookResult result =
        webhooks.parse("push", null, ParserHarness.sample("github/push.json").getBytes(UTF_8));

    assertNull(assertInstanceOf(WebhookResult.Accepted.class, result).batch().deliveryId());
  }

  @Test
  void noTitleBodyMessageNameOrAddressIsKept() throws WebhookPayloadException {
    String kept =
        List.of(
                accepted("pull_request", "pull_request_closed_merged.json"),
                accepted("pull_request_review", "pull_request_review_submitted.json"),
                accepted("pull_request_review_comment", "pull_request_review_comment_created.json"),
                accepted("push", "push.json"),
                accepted("deployment_status", "deployment_status.json"))
            .toString();

    for (String secret :
        List.of(
            "Retry invoice",
            "nightly export",
            "Looks right",
            "capped",
            "attempts",
            "backoff",
            "Merge pull request",
            "Quinn",
            "mara",
            "devon",
            "acme.example",
            "@",
            "Release 2026",
            "Deployed by")) {
      assertFalse(kept.contains(secret), () -> "kept '" + secret + "': " + kept);
    }
  }
}
