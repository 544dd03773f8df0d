package dev.goodhart.ingest.gitlab;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's merge request, commit and note objects read into the facts GitHub's fill. A merge
 * request's number is its {@code iid}; {@code opened} and {@code locked} are open; its commit on
 * the target branch is the merge commit, else the squashed commit. A system note that approves,
 * unapproves or requests changes is a review; a note a person wrote is a review comment (on a file
 * when it is on the diff). Usernames become pseudonyms of {@code gitlab:<username>}, a commit's
 * author address the pseudonym a scan gives it. Titles, descriptions and note text are never kept.
 */
public final class GitLabFacts {
  /** Pseudonyms of GitLab usernames are made of this prefix and the username. */
  public static final String USERNAME_PREFIX = "gitlab:";

  private static final int SHA_LENGTH = 40;

  private static final Map<String, String> STATES =
      Map.of("opened", "open", "locked", "open", "closed", "closed", "merged", "merged");

  /** What GitLab's system notes say when a review happens, and the review state each is. */
  private static final Map<String, String> REVIEW_NOTES =
      Map.of(
          "approved this merge request", "approved",
          "unapproved this merge request", "dismissed",
          "requested changes", "changes_requested");

  private final Pseudonyms pseudonyms;

  public GitLabFacts(Pseudonyms pseudonyms) {
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms is null");
  }

  /** An item of {@code GET /projects/:id/merge_requests}. */
  public PullRequestFact mergeRequest(JsonPayload payload, JsonField mr, String repository)
      throws WebhookPayloadException {
    Integer number = mr.get("iid").positiveInt();
    String state = mr.get("state").oneOf(List.of("opened", "closed", "merged", "locked"));
    String author = person(mr.get("author"));
    Instant createdAt = mr.get("created_at").time();
    Instant updatedAt = mr.get("updated_at").time();
    Instant mergedAt = mr.get("merged_at").optionalTime();
    Instant closedAt = mr.get("closed_at").optionalTime();
    boolean merged = "merged".equals(state);
    String mergeCommit = null;
    if (merged) {
      mergeCommit = mr.get("merge_commit_sha").optionalSha(SHA_LENGTH, SHA_LENGTH);
      String squashCommit = mr.get("squash_commit_sha").optionalSha(SHA_LENGTH, SHA_LENGTH);
      mergeCommit = mergeCommit != null ? mergeCommit : squashCommit;
    }
    String headSha = mr.get("sha").optionalSha(SHA_LENGTH, SHA_LENGTH);
    String headRef = mr.get("source_branch").optionalText();
    String baseRef = mr.get("target_branch").optionalText();
    // 'draft' since GitLab 13.2; 'work_in_progress' before.
    boolean draft =
        mr.get("draft").isAbsent() ? mr.get("work_in_progress").flag() : mr.get("draft").flag();
    String mergedBy = null;
    if (merged) {
      mergedBy =
          mr.get("merge_user").isAbsent()
              ? person(mr.get("merged_by"))
              : person(mr.get("merge_user"));
    }
    payload.check();
    return new PullRequestFact(
        repository,
        requireNonNull(number),
        requireNonNull(STATES.get(requireNonNull(state))),
        author,
        requireNonNull(createdAt),
        requireNonNull(updatedAt),
        mergedAt,
        merged && closedAt == null ? mergedAt : closedAt,
        mergeCommit,
        headSha,
        baseRef,
        0,
        0,
        0,
        headRef,
        draft,
        mergedBy);
  }

  /** An item of {@code GET /projects/:id/merge_requests/:iid/commits}. */
  public PullRequestCommitFact commit(
      JsonPayload payload, JsonField commit, String repository, int number)
      throws WebhookPayloadException {
    String sha = commit.get("id").sha(SHA_LENGTH, SHA_LENGTH);
    Instant authoredAt = commit.get("authored_date").optionalTime();
    String email = commit.get("author_email").optionalText();
    payload.check();
    return new PullRequestCommitFact(
        repository,
        number,
        requireNonNull(sha),
        authoredAt,
        email == null ? null : pseudonyms.of(email));
  }

  /** What a note is: a review, a review comment, or nothing goodhart keeps. */
  public sealed interface Note {}

  public record Review(ReviewFact fact) implements Note {}

  public record Comment(ReviewCommentFact fact) implements Note {}

  public record Other() implements Note {}

  /** An item of {@code GET /projects/:id/merge_requests/:iid/notes}. */
  public Note note(JsonPayload payload, JsonField note, String repository, int number)
      throws WebhookPayloadException {
    Long id = note.get("id").nonNegativeLong();
    boolean system = note.get("system").flag();
    String author = person(note.get("author"));
    Instant createdAt = note.get("created_at").time();
    if (system) {
      // The text of a system note is GitLab's own, never a person's: it says what happened.
      String body = note.get("body").matching(REVIEW_NOTES.keySet());
      String state = body == null ? null : REVIEW_NOTES.get(body);
      payload.check();
      if (state == null) {
        return new Other();
      }
      return new Review(
          new ReviewFact(
              repository, number, requireNonNull(id), state, author, requireNonNull(createdAt)));
    }
    String path = note.get("position").optionalObject().get("new_path").optionalPath();
    payload.check();
    return new Comment(
        new ReviewCommentFact(
            repository, number, requireNonNull(id), null, author, requireNonNull(createdAt), path));
  }

  @Nullable String person(JsonField user) {
    String username = user.optionalObject().get("username").optionalText();
    return username == null ? null : pseudonyms.of(USERNAME_PREFIX + username);
  }
}
