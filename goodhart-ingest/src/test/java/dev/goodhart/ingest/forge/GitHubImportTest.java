package dev.goodhart.ingest.forge;

import static dev.goodhart.ingest.forge.GitHubJson.sha;
import static dev.goodhart.ingest.forge.GitHubScenario.LIST;
import static dev.goodhart.ingest.forge.GitHubScenario.REPOSITORY;
import static dev.goodhart.ingest.forge.GitHubScenario.details;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.github.GitHubForge;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Importing a repository's pull requests from a local server that answers as GitHub does. */
class GitHubImportTest {
  static final Pseudonyms PSEUDONYMS =
      Pseudonyms.withSecret("an organisation secret".getBytes(UTF_8));
  static final Instant NOW = Instant.parse("2026-03-07T12:00:00Z");

  final FakeForge server = new FakeForge();
  final GitHubScenario scenario = new GitHubScenario(server);
  final MemoryTarget target = new MemoryTarget();
  final List<Duration> waits = new ArrayList<>();
  final List<ForgeProblem> problems = new ArrayList<>();

  @AfterEach
  void stop() {
    server.close();
  }

  ForgeImportSummary run(ForgeImporter.Options options) {
    GitHubForge forge = new GitHubForge(PSEUDONYMS);
    ForgeListener listener =
        new ForgeListener() {
          @Override
          public void problem(ForgeProblem problem) {
            problems.add(problem);
          }
        };
    ForgeClient client =
        new ForgeClient(
            ForgeClient.newHttpClient(),
            forge,
            "ghp_sekrit",
            server.url(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            waits::add,
            ForgeClient.Settings.defaults(),
            listener);
    return new ForgeImporter(forge, client, target, options, listener, null).run(REPOSITORY);
  }

  ForgeImportSummary run() {
    return run(ForgeImporter.Options.defaults());
  }

  static String person(String login) {
    return PSEUDONYMS.of("github:" + login);
  }

  @Test
  void everyPageOfEveryListIsReadIntoFacts() {
    scenario.serve();

    ForgeImportSummary summary = run();

    assertEquals(5, summary.pullRequests());
    assertEquals(8, summary.commits());
    assertEquals(2, summary.reviews(), "the pending review has no time and is no fact");
    assertEquals(2, summary.reviewComments());
    assertEquals(0, summary.badRecords());
    assertTrue(summary.cursorAdvanced());
    // 3 list pages, 3 lists of each of 5 pull requests, and #42's second page of commits
    assertEquals(19, summary.requests());
    assertEquals(List.of(41, 42, 43, 44, 45), List.copyOf(target.pullRequests.keySet()));

    PullRequestFact squashed = target.pullRequests.get(44);
    assertEquals(
        new PullRequestFact(
            REPOSITORY,
            44,
            "merged",
            person("mara-quinn"),
            Instant.parse("2026-03-02T08:15:00Z"),
            Instant.parse("2026-03-04T16:40:12Z"),
            Instant.parse("2026-03-04T16:40:11Z"),
            Instant.parse("2026-03-04T16:40:11Z"),
            sha(440),
            sha(442),
            "main",
            0,
            0,
            2,
            "retry-export",
            false,
            null),
        squashed,
        "the list has no line counts or merger; the commits are counted from their list");
    PullRequestFact draft = target.pullRequests.get(45);
    assertEquals("open", draft.state());
    assertTrue(draft.draft());
    assertNull(draft.mergeCommitSha(), "an open pull request's trial merge is no merge");
    assertEquals("closed", target.pullRequests.get(43).state());
    assertEquals(3, target.pullRequests.get(42).commits(), "both pages of commits");

    assertEquals(
        new PullRequestCommitFact(
            REPOSITORY,
            44,
            sha(442),
            Instant.parse("2026-03-02T08:30:00Z"),
            PSEUDONYMS.of("mara@acme.example")),
        target.commits.get("44 " + sha(442)),
        "full sha, the author date in UTC, the author as a scan pseudonymises her address");
    assertEquals(
        new ReviewFact(
            REPOSITORY,
            44,
            3011990001L,
            "approved",
            person("devon-ash"),
            Instant.parse("2026-03-04T15:02:45Z")),
        target.reviews.get(3011990001L));
    assertEquals(
        new ReviewCommentFact(
            REPOSITORY,
            44,
            1822334455L,
            3011990001L,
            person("devon-ash"),
            Instant.parse("2026-03-04T15:01:10Z"),
            "src/main/java/com/acme/billing/LedgerExport.java"),
        target.comments.get(1822334455L));
    assertEquals("docs/export notes.md", target.comments.get(1822334456L).path());
    assertNull(target.comments.get(1822334456L).reviewId());

    String kept = target.everything();
    for (String secret :
        List.of(
            "Retry invoice", "nightly", "Looks right", "backoff", "mara", "devon", "@", "Quinn")) {
      assertFalse(kept.contains(secret), () -> "kept '" + secret + "'");
    }
  }

  @Test
  void theRequestsCarryTheTokenAndGitHubsHeaders() {
    scenario.serve();
    run();

    FakeForge.Request first = server.requests().getFirst();
    assertEquals(LIST, first.target());
    assertEquals("Bearer ghp_sekrit", first.header("Authorization"));
    assertEquals("application/vnd.github+json", first.header("Accept"));
    assertEquals("2022-11-28", first.header("X-GitHub-Api-Version"));
    assertNull(first.header("If-None-Match"), "a first import knows no ETags");
  }

  @Test
  void aSecondImportOfAnUnchangedRepositoryCostsOneNotModifiedRequest() {
    scenario.serve();
    run();
    int batches = target.batches.size();
    server.forgetRequests();

    ForgeImportSummary again = run();

    assertTrue(again.upToDate());
    assertEquals(1, again.requests());
    assertEquals(1, again.notModified());
    assertEquals("W/\"list-1\"", server.requests().getFirst().header("If-None-Match"));
    assertEquals(batches, target.batches.size(), "nothing stored");
  }

  @Test
  void aLaterImportReadsOnlyWhatWasUpdatedSinceAndAsksWithEtags() {
    scenario.serve();
    run();
    server.forgetRequests();
    scenario.reviewedAgain();

    ForgeImportSummary later = run();

    // #43 was updated: its three lists are asked for, two come back unchanged. #45 (updated at
    // the cursor) is skipped; #44 on page 2 was updated before the last pass: reading stops.
    assertEquals(1, later.pullRequests());
    assertEquals(1, later.reviews());
    assertEquals(0, later.commits(), "its commits did not change");
    assertEquals(2, later.notModified());
    assertEquals(
        List.of(
            LIST,
            details(43, "commits"),
            details(43, "reviews"),
            details(43, "comments"),
            LIST + "&page=2"),
        server.requests().stream().map(FakeForge.Request::target).toList());
    assertEquals(
        "W/\"c43\"", server.requestsTo(details(43, "commits")).getFirst().header("If-None-Match"));
    assertEquals("changes_requested", target.reviews.get(3012000001L).state());
    assertEquals(Instant.parse("2026-03-06T08:00:00Z"), target.pullRequests.get(43).updatedAt());
    assertEquals(
        0,
        target.pullRequests.get(43).commits(),
        "unchanged commits give no count; the store keeps the one it has (its conformance test)");
    assertTrue(later.cursorAdvanced());

    server.forgetRequests();
    assertTrue(run().upToDate(), "and then nothing changed");
  }

  @Test
  void aListOfMoreThanOnePageKeepsNoEtag() {
    scenario.serve();
    run();
    server.forgetRequests();
    // Updating #42 makes it read again: its commits (two pages) are asked for without an ETag.
    server.on(
        LIST,
        GitHubScenario.etagged(
            GitHubJson.page(
                List.of(
                    GitHubJson.pull(
                        42,
                        "closed",
                        "mara-quinn",
                        "2026-03-01T10:00:00Z",
                        "2026-03-06T09:00:00Z",
                        "2026-03-02T17:59:59Z",
                        "2026-03-02T17:59:59Z",
                        "ledger-v2",
                        sha(423),
                        sha(420),
                        false))),
            "W/\"list-1c\""));

    run();

    assertNull(server.requestsTo(details(42, "commits")).getFirst().header("If-None-Match"));
    assertEquals(
        "W/\"r42\"", server.requestsTo(details(42, "reviews")).getFirst().header("If-None-Match"));
  }

  @Test
  void malformedAnswersAreReportedWithTheirAddressSkippedAndAskedForAgain() {
    scenario.serve();
    // A page cut short still names the next one.
    server.on(
        LIST + "&page=2",
        FakeForge.json("[{\"number\": 43, \"state\": \"clos")
            .with("Link", "<" + server.url() + LIST + "&page=3>; rel=\"next\""));
    server.on(
        details(44, "reviews"),
        FakeForge.json(
            GitHubJson.page(
                List.of(
                    GitHubJson.review(3011990001L, "APPROVED", "devon-ash", "2026-03-04T15:02:45Z"),
                    "{\"id\": \"not a number\", \"state\": \"APPROVED\", \"submitted_at\": \"2026-03-04T15:00:00Z\"}"))));

    ForgeImportSummary summary = run();

    assertEquals(2, summary.badRecords());
    assertEquals(2, problems.size());
    assertTrue(problems.get(0).where().endsWith(details(44, "reviews")), problems.toString());
    assertTrue(
        problems.get(0).reason().contains("item 2: id is \"not a number\""), problems.toString());
    assertTrue(problems.get(1).where().endsWith(LIST + "&page=2"), problems.toString());
    assertTrue(problems.get(1).reason().startsWith("not JSON"), problems.toString());
    // What could be read is stored: #45, #44 (with its good review), and #41 on page 3.
    assertEquals(List.of(41, 44, 45), List.copyOf(target.pullRequests.keySet()));
    assertTrue(target.reviews.containsKey(3011990001L));
    assertFalse(summary.cursorAdvanced(), "the next import asks again");

    // Fixed: the next import reads what was skipped; #45's details are not asked for again, #44's
    // are (its reviews were incomplete).
    scenario.serve();
    server.forgetRequests();
    problems.clear();
    ForgeImportSummary fixed = run();
    assertEquals(0, fixed.badRecords());
    assertEquals(List.of(41, 42, 43, 44, 45), List.copyOf(target.pullRequests.keySet()));
    assertTrue(server.requestsTo(details(45, "commits")).isEmpty());
    assertEquals(1, server.requestsTo(details(44, "reviews")).size());
    assertTrue(fixed.cursorAdvanced());
  }

  @Test
  void strictStopsAtTheFirstProblemAndKeepsWhatWasStored() {
    scenario.serve();
    server.on(LIST + "&page=2", FakeForge.json("{\"message\": \"not a list\"} trailing"));

    GoodhartException e =
        assertThrows(GoodhartException.class, () -> run(new ForgeImporter.Options(true, false)));

    assertEquals(ErrorCode.BAD_RECORD, e.code());
    assertTrue(e.getMessage().contains(LIST + "&page=2"), e.getMessage());
    assertEquals(List.of(44, 45), List.copyOf(target.pullRequests.keySet()));
  }

  @Test
  void anUnknownRepositoryIsNamed() {
    GoodhartException e = assertThrows(GoodhartException.class, this::run);

    assertEquals(ErrorCode.FORGE_NOT_FOUND, e.code());
    assertTrue(
        e.getMessage()
            .startsWith(
                "repository acme-corp/billing-service not found on GitHub (or the token cannot see it)"),
        e.getMessage());
  }

  @Test
  void aRateLimitMidwayIsWaitedForAndAFailureMidwayKeepsWhatWasStored() {
    scenario.serve();
    long reset = NOW.plusSeconds(120).getEpochSecond();
    server.on(
        details(43, "commits"),
        FakeForge.status(403, "{\"message\": \"API rate limit exceeded for user ID 1.\"}")
            .with("X-RateLimit-Remaining", "0")
            .with("X-RateLimit-Reset", Long.toString(reset)),
        GitHubScenario.etagged(GitHubJson.page(List.of()), "W/\"c43\""));
    server.on(details(42, "reviews"), FakeForge.status(401, "{\"message\": \"Bad credentials\"}"));

    GoodhartException e = assertThrows(GoodhartException.class, this::run);

    assertEquals(List.of(Duration.ofSeconds(121)), waits);
    assertEquals(ErrorCode.FORGE_REFUSED, e.code());
    assertFalse(e.getMessage().contains("ghp_sekrit"), "the token is never shown");
    assertEquals(List.of(43, 44, 45), List.copyOf(target.pullRequests.keySet()));

    // The next import resumes: only #42 and #41 have their details read.
    scenario.serve();
    server.forgetRequests();
    ForgeImportSummary resumed = run();
    assertEquals(2, resumed.pullRequests());
    assertEquals(3, resumed.unchanged());
    assertTrue(server.requestsTo(details(44, "commits")).isEmpty());
  }

  @Test
  void aFullImportAsksForEverythingAgain() {
    scenario.serve();
    run();
    server.forgetRequests();

    ForgeImportSummary full = run(new ForgeImporter.Options(false, true));

    assertEquals(5, full.pullRequests());
    assertEquals(0, full.notModified());
    assertTrue(server.requests().stream().allMatch(r -> r.header("If-None-Match") == null));
  }

  /** A saved line keeps only what goodhart reads. */
  @Test
  void theRecorderHearsEachPullRequestWithItsLists() {
    scenario.serve();
    List<String> heard = new ArrayList<>();
    GitHubForge forge = new GitHubForge(PSEUDONYMS);
    ForgeClient client =
        new ForgeClient(
            ForgeClient.newHttpClient(),
            forge,
            null,
            server.url(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            waits::add,
            ForgeClient.Settings.defaults(),
            ForgeListener.SILENT);
    new ForgeImporter(
            forge,
            client,
            target,
            ForgeImporter.Options.defaults(),
            ForgeListener.SILENT,
            (pr, lists) -> heard.add(pr.get("number") + " " + sizes(lists)))
        .run(REPOSITORY);

    assertEquals(
        List.of(
            "45 {commits=1, reviews=0, comments=0}",
            "44 {commits=2, reviews=2, comments=2}",
            "43 {commits=1, reviews=0, comments=0}",
            "42 {commits=3, reviews=1, comments=0}",
            "41 {commits=1, reviews=0, comments=0}"),
        heard);
  }

  private static String sizes(Map<String, List<com.fasterxml.jackson.databind.JsonNode>> lists) {
    Map<String, Integer> sizes = new java.util.LinkedHashMap<>();
    lists.forEach((kind, items) -> sizes.put(kind, items.size()));
    return sizes.toString();
  }
}
