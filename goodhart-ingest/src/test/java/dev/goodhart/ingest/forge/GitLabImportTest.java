package dev.goodhart.ingest.forge;

import static dev.goodhart.ingest.forge.GitHubJson.sha;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.gitlab.GitLabForge;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Importing a GitLab project in a subgroup from a local server that answers as GitLab does. */
class GitLabImportTest {
  static final Pseudonyms PSEUDONYMS =
      Pseudonyms.withSecret("an organisation secret".getBytes(UTF_8));
  static final String PROJECT = "acme/platform/billing-api";
  static final String BASE = "/api/v4/projects/acme%2Fplatform%2Fbilling-api";
  static final String LIST =
      BASE + "/merge_requests?state=all&order_by=updated_at&sort=desc&scope=all&per_page=100";

  final FakeForge server = new FakeForge();
  final MemoryTarget target = new MemoryTarget();

  @AfterEach
  void stop() {
    server.close();
  }

  ForgeImportSummary run() {
    GitLabForge forge = new GitLabForge(PSEUDONYMS);
    ForgeClient client =
        new ForgeClient(
            ForgeClient.newHttpClient(),
            forge,
            "glpat-sekrit",
            server.url().resolve("/api/v4"),
            Clock.fixed(Instant.parse("2026-03-07T12:00:00Z"), ZoneOffset.UTC),
            wait -> {},
            ForgeClient.Settings.defaults(),
            ForgeListener.SILENT);
    return new ForgeImporter(
            forge, client, target, ForgeImporter.Options.defaults(), ForgeListener.SILENT, null)
        .run(PROJECT);
  }

  void serve() {
    // GitLab pages by X-Next-Page when it sends no Link header (keyset-less, large projects).
    server.on(
        LIST,
        GitHubScenario.etagged(
                GitHubJson.page(
                    List.of(
                        GitLabJson.mergeRequest(
                            9, "opened", "2026-03-04T09:00:00.000Z", null, null, null, null),
                        GitLabJson.mergeRequest(
                            7,
                            "merged",
                            "2026-03-03T09:00:00.000Z",
                            "2026-03-03T08:59:58.120Z",
                            null,
                            sha(700),
                            "ben-ode"))),
                "W/\"mr-1\"")
            .with("X-Next-Page", "2")
            .with("X-Page", "1")
            .with("X-Per-Page", "100")
            .with("X-Total", "3"));
    server.on(
        LIST + "&page=2",
        FakeForge.json(
            GitHubJson.page(
                List.of(
                    GitLabJson.mergeRequest(
                        5,
                        "merged",
                        "2026-03-02T09:00:00.000Z",
                        "2026-03-02T08:00:00.000Z",
                        sha(500),
                        sha(501),
                        "ben-ode")))));
    for (int iid : List.of(9, 7, 5)) {
      server.on(
          BASE + "/merge_requests/" + iid + "/commits?per_page=100",
          GitHubScenario.etagged(
              GitHubJson.page(
                  List.of(GitLabJson.commit(sha(iid * 10 + 1), "2026-03-01T09:30:00.000+01:00"))),
              "W/\"c" + iid + "\""));
      server.on(
          BASE + "/merge_requests/" + iid + "/notes?sort=asc&order_by=created_at&per_page=100",
          FakeForge.json(iid == 7 ? GitLabJson.notes() : "[]"));
    }
  }

  @Test
  void mergeRequestsCommitsApprovalsAndNotesAreTheSameFactsAsGitHubs() {
    serve();

    ForgeImportSummary summary = run();

    assertEquals(3, summary.pullRequests());
    assertEquals(0, summary.badRecords());
    assertEquals("glpat-sekrit", server.requests().getFirst().header("PRIVATE-TOKEN"));

    PullRequestFact squashed = target.pullRequests.get(7);
    assertEquals(PROJECT, squashed.repository());
    assertEquals("merged", squashed.state());
    assertEquals(sha(700), squashed.mergeCommitSha(), "a squash without a merge commit");
    assertEquals(Instant.parse("2026-03-03T08:59:58.120Z"), squashed.closedAt());
    assertEquals("ledger-7", squashed.headRef());
    assertEquals("main", squashed.baseRef());
    assertEquals(PSEUDONYMS.of("gitlab:ana.lima"), squashed.authorId());
    assertEquals(PSEUDONYMS.of("gitlab:ben-ode"), squashed.mergedById());
    assertEquals(1, squashed.commits());
    assertEquals(sha(500), target.pullRequests.get(5).mergeCommitSha(), "the merge commit first");
    PullRequestFact open = target.pullRequests.get(9);
    assertEquals("open", open.state());
    assertTrue(open.draft());
    assertNull(open.mergedById());

    assertEquals(
        new PullRequestCommitFact(
            PROJECT,
            7,
            sha(71),
            Instant.parse("2026-03-01T08:30:00Z"),
            PSEUDONYMS.of("ana@acme.example")),
        target.commits.get("7 " + sha(71)));
    assertEquals(
        List.of(
            new ReviewFact(
                PROJECT,
                7,
                804,
                "approved",
                PSEUDONYMS.of("gitlab:ben-ode"),
                Instant.parse("2026-03-02T09:24:00Z")),
            new ReviewFact(
                PROJECT,
                7,
                805,
                "dismissed",
                PSEUDONYMS.of("gitlab:ben-ode"),
                Instant.parse("2026-03-02T09:25:00Z")),
            new ReviewFact(
                PROJECT,
                7,
                806,
                "approved",
                PSEUDONYMS.of("gitlab:ben-ode"),
                Instant.parse("2026-03-02T09:26:00Z"))),
        List.copyOf(target.reviews.values()));
    assertEquals(
        List.of(
            new ReviewCommentFact(
                PROJECT,
                7,
                802,
                null,
                PSEUDONYMS.of("gitlab:cleo"),
                Instant.parse("2026-03-02T09:22:00Z"),
                "src/ledger/Invoices.kt"),
            new ReviewCommentFact(
                PROJECT,
                7,
                803,
                null,
                PSEUDONYMS.of("gitlab:cleo"),
                Instant.parse("2026-03-02T09:23:00Z"),
                null)),
        List.copyOf(target.comments.values()));

    String kept = target.everything();
    for (String secret : List.of("Draft", "ledger locked", "looks good", "ana", "Lima", "@")) {
      assertFalse(kept.contains(secret), () -> "kept '" + secret + "'");
    }
  }

  @Test
  void anUnchangedProjectCostsOneNotModifiedRequest() {
    serve();
    run();
    server.forgetRequests();

    ForgeImportSummary again = run();

    assertTrue(again.upToDate());
    assertEquals(1, server.requests().size());
    assertEquals("W/\"mr-1\"", server.requests().getFirst().header("If-None-Match"));
  }
}
