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
import org.jspecify.annotations.Nullable;
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

  static String user(String username, int id) {
    return """
        {"id": %d, "username": "%s", "name": "Full Name of %s", "state": "active", "locked": false,
         "avatar_url": "https://secure.gravatar.com/avatar/x", "web_url": "https://gitlab.com/%s"}"""
        .formatted(id, username, username, username);
  }

  static String mergeRequest(
      int iid,
      String state,
      String updatedAt,
      @Nullable String mergedAt,
      @Nullable String mergeCommit,
      @Nullable String squashCommit,
      @Nullable String mergeUser) {
    return """
        {
          "id": %1$d, "iid": %2$d, "project_id": 278964,
          "title": "Draft: Move invoices to the new ledger (%2$d)",
          "description": "Closes #12. Written with Claude Code.",
          "state": "%3$s",
          "created_at": "2026-03-01T08:00:00.000Z",
          "updated_at": "%4$s",
          "merged_by": %5$s,
          "merge_user": %5$s,
          "merged_at": %6$s,
          "closed_by": null,
          "closed_at": null,
          "target_branch": "main",
          "source_branch": "ledger-%2$d",
          "user_notes_count": 3,
          "upvotes": 0, "downvotes": 0,
          "author": %7$s,
          "assignees": [], "reviewers": [%8$s],
          "source_project_id": 278964, "target_project_id": 278964,
          "labels": ["backend"],
          "draft": %9$s,
          "work_in_progress": %9$s,
          "milestone": null,
          "merge_when_pipeline_succeeds": false,
          "merge_status": "can_be_merged",
          "detailed_merge_status": "mergeable",
          "sha": "%10$s",
          "merge_commit_sha": %11$s,
          "squash_commit_sha": %12$s,
          "discussion_locked": null,
          "should_remove_source_branch": true,
          "force_remove_source_branch": true,
          "prepared_at": "2026-03-01T08:00:05.000Z",
          "reference": "!%2$d",
          "references": {"short": "!%2$d", "relative": "!%2$d", "full": "acme/platform/billing-api!%2$d"},
          "web_url": "https://gitlab.com/acme/platform/billing-api/-/merge_requests/%2$d",
          "time_stats": {"time_estimate": 0, "total_time_spent": 0},
          "squash": %13$s,
          "squash_on_merge": %13$s,
          "task_completion_status": {"count": 0, "completed_count": 0},
          "has_conflicts": false,
          "blocking_discussions_resolved": true
        }"""
        .formatted(
            9_000_000 + iid,
            iid,
            state,
            updatedAt,
            mergeUser == null ? "null" : user(mergeUser, 31),
            mergedAt == null ? "null" : "\"" + mergedAt + "\"",
            user("ana.lima", 30),
            user("ben-ode", 31),
            iid == 9,
            sha(iid),
            mergeCommit == null ? "null" : "\"" + mergeCommit + "\"",
            squashCommit == null ? "null" : "\"" + squashCommit + "\"",
            squashCommit != null);
  }

  static String commit(String sha, String authoredDate) {
    return """
        {"id": "%1$s", "short_id": "%2$s", "created_at": "%3$s", "parent_ids": ["%4$s"],
         "title": "Move invoices", "message": "Move invoices\\n\\nCo-authored-by: Claude", "author_name": "Ana Lima",
         "author_email": "ana@acme.example", "authored_date": "%3$s", "committer_name": "Ana Lima",
         "committer_email": "ana@acme.example", "committed_date": "%3$s", "trailers": {}, "extended_trailers": {},
         "web_url": "https://gitlab.com/acme/platform/billing-api/-/commit/%1$s"}"""
        .formatted(sha, sha.substring(0, 8), authoredDate, sha(1));
  }

  static String note(
      long id, String body, boolean system, @Nullable String type, @Nullable String path) {
    return """
        {"id": %d, "type": %s, "body": "%s", "author": %s, "created_at": "2026-03-02T10:%02d:00.000+01:00",
         "updated_at": "2026-03-02T10:00:00.000+01:00", "system": %s, "noteable_id": 9000007,
         "noteable_type": "MergeRequest", "project_id": 278964, "resolvable": %s, "confidential": false,
         "internal": false, "noteable_iid": 7, "commands_changes": {}%s}"""
        .formatted(
            id,
            type == null ? "null" : "\"" + type + "\"",
            body,
            user(system ? "ben-ode" : "cleo", 31),
            id % 60,
            system,
            !system,
            path == null
                ? ""
                : ", \"position\": {\"base_sha\": \"%s\", \"start_sha\": \"%s\", \"head_sha\": \"%s\", \"old_path\": \"%s\", \"new_path\": \"%s\", \"position_type\": \"text\", \"old_line\": null, \"new_line\": 18}"
                    .formatted(sha(1), sha(1), sha(7), path, path));
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
                        mergeRequest(
                            9, "opened", "2026-03-04T09:00:00.000Z", null, null, null, null),
                        mergeRequest(
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
                    mergeRequest(
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
              GitHubJson.page(List.of(commit(sha(iid * 10 + 1), "2026-03-01T09:30:00.000+01:00"))),
              "W/\"c" + iid + "\""));
      server.on(
          BASE + "/merge_requests/" + iid + "/notes?sort=asc&order_by=created_at&per_page=100",
          FakeForge.json(iid == 7 ? notes() : "[]"));
    }
  }

  static String notes() {
    return GitHubJson.page(
        List.of(
            note(
                801,
                "added 2 commits\\n\\n<ul><li>abc - Move invoices</li></ul>",
                true,
                null,
                null),
            note(802, "Is the ledger locked here?", false, "DiffNote", "src/ledger/Invoices.kt"),
            note(803, "Thanks, looks good overall.", false, null, null),
            note(804, "approved this merge request", true, null, null),
            note(805, "unapproved this merge request", true, null, null),
            note(806, "approved this merge request", true, null, null)));
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
