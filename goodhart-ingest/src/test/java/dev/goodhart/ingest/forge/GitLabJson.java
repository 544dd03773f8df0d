package dev.goodhart.ingest.forge;

import static dev.goodhart.ingest.forge.GitHubJson.sha;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Answers shaped like GitLab's REST API (v4), with the text around the facts that goodhart must
 * never keep: titles, descriptions, note text, names, e-mail addresses.
 */
public final class GitLabJson {
  private GitLabJson() {}

  public static String user(String username, int id) {
    return """
        {"id": %d, "username": "%s", "name": "Full Name of %s", "state": "active", "locked": false,
         "avatar_url": "https://secure.gravatar.com/avatar/x", "web_url": "https://gitlab.com/%s"}"""
        .formatted(id, username, username, username);
  }

  public static String mergeRequest(
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

  public static String commit(String sha, String authoredDate) {
    return """
        {"id": "%1$s", "short_id": "%2$s", "created_at": "%3$s", "parent_ids": ["%4$s"],
         "title": "Move invoices", "message": "Move invoices\\n\\nCo-authored-by: Claude", "author_name": "Ana Lima",
         "author_email": "ana@acme.example", "authored_date": "%3$s", "committer_name": "Ana Lima",
         "committer_email": "ana@acme.example", "committed_date": "%3$s", "trailers": {}, "extended_trailers": {},
         "web_url": "https://gitlab.com/acme/platform/billing-api/-/commit/%1$s"}"""
        .formatted(sha, sha.substring(0, 8), authoredDate, sha(1));
  }

  public static String note(
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

  public static String notes() {
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
}
