package dev.goodhart.ingest.forge;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Answers shaped like GitHub's REST API (v2022-11-28), field for field as far as goodhart cares and
 * with the text around it that goodhart must never keep: titles, bodies, messages, names, e-mail
 * addresses.
 */
public final class GitHubJson {
  public static final String REPOSITORY = "acme-corp/billing-service";

  private GitHubJson() {}

  /** A sha made of one hex digit repeated, or of a number: 40 lower-case hex digits. */
  public static String sha(int seed) {
    return "%040x".formatted(0x5eed_0000_0000L + seed);
  }

  /** A page: the items as a JSON array, pretty-printed as GitHub prints it. */
  public static String page(List<String> items) {
    return "[\n" + String.join(",\n", items) + "\n]\n";
  }

  public static String user(String login, int id) {
    return """
        {"login": "%s", "id": %d, "node_id": "U_kgDOA%d", "avatar_url": "https://avatars.githubusercontent.com/u/%d?v=4",
         "gravatar_id": "", "url": "https://api.github.com/users/%s", "html_url": "https://github.com/%s",
         "type": "User", "site_admin": false}"""
        .formatted(login, id, id, id, login, login);
  }

  /**
   * A pull request as {@code GET /repos/{owner}/{repo}/pulls} lists it: no {@code merged} flag,
   * line counts or merger.
   *
   * @param mergedAt null for an open or closed one
   */
  public static String pull(
      int number,
      String state,
      String login,
      String createdAt,
      String updatedAt,
      @Nullable String mergedAt,
      @Nullable String closedAt,
      String headRef,
      String headSha,
      @Nullable String mergeCommitSha,
      boolean draft) {
    String repo =
        """
        {"id": 901234, "node_id": "R_kgDOAA3AMg", "name": "billing-service", "full_name": "%s", "private": true,
         "owner": %s, "description": "Invoices, ledgers and the export to accounting", "fork": false,
         "default_branch": "main"}"""
            .formatted(REPOSITORY, user("acme-corp", 4440001));
    return """
        {
          "url": "https://api.github.com/repos/%1$s/pulls/%2$d",
          "id": %3$d,
          "node_id": "PR_kwDOAbCdEf5z%2$d",
          "html_url": "https://github.com/%1$s/pull/%2$d",
          "diff_url": "https://github.com/%1$s/pull/%2$d.diff",
          "number": %2$d,
          "state": "%4$s",
          "locked": false,
          "title": "Retry invoice export when the ledger times out (part %2$d)",
          "user": %5$s,
          "body": "The nightly export fails about once a week. Co-authored-by: Claude <noreply@anthropic.com>",
          "created_at": "%6$s",
          "updated_at": "%7$s",
          "closed_at": %8$s,
          "merged_at": %9$s,
          "merge_commit_sha": %10$s,
          "assignee": null,
          "assignees": [],
          "requested_reviewers": [%11$s],
          "requested_teams": [],
          "labels": [{"id": 77, "node_id": "LA_1", "name": "bug", "color": "d73a4a", "default": true, "description": "Something is wrong"}],
          "milestone": null,
          "draft": %12$s,
          "commits_url": "https://api.github.com/repos/%1$s/pulls/%2$d/commits",
          "review_comments_url": "https://api.github.com/repos/%1$s/pulls/%2$d/comments",
          "head": {"label": "acme-corp:%13$s", "ref": "%13$s", "sha": "%14$s", "user": %15$s, "repo": %16$s},
          "base": {"label": "acme-corp:main", "ref": "main", "sha": "c0ffee0000000000000000000000000000000042", "user": %15$s, "repo": %16$s},
          "_links": {"self": {"href": "https://api.github.com/repos/%1$s/pulls/%2$d"}},
          "author_association": "MEMBER",
          "auto_merge": null,
          "active_lock_reason": null
        }"""
        .formatted(
            REPOSITORY,
            number,
            2011220000L + number,
            state,
            user(login, 5550100 + login.length()),
            createdAt,
            updatedAt,
            quoted(closedAt),
            quoted(mergedAt),
            quoted(mergeCommitSha),
            user("devon-ash", 5550102),
            draft,
            headRef,
            headSha,
            user("acme-corp", 4440001),
            repo);
  }

  /** An item of {@code GET .../pulls/{n}/commits}. */
  public static String commit(String sha, String email, String date, String login) {
    return """
        {
          "sha": "%1$s",
          "node_id": "C_kwDOAbCdEf%1$s",
          "commit": {
            "author": {"name": "Mara Quinn", "email": "%2$s", "date": "%3$s"},
            "committer": {"name": "GitHub", "email": "noreply@github.com", "date": "%3$s"},
            "message": "Retry the export with backoff\\n\\nCo-authored-by: Claude <noreply@anthropic.com>",
            "tree": {"sha": "e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4", "url": "https://api.github.com/repos/x/git/trees/e1f2"},
            "url": "https://api.github.com/repos/acme-corp/billing-service/git/commits/%1$s",
            "comment_count": 0,
            "verification": {"verified": false, "reason": "unsigned", "signature": null, "payload": null}
          },
          "url": "https://api.github.com/repos/acme-corp/billing-service/commits/%1$s",
          "html_url": "https://github.com/acme-corp/billing-service/commit/%1$s",
          "comments_url": "https://api.github.com/repos/acme-corp/billing-service/commits/%1$s/comments",
          "author": %4$s,
          "committer": %5$s,
          "parents": [{"sha": "c0ffee0000000000000000000000000000000042", "url": "https://api.github.com/x"}]
        }"""
        .formatted(sha, email, date, user(login, 5550101), user("web-flow", 19864447));
  }

  /** An item of {@code GET .../pulls/{n}/reviews}; state as the REST API spells it. */
  public static String review(long id, String state, String login, @Nullable String submittedAt) {
    return """
        {
          "id": %1$d,
          "node_id": "PRR_kwDOAbCdEf6z%1$d",
          "user": %2$s,
          "body": "Looks right. The retry budget could be a setting, but that can wait.",
          "state": "%3$s",
          "html_url": "https://github.com/acme-corp/billing-service/pull/42#pullrequestreview-%1$d",
          "pull_request_url": "https://api.github.com/repos/acme-corp/billing-service/pulls/42",
          "author_association": "MEMBER",
          "_links": {"html": {"href": "https://github.com/x"}, "pull_request": {"href": "https://api.github.com/x"}},
          %4$s
          "commit_id": "3b7a1c9e0d2f4a6b8c0e1f3a5b7c9d1e2f4a6b8c"
        }"""
        .formatted(
            id,
            user(login, 5550102),
            state,
            submittedAt == null ? "" : "\"submitted_at\": \"" + submittedAt + "\",");
  }

  /** An item of {@code GET .../pulls/{n}/comments}. */
  public static String comment(
      long id, @Nullable Long reviewId, String login, String createdAt, String path) {
    return """
        {
          "url": "https://api.github.com/repos/acme-corp/billing-service/pulls/comments/%1$d",
          "pull_request_review_id": %2$s,
          "id": %1$d,
          "node_id": "PRRC_kwDOAbCdEf5s%1$d",
          "diff_hunk": "@@ -12,6 +12,14 @@ public final class LedgerExport {\\n+    int attempts = 0;",
          "path": "%5$s",
          "commit_id": "3b7a1c9e0d2f4a6b8c0e1f3a5b7c9d1e2f4a6b8c",
          "original_commit_id": "3b7a1c9e0d2f4a6b8c0e1f3a5b7c9d1e2f4a6b8c",
          "user": %3$s,
          "body": "Should the backoff be capped? Three retries at 30 s is a long night.",
          "created_at": "%4$s",
          "updated_at": "%4$s",
          "html_url": "https://github.com/acme-corp/billing-service/pull/42#discussion_r%1$d",
          "pull_request_url": "https://api.github.com/repos/acme-corp/billing-service/pulls/42",
          "author_association": "MEMBER",
          "_links": {"self": {"href": "https://api.github.com/x"}},
          "start_line": null,
          "original_start_line": null,
          "line": 19,
          "original_line": 19,
          "side": "RIGHT",
          "subject_type": "line"
        }"""
        .formatted(
            id,
            reviewId == null ? "null" : reviewId.toString(),
            user(login, 5550102),
            createdAt,
            path);
  }

  private static String quoted(@Nullable String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }
}
