package dev.goodhart.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.ForgeCursor;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link DeliveryStore} must do with what webhooks and forge imports report: the same
 * fact reported twice is one fact, a later report replaces an earlier one without forgetting what
 * only the earlier one knew, and an import's cursor advances with its facts. An implementation's
 * test extends this class and says how to open and close its store in a folder.
 */
public abstract class DeliveryStoreConformanceTest {
  protected static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final String SHA_A = "a".repeat(40);
  private static final String SHA_B = "b".repeat(40);
  private static final String SHA_C = "c".repeat(40);
  private static final String MERGE = "d".repeat(40);

  @TempDir protected Path folder;
  protected DeliveryStore store;

  protected abstract DeliveryStore open(Path folder);

  protected abstract void close(DeliveryStore store);

  @BeforeEach
  void openStore() {
    store = open(folder);
  }

  @AfterEach
  void closeStore() {
    close(store);
  }

  private void reopen() {
    close(store);
    store = open(folder);
  }

  private static PullRequestFact pullRequest(
      String repository,
      int number,
      String state,
      Instant updatedAt,
      int additions,
      int commits,
      @Nullable String mergedBy) {
    boolean merged = state.equals("merged");
    return new PullRequestFact(
        repository,
        number,
        state,
        "p_author",
        T0,
        updatedAt,
        merged ? updatedAt : null,
        merged ? updatedAt : null,
        merged ? MERGE : null,
        SHA_B,
        "main",
        additions,
        additions == 0 ? 0 : 2,
        commits,
        "feature/x",
        false,
        mergedBy);
  }

  private static DeliveryBatch batch(
      List<PullRequestFact> pullRequests,
      List<PullRequestCommitFact> commits,
      List<ReviewFact> reviews,
      List<ReviewCommentFact> comments) {
    return DeliveryBatch.ofPullRequests(pullRequests, commits, reviews, comments);
  }

  @Test
  void anImportStoredTwiceIsStoredOnce() {
    PullRequestFact pr = pullRequest("acme/web", 12, "merged", T0.plusSeconds(600), 0, 2, null);
    List<PullRequestCommitFact> commits =
        List.of(
            new PullRequestCommitFact("acme/web", 12, SHA_A, T0, "p_ana"),
            new PullRequestCommitFact("acme/web", 12, SHA_B, T0.plusSeconds(60), "p_ana"));
    List<ReviewFact> reviews =
        List.of(new ReviewFact("acme/web", 12, 3001L, "approved", "p_bo", T0.plusSeconds(300)));
    List<ReviewCommentFact> comments =
        List.of(
            new ReviewCommentFact(
                "acme/web", 12, 4001L, 3001L, "p_bo", T0.plusSeconds(200), "src/Main.java"),
            new ReviewCommentFact("acme/web", 12, 4002L, null, "p_bo", T0.plusSeconds(250), null));
    DeliveryBatch batch = batch(List.of(pr), commits, reviews, comments);

    store.recordImport(batch, ForgeCursor.empty("github", "acme/web"));
    store.recordImport(batch, ForgeCursor.empty("github", "acme/web"));
    assertTrue(store.recordDelivery(batch), "a batch without delivery id is always stored");

    assertEquals(List.of(pr), store.pullRequests());
    assertEquals(commits, store.pullRequestCommits());
    assertEquals(reviews, store.reviews());
    assertEquals(comments, store.reviewComments());
  }

  @Test
  void aListReportWithoutCountsOrMergerKeepsWhatAWebhookSaid() {
    PullRequestFact fromWebhook =
        pullRequest("acme/web", 12, "merged", T0.plusSeconds(600), 10, 3, "p_merger");
    PullRequestFact fromList =
        pullRequest("acme/web", 12, "merged", T0.plusSeconds(600), 0, 0, null);
    store.recordDelivery(batch(List.of(fromWebhook), List.of(), List.of(), List.of()));
    store.recordImport(
        batch(List.of(fromList), List.of(), List.of(), List.of()),
        ForgeCursor.empty("github", "acme/web"));

    assertEquals(List.of(fromWebhook), store.pullRequests());

    // A later report with counts of its own replaces them; an older one changes nothing.
    PullRequestFact later =
        pullRequest("acme/web", 12, "merged", T0.plusSeconds(900), 12, 4, "p_merger");
    PullRequestFact older = pullRequest("acme/web", 12, "open", T0.plusSeconds(60), 1, 1, null);
    store.recordDelivery(batch(List.of(later, older), List.of(), List.of(), List.of()));
    assertEquals(List.of(later), store.pullRequests());
  }

  /**
   * A batch of hundreds of facts, some of them reported twice in it, ends as if stored one by one:
   * a store may write many rows at once, never two reports of one fact at once.
   */
  @Test
  void aLargeBatchWithRepeatsEndsAsIfStoredOneByOne() {
    List<PullRequestFact> pulls = new java.util.ArrayList<>();
    List<PullRequestCommitFact> commits = new java.util.ArrayList<>();
    List<PullRequestFact> expected = new java.util.ArrayList<>();
    for (int number = 1; number <= 250; number++) {
      PullRequestFact open =
          pullRequest("acme/web", number, "open", T0.plusSeconds(60), 0, 1, null);
      PullRequestFact merged =
          pullRequest("acme/web", number, "merged", T0.plusSeconds(600), 0, 1, null);
      pulls.add(number % 3 == 0 ? merged : open);
      if (number % 3 == 0) {
        pulls.add(open); // older: changes nothing
        expected.add(merged);
      } else if (number % 3 == 1) {
        pulls.add(merged); // newer: replaces the open one
        expected.add(merged);
      } else {
        expected.add(open);
      }
      String sha = "%040x".formatted(number);
      commits.add(new PullRequestCommitFact("acme/web", number, sha, null, null));
      commits.add(new PullRequestCommitFact("acme/web", number, sha, T0, "p_ana"));
    }
    store.recordImport(
        batch(pulls, commits, List.of(), List.of()), ForgeCursor.empty("github", "acme/web"));

    assertEquals(expected, store.pullRequests());
    List<PullRequestCommitFact> stored = store.pullRequestCommits();
    assertEquals(250, stored.size());
    assertTrue(
        stored.stream().allMatch(c -> T0.equals(c.authoredAt()) && "p_ana".equals(c.authorId())));
  }

  @Test
  void aForcePushAddsCommitsAndKeepsTheOldOnesAndWhatWasKnownOfThem() {
    store.recordImport(
        batch(
            List.of(),
            List.of(new PullRequestCommitFact("acme/web", 7, SHA_A, T0, "p_ana")),
            List.of(),
            List.of()),
        ForgeCursor.empty("github", "acme/web"));
    store.recordImport(
        batch(
            List.of(),
            List.of(
                new PullRequestCommitFact("acme/web", 7, SHA_A, null, null),
                new PullRequestCommitFact("acme/web", 7, SHA_C, T0.plusSeconds(5), null)),
            List.of(),
            List.of()),
        ForgeCursor.empty("github", "acme/web"));

    assertEquals(
        List.of(
            new PullRequestCommitFact("acme/web", 7, SHA_A, T0, "p_ana"),
            new PullRequestCommitFact("acme/web", 7, SHA_C, T0.plusSeconds(5), null)),
        store.pullRequestCommits());
  }

  @Test
  void idsAreCountedPerRepository() {
    // GitHub's review ids and GitLab's note ids are counted apart: the same number may be both.
    ReviewFact github = new ReviewFact("acme/web", 1, 77L, "approved", "p_a", T0);
    ReviewFact gitlab = new ReviewFact("acme/platform/api", 3, 77L, "approved", "p_b", T0);
    ReviewCommentFact commentHere =
        new ReviewCommentFact("acme/web", 1, 88L, null, "p_a", T0, null);
    ReviewCommentFact commentThere =
        new ReviewCommentFact("acme/platform/api", 3, 88L, null, "p_b", T0, "a.go");
    store.recordImport(
        batch(List.of(), List.of(), List.of(github, gitlab), List.of(commentHere, commentThere)),
        ForgeCursor.empty("github", "acme/web"));

    assertEquals(List.of(gitlab, github), store.reviews());
    assertEquals(List.of(commentThere, commentHere), store.reviewComments());

    // A later report of a review replaces it (dismissed), in its own repository only.
    ReviewFact dismissed = new ReviewFact("acme/web", 1, 77L, "dismissed", "p_a", T0);
    store.recordDelivery(batch(List.of(), List.of(), List.of(dismissed), List.of()));
    assertEquals(List.of(gitlab, dismissed), store.reviews());
  }

  @Test
  void theCursorAdvancesWithItsFactsAndIsKept() {
    assertTrue(store.forgeCursor("github", "acme/web").isEmpty());

    PullRequestFact pr = pullRequest("acme/web", 12, "open", T0.plusSeconds(60), 0, 1, null);
    store.recordImport(
        batch(List.of(pr), List.of(), List.of(), List.of()),
        new ForgeCursor(
            "github",
            "acme/web",
            null,
            Map.of("pulls/12/commits", "W/\"c1\"", "pulls/12/reviews", "\"r1\""),
            Map.of(12, T0.plusSeconds(60))));
    ForgeCursor afterOne = store.forgeCursor("github", "acme/web");
    assertNull(afterOne.updatedThrough(), "no complete pass yet");
    assertEquals(Map.of(12, T0.plusSeconds(60)), afterOne.pullRequests());

    // The pass completes: the list's ETag and its newest time; a resource that no longer fits one
    // page loses its ETag.
    store.recordImport(
        DeliveryBatch.EMPTY,
        new ForgeCursor(
            "github",
            "acme/web",
            T0.plusSeconds(60),
            Map.of("pulls", "W/\"list\"", "pulls/12/reviews", ""),
            Map.of()));
    reopen();

    ForgeCursor expected =
        new ForgeCursor(
            "github",
            "acme/web",
            T0.plusSeconds(60),
            Map.of("pulls", "W/\"list\"", "pulls/12/commits", "W/\"c1\""),
            Map.of(12, T0.plusSeconds(60)));
    assertEquals(expected, store.forgeCursor("github", "acme/web"));
    assertEquals(
        afterOne.merge(
            new ForgeCursor(
                "github",
                "acme/web",
                T0.plusSeconds(60),
                Map.of("pulls", "W/\"list\"", "pulls/12/reviews", ""),
                Map.of())),
        expected,
        "the store merges an update as ForgeCursor.merge does");
    assertTrue(store.forgeCursor("gitlab", "acme/web").isEmpty(), "each forge has its own");
    assertTrue(store.forgeCursor("github", "acme/api").isEmpty(), "each repository too");
  }
}
