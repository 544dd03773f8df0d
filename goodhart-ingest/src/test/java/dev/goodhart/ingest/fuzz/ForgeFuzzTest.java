package dev.goodhart.ingest.fuzz;

import static dev.goodhart.ingest.forge.GitHubJson.sha;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.forge.Forge;
import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeProblem;
import dev.goodhart.ingest.forge.ForgeResource;
import dev.goodhart.ingest.forge.GitHubJson;
import dev.goodhart.ingest.forge.JsonItems;
import dev.goodhart.ingest.forge.MemoryTarget;
import dev.goodhart.ingest.forge.PullRequestDetails;
import dev.goodhart.ingest.fuzz.MalformedRecords.Mutant;
import dev.goodhart.ingest.github.GitHubForge;
import dev.goodhart.ingest.github.GitHubSavedFiles;
import dev.goodhart.ingest.gitlab.GitLabForge;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Holds the readers of forge answers and saved files to their contract: whatever the bytes, the
 * item reader reports broken text to its handler and throws nothing; each item read as any list of
 * GitHub or GitLab gives facts a store can hold or throws {@link WebhookPayloadException}, nothing
 * else; and a saved file is read whole, its problems counted, nothing thrown. The malformed inputs
 * grow from pages shaped like both forges' answers and from a saved line.
 *
 * <p>Longer or different runs: {@code ./mvnw -pl goodhart-ingest -am verify -Dtest=ForgeFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dgoodhart.forge.fuzz.cases=100000
 * -Dgoodhart.fuzz.seed=7}.
 */
class ForgeFuzzTest {
  private static final long SEED = Long.getLong("goodhart.fuzz.seed", 20_260_307L);
  private static final int CASES = Integer.getInteger("goodhart.forge.fuzz.cases", 2_000);
  private static final Duration TIME_LIMIT = Duration.ofSeconds(Math.max(90, CASES / 50));
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern PSEUDONYM = Pattern.compile("p_[0-9a-f]{16}");

  private static final List<String> FIELDS =
      List.of(
          "number",
          "state",
          "created_at",
          "updated_at",
          "merged_at",
          "closed_at",
          "merge_commit_sha",
          "head",
          "base",
          "sha",
          "ref",
          "user",
          "login",
          "draft",
          "merged",
          "merged_by",
          "commit",
          "author",
          "date",
          "email",
          "id",
          "submitted_at",
          "pull_request_review_id",
          "path",
          "iid",
          "squash_commit_sha",
          "source_branch",
          "target_branch",
          "merge_user",
          "authored_date",
          "author_email",
          "system",
          "body",
          "position",
          "new_path",
          "username",
          "commit_list",
          "review_list",
          "review_comment_list",
          "repo",
          "full_name");

  static final Pseudonyms PSEUDONYMS =
      Pseudonyms.withSecret("an organisation secret".getBytes(UTF_8));
  final GitHubForge github = new GitHubForge(PSEUDONYMS);
  final GitLabForge gitlab = new GitLabForge(PSEUDONYMS);

  @TempDir Path folder;

  static List<String> seeds() {
    String pull =
        GitHubJson.pull(
            44,
            "closed",
            "mara-quinn",
            "2026-03-02T08:15:00Z",
            "2026-03-04T16:40:12Z",
            "2026-03-04T16:40:11Z",
            "2026-03-04T16:40:11Z",
            "retry-export",
            sha(442),
            sha(440),
            false);
    String commit = GitHubJson.commit(sha(441), "mara@acme.example", "2026-03-02T08:00:00Z", "m");
    String review = GitHubJson.review(3011990001L, "APPROVED", "devon-ash", "2026-03-04T15:02:45Z");
    String comment =
        GitHubJson.comment(
            1822334455L, 3011990001L, "devon-ash", "2026-03-04T15:01:10Z", "a/b.java");
    String mergeRequest =
        """
        {"id": 9000007, "iid": 7, "state": "merged", "created_at": "2026-03-01T08:00:00.000Z",
         "updated_at": "2026-03-03T09:00:00.000Z", "merged_at": "2026-03-03T08:59:58.120Z",
         "closed_at": null, "author": {"id": 30, "username": "ana.lima", "name": "Ana Lima"},
         "merge_user": {"id": 31, "username": "ben-ode"}, "source_branch": "ledger-7",
         "target_branch": "main", "draft": false, "sha": "%s", "merge_commit_sha": null,
         "squash_commit_sha": "%s", "title": "Move invoices"}"""
            .formatted(sha(7), sha(700));
    String gitlabCommit =
        """
        {"id": "%s", "short_id": "abc", "authored_date": "2026-03-01T09:30:00.000+01:00",
         "author_email": "ana@acme.example", "author_name": "Ana", "message": "Move"}"""
            .formatted(sha(71));
    String notes =
        """
        [{"id": 801, "body": "approved this merge request", "system": true, "type": null,
          "author": {"username": "ben-ode"}, "created_at": "2026-03-02T10:00:00.000+01:00"},
         {"id": 802, "body": "Is it locked?", "system": false, "type": "DiffNote",
          "author": {"username": "cleo"}, "created_at": "2026-03-02T10:01:00.000+01:00",
          "position": {"new_path": "src/ledger/Invoices.kt", "old_path": "src/ledger/Invoices.kt"}}]""";
    String saved =
        "{\"number\":44,\"state\":\"closed\",\"draft\":false,\"user\":{\"login\":\"mara-quinn\"},"
            + "\"created_at\":\"2026-03-02T08:15:00Z\",\"updated_at\":\"2026-03-04T16:40:12Z\","
            + "\"merged_at\":\"2026-03-04T16:40:11Z\",\"merge_commit_sha\":\""
            + sha(440)
            + "\","
            + "\"head\":{\"sha\":\""
            + sha(442)
            + "\",\"ref\":\"x\"},\"base\":{\"ref\":\"main\","
            + "\"repo\":{\"full_name\":\"acme-corp/billing-service\"}},"
            + "\"commit_list\":[{\"sha\":\""
            + sha(441)
            + "\",\"commit\":{\"author\":"
            + "{\"date\":\"2026-03-02T08:00:00Z\",\"email\":\"m@x.example\"}}}],"
            + "\"review_list\":[{\"id\":1,\"state\":\"APPROVED\",\"user\":{\"login\":\"d\"},"
            + "\"submitted_at\":\"2026-03-04T15:02:45Z\"}],\"review_comment_list\":[{\"id\":2,"
            + "\"pull_request_review_id\":1,\"user\":{\"login\":\"d\"},"
            + "\"created_at\":\"2026-03-04T15:01:10Z\",\"path\":\"a.txt\"}]}\n";
    return List.of(
        GitHubJson.page(List.of(pull, pull.replace("\"number\": 44", "\"number\": 45"))),
        GitHubJson.page(List.of(commit)),
        GitHubJson.page(List.of(review)),
        GitHubJson.page(List.of(comment)),
        "[" + mergeRequest + "]",
        "[" + gitlabCommit + "]",
        notes,
        saved + saved);
  }

  /** Each way an item is read, with the forge that reads it. */
  private record Reading(Forge forge, @Nullable ForgeResource resource) {}

  List<Reading> readings() {
    List<Reading> readings = new ArrayList<>();
    for (Forge forge : List.of(github, gitlab)) {
      readings.add(new Reading(forge, null));
      forge.details(44).forEach(resource -> readings.add(new Reading(forge, resource)));
    }
    return readings;
  }

  @Test
  void theSeedsRead() {
    int[] tally = new int[4];
    for (String seed : seeds()) {
      read(seed.getBytes(UTF_8), tally);
    }
    assertTrue(tally[2] >= 10, () -> "only " + tally[2] + " facts from the seeds");
    assertEquals(0, tally[3], "no seed is broken text");
  }

  @Test
  void onlyTheDocumentedExceptionEscapes() {
    MalformedRecords corpus = new MalformedRecords(seeds(), FIELDS);
    AtomicInteger current = new AtomicInteger();
    int[] tally =
        assertTimeoutPreemptively(
            TIME_LIMIT,
            () -> {
              int[] counts = new int[4];
              for (int i = 0; i < CASES; i++) {
                current.set(i);
                Mutant mutant = corpus.generate(SEED, i);
                try {
                  read(mutant.bytes(), counts);
                  saved(mutant.bytes());
                } catch (Throwable t) {
                  throw new AssertionFailedError(
                      "case %d of seed %d failed with %s\n  mutations: %s\n  input: %s"
                          .formatted(i, SEED, t, mutant.mutations(), mutant.printable()),
                      t);
                }
              }
              return counts;
            },
            () -> "case %d of seed %d hangs".formatted(current.get(), SEED));
    System.out.printf(
        "fuzz forges %,7d cases, %,7d item reads, %,7d refused, %,6d facts, %,6d broken texts%n",
        CASES, tally[0], tally[1], tally[2], tally[3]);
    assertTrue(tally[1] * 2 > tally[0] - tally[1], "the corpus mostly tests the error paths");
  }

  /** Item reads, refusals, facts, broken texts. */
  private void read(byte[] bytes, int[] tally) {
    List<JsonNode> items = new ArrayList<>();
    JsonItems.read(
        bytes,
        new JsonItems.Handler() {
          @Override
          public void item(JsonNode item, long line, int index) {
            assertTrue(line >= 1 && index == items.size());
            items.add(item);
          }

          @Override
          public void broken(long line, String reason) {
            assertTrue(line >= 1);
            assertFalse(reason.isBlank());
            assertTrue(reason.chars().noneMatch(Character::isISOControl), reason);
            tally[3]++;
          }
        });
    for (JsonNode item : items) {
      for (Reading reading : readings()) {
        tally[0]++;
        JsonPayload payload = new JsonPayload("item 1");
        try {
          if (reading.resource() == null) {
            check(reading.forge().pullRequest(payload, payload.root(item), "acme/web"));
            tally[2]++;
          } else {
            PullRequestDetails details = new PullRequestDetails("acme/web", 44);
            reading.forge().detail(reading.resource(), payload, payload.root(item), details);
            details.commits().forEach(ForgeFuzzTest::check);
            details.reviews().forEach(ForgeFuzzTest::check);
            details.comments().forEach(ForgeFuzzTest::check);
            tally[2] +=
                details.commits().size() + details.reviews().size() + details.comments().size();
          }
        } catch (WebhookPayloadException e) {
          tally[1]++;
          assertFalse(e.problems().isEmpty());
          assertTrue(e.getMessage().length() < 16_384);
        }
      }
    }
  }

  /** As a saved file: read whole, problems counted, nothing thrown. */
  private void saved(byte[] bytes) {
    Path file = folder.resolve("saved.jsonl");
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MemoryTarget target = new MemoryTarget();
    List<ForgeProblem> problems = new ArrayList<>();
    new GitHubSavedFiles(PSEUDONYMS)
        .read(
            List.of(file),
            "acme-corp/billing-service",
            target,
            false,
            new ForgeListener() {
              @Override
              public void problem(ForgeProblem problem) {
                problems.add(problem);
              }
            });
    target.pullRequests.values().forEach(ForgeFuzzTest::check);
    target.commits.values().forEach(ForgeFuzzTest::check);
    target.reviews.values().forEach(ForgeFuzzTest::check);
    target.comments.values().forEach(ForgeFuzzTest::check);
    for (ForgeProblem problem : problems) {
      assertTrue(problem.where().startsWith(file.toString()));
    }
  }

  private static void check(PullRequestFact pr) {
    time(pr.createdAt());
    time(pr.updatedAt());
    time(pr.mergedAt());
    time(pr.closedAt());
    fullSha(pr.mergeCommitSha());
    fullSha(pr.headSha());
    person(pr.authorId());
    person(pr.mergedById());
    assertTrue(List.of("open", "closed", "merged").contains(pr.state()), pr.state());
    assertTrue(pr.number() > 0 && pr.additions() >= 0 && pr.commits() >= 0);
    name(pr.headRef());
    name(pr.baseRef());
  }

  private static void check(PullRequestCommitFact commit) {
    fullSha(commit.sha());
    time(commit.authoredAt());
    person(commit.authorId());
  }

  private static void check(ReviewFact review) {
    time(review.submittedAt());
    person(review.reviewerId());
    assertTrue(review.state().matches("[a-z_]+"), review.state());
    assertTrue(review.reviewId() >= 0);
  }

  private static void check(ReviewCommentFact comment) {
    time(comment.createdAt());
    person(comment.authorId());
    assertTrue(comment.commentId() >= 0);
    assertTrue(
        comment.path() == null
            || !comment.path().isEmpty()
                && comment.path().chars().noneMatch(Character::isISOControl));
  }

  private static void name(@Nullable String name) {
    assertTrue(
        name == null
            || !name.isBlank()
                && name.length() <= 512
                && name.chars().noneMatch(Character::isISOControl)
                && name.strip().equals(name),
        () -> "a name the store should not hold: " + name);
  }

  private static void time(@Nullable Instant time) {
    assertTrue(
        time == null || !time.isBefore(Instant.EPOCH) && !time.isAfter(LATEST),
        () -> "an implausible time got through: " + time);
  }

  private static void fullSha(@Nullable String sha) {
    assertTrue(sha == null || FULL_SHA.matcher(sha).matches(), () -> "not a full sha: " + sha);
  }

  private static void person(@Nullable String person) {
    assertTrue(
        person == null || PSEUDONYM.matcher(person).matches(), () -> "not a pseudonym: " + person);
  }
}
