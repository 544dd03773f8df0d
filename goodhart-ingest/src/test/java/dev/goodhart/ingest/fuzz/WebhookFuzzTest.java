package dev.goodhart.ingest.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.WebhookPayloadException.Problem;
import dev.goodhart.ingest.deploys.GenericEvents;
import dev.goodhart.ingest.fuzz.MalformedRecords.Mutant;
import dev.goodhart.ingest.github.GitHubWebhooks;
import dev.goodhart.ingest.github.WebhookResult;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.IncidentFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.PushFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Holds the webhook and event parsers to their contract: whatever the body, under whatever event
 * header, they return facts a store can hold or throw {@link WebhookPayloadException}, nothing
 * else; and the exception's message stays short, quoting the body only in pieces. Each malformed
 * body (from the same corpus as {@link ParserFuzzTest}) is read as every GitHub event goodhart
 * reads and as a generic request.
 *
 * <p>Longer or different runs: {@code ./mvnw -pl goodhart-ingest -am verify -Dtest=WebhookFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dgoodhart.webhook.fuzz.cases=200000
 * -Dgoodhart.fuzz.seed=7}.
 */
class WebhookFuzzTest {
  private static final long SEED = Long.getLong("goodhart.fuzz.seed", 20_260_301L);
  private static final int CASES = Integer.getInteger("goodhart.webhook.fuzz.cases", 2_500);

  /**
   * 2,500 cases (15,000 reads) take about 2.5 s on two idle cores; the limit only has to end a
   * hang.
   */
  private static final Duration TIME_LIMIT = Duration.ofSeconds(Math.max(60, CASES / 100));

  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");
  private static final Pattern PSEUDONYM = Pattern.compile("p_[0-9a-f]{16}");

  /** Twenty problems of a path, a cut value and an expectation each: far below this. */
  private static final int LONGEST_MESSAGE = 16_384;

  private static final List<String> EVENTS =
      List.of(
          "pull_request",
          "pull_request_review",
          "pull_request_review_comment",
          "push",
          "deployment_status",
          "ping");

  /** The valid bodies the corpus grows from, each with the event it is ("generic": neither). */
  private static final Map<String, String> SEEDS = new LinkedHashMap<>();

  static {
    SEEDS.put("github/pull_request_closed_merged.json", "pull_request");
    SEEDS.put("github/pull_request_closed_unmerged.json", "pull_request");
    SEEDS.put("github/pull_request_opened.json", "pull_request");
    SEEDS.put("github/pull_request_review_submitted.json", "pull_request_review");
    SEEDS.put("github/pull_request_review_comment_created.json", "pull_request_review_comment");
    SEEDS.put("github/push.json", "push");
    SEEDS.put("github/push_branch_deleted.json", "push");
    SEEDS.put("github/deployment_status.json", "deployment_status");
    SEEDS.put("github/ping.json", "ping");
    SEEDS.put("generic/events.json", "generic");
  }

  /** The fields the parsers read, whose values the mutations aim at. */
  private static final List<String> FIELDS =
      List.of(
          "action",
          "pull_request",
          "number",
          "state",
          "merged",
          "merged_at",
          "closed_at",
          "created_at",
          "updated_at",
          "merge_commit_sha",
          "head",
          "base",
          "sha",
          "ref",
          "user",
          "login",
          "additions",
          "deletions",
          "commits",
          "repository",
          "full_name",
          "pushed_at",
          "review",
          "id",
          "submitted_at",
          "comment",
          "pull_request_review_id",
          "path",
          "draft",
          "merged_by",
          "before",
          "after",
          "forced",
          "head_commit",
          "timestamp",
          "deployment",
          "deployment_status",
          "environment",
          "deployments",
          "incidents",
          "status",
          "at",
          "source",
          "severity",
          "openedAt",
          "resolvedAt",
          "deploymentId");

  final GitHubWebhooks webhooks =
      new GitHubWebhooks(
          Pseudonyms.withSecret("an organisation secret".getBytes(UTF_8)),
          Clock.fixed(Instant.parse("2026-03-07T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void theValidSeedsParse() throws WebhookPayloadException {
    int facts = 0;
    for (Map.Entry<String, String> seed : SEEDS.entrySet()) {
      byte[] body = ParserHarness.sample(seed.getKey()).getBytes(UTF_8);
      DeliveryBatch batch =
          seed.getValue().equals("generic")
              ? GenericEvents.parse(body, "fuzz")
              : ((WebhookResult.Accepted) webhooks.parse(seed.getValue(), "d-1", body)).batch();
      check(batch);
      facts += batch.size();
    }
    // one per GitHub delivery but the ping, four in the generic request
    assertEquals(12, facts);
  }

  @Test
  void onlyTheDocumentedExceptionEscapes() {
    MalformedRecords corpus =
        new MalformedRecords(SEEDS.keySet().stream().map(ParserHarness::sample).toList(), FIELDS);
    AtomicInteger current = new AtomicInteger();
    long started = System.nanoTime();

    int[] tally =
        assertTimeoutPreemptively(
            TIME_LIMIT,
            () -> run(corpus, current),
            () ->
                "case %d of seed %d hangs: %s"
                    .formatted(
                        current.get(), SEED, corpus.generate(SEED, current.get()).printable()));

    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "fuzz webhooks %,7d cases, %,7d reads, %,7d refused (%d%%), %,6d facts, %,6d ms%n",
        CASES, tally[0], tally[1], 100 * tally[1] / tally[0], tally[2], millis);
    // A corpus the parsers mostly accept would test the happy path, not the error paths.
    assertTrue(
        tally[1] * 2 > tally[0], "only %d of %d reads refused".formatted(tally[1], tally[0]));
  }

  /** Reads, refusals and facts. */
  private int[] run(MalformedRecords corpus, AtomicInteger current) {
    int[] tally = new int[3];
    for (int i = 0; i < CASES; i++) {
      current.set(i);
      Mutant mutant = corpus.generate(SEED, i);
      for (String event : EVENTS) {
        read(
            mutant,
            event,
            () -> webhooks.parse(event, "d-" + mutant.index(), mutant.bytes()),
            tally);
      }
      read(mutant, "generic", () -> GenericEvents.parse(mutant.bytes(), "fuzz"), tally);
    }
    return tally;
  }

  private interface Read {
    Object read() throws WebhookPayloadException;
  }

  private static void read(Mutant mutant, String as, Read read, int[] tally) {
    tally[0]++;
    try {
      try {
        Object result = read.read();
        DeliveryBatch batch =
            result instanceof WebhookResult.Accepted accepted
                ? accepted.batch()
                : result instanceof DeliveryBatch generic ? generic : null;
        if (batch != null) {
          check(batch);
          tally[2] += batch.size();
        }
      } catch (WebhookPayloadException e) {
        tally[1]++;
        check(e);
      }
    } catch (Throwable t) {
      // Anything but the documented exception, an OutOfMemoryError or StackOverflowError too.
      throw new AssertionFailedError(
          """
          read as %s: case %d of seed %d failed with %s
            mutations: %s
            input (%,d bytes): %s
            again: new MalformedRecords(<SEEDS' samples>, FIELDS).generate(%dL, %d)"""
              .formatted(
                  as,
                  mutant.index(),
                  SEED,
                  t,
                  mutant.mutations(),
                  mutant.bytes().length,
                  mutant.printable(),
                  SEED,
                  mutant.index()),
          t);
    }
  }

  private static void check(WebhookPayloadException e) {
    assertFalse(e.problems().isEmpty(), "an exception without problems");
    assertTrue(e.problems().size() <= WebhookPayloadException.MAX_PROBLEMS);
    assertTrue(e.problemCount() >= e.problems().size());
    assertTrue(
        e.getMessage().length() <= LONGEST_MESSAGE,
        () -> "a message of %,d characters".formatted(e.getMessage().length()));
    for (Problem problem : e.problems()) {
      assertFalse(problem.expected().isBlank(), () -> "no expectation in " + problem);
      assertTrue(
          problem.value().chars().noneMatch(Character::isISOControl),
          () -> "a control character in " + problem);
    }
  }

  private static void check(DeliveryBatch batch) {
    for (PullRequestFact pr : batch.pullRequests()) {
      name(pr.repository());
      time(pr.createdAt());
      time(pr.updatedAt());
      time(pr.mergedAt());
      time(pr.closedAt());
      sha(pr.mergeCommitSha(), FULL_SHA);
      sha(pr.headSha(), FULL_SHA);
      person(pr.authorId());
      person(pr.mergedById());
      if (pr.headRef() != null) {
        name(pr.headRef());
      }
      assertTrue(List.of("open", "closed", "merged").contains(pr.state()), pr.state());
      assertTrue(pr.additions() >= 0 && pr.deletions() >= 0 && pr.commits() >= 0);
    }
    for (ReviewCommentFact comment : batch.reviewComments()) {
      name(comment.repository());
      time(comment.createdAt());
      person(comment.authorId());
      assertTrue(comment.pullRequest() > 0 && comment.commentId() >= 0);
      assertTrue(comment.reviewId() == null || comment.reviewId() >= 0);
      assertTrue(
          comment.path() == null
              || !comment.path().isEmpty()
                  && comment.path().chars().noneMatch(Character::isISOControl),
          comment::toString);
    }
    for (ReviewFact review : batch.reviews()) {
      name(review.repository());
      time(review.submittedAt());
      person(review.reviewerId());
      assertTrue(review.pullRequest() > 0 && review.reviewId() >= 0);
      assertTrue(review.state().matches("[a-z_]+"), review.state());
    }
    for (PushFact push : batch.pushes()) {
      name(push.repository());
      name(push.ref());
      sha(push.before(), FULL_SHA);
      sha(push.after(), FULL_SHA);
      time(push.pushedAt());
      assertTrue(push.commits() >= 0);
    }
    for (DeploymentFact deployment : batch.deployments()) {
      name(deployment.deploymentId());
      name(deployment.repository());
      name(deployment.environment());
      name(deployment.source());
      sha(deployment.sha(), SHA);
      time(deployment.at());
    }
    for (IncidentFact incident : batch.incidents()) {
      name(incident.incidentId());
      name(incident.severity());
      name(incident.source());
      time(incident.openedAt());
      time(incident.resolvedAt());
      assertTrue(
          incident.resolvedAt() == null || !incident.resolvedAt().isBefore(incident.openedAt()));
      incident.commits().forEach(commit -> sha(commit, SHA));
    }
  }

  private static void name(String name) {
    assertTrue(
        !name.isBlank()
            && name.length() <= 512
            && name.chars().noneMatch(Character::isISOControl)
            && name.strip().equals(name),
        () -> "a name the store should not hold: " + name);
  }

  private static void time(@Nullable Instant time) {
    assertTrue(
        time == null || !time.isBefore(EARLIEST) && !time.isAfter(LATEST),
        () -> "an implausible time got through: " + time);
  }

  private static void sha(@Nullable String sha, Pattern shape) {
    assertTrue(sha == null || shape.matcher(sha).matches(), () -> "not a sha: " + sha);
  }

  private static void person(@Nullable String person) {
    if (person != null) {
      assertTrue(PSEUDONYM.matcher(person).matches(), person);
    } else {
      assertNull(person);
    }
  }
}
