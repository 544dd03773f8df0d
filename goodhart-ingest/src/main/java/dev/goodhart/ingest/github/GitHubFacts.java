package dev.goodhart.ingest.github;

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
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GitHub's pull request, review, review comment and commit objects read into facts. Webhook
 * payloads and REST answers share these objects, and both are read here, so that a pull request a
 * webhook reported and the same one imported are the same fact. Only identifiers, states, times,
 * counts, refs and paths are read; logins become pseudonyms of {@code github:<login>}, a commit's
 * author e-mail the pseudonym a scan gives that address. Titles, bodies, messages and comment text
 * are never looked at.
 *
 * <p>Each method reads what it needs, recording problems in the payload, and throws them all at
 * once.
 */
public final class GitHubFacts {
  /** Pseudonyms of GitHub logins are made of this prefix and the login. */
  public static final String LOGIN_PREFIX = "github:";

  static final int SHA_LENGTH = 40;
  private static final Pattern STATE = Pattern.compile("[A-Za-z_]{1,64}");

  private final Pseudonyms pseudonyms;

  public GitHubFacts(Pseudonyms pseudonyms) {
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms is null");
  }

  /**
   * A pull request object: a webhook's {@code pull_request}, or an item of {@code GET
   * /repos/{owner}/{repo}/pulls}, which has no {@code merged} flag, line counts or merger (they
   * read as unknown: false, 0, null).
   *
   * @param repository the repository, null when the caller found none (a problem it recorded)
   */
  public PullRequestFact pullRequest(JsonPayload payload, JsonField pr, @Nullable String repository)
      throws WebhookPayloadException {
    Integer number = pr.get("number").positiveInt();
    String state = pr.get("state").oneOf(List.of("open", "closed"));
    String author = person(pr.get("user"));
    Instant createdAt = pr.get("created_at").time();
    Instant updatedAt = pr.get("updated_at").time();
    Instant mergedAt = pr.get("merged_at").optionalTime();
    Instant closedAt = pr.get("closed_at").optionalTime();
    boolean merged = pr.get("merged").flag() || mergedAt != null;
    if (merged && pr.get("merged_at").isAbsent()) {
      pr.get("merged_at").problem("the time of the merge, since 'merged' is true");
    }
    // An open pull request's merge_commit_sha is GitHub's trial merge, never on the base branch.
    String mergeCommit =
        merged ? pr.get("merge_commit_sha").optionalSha(SHA_LENGTH, SHA_LENGTH) : null;
    JsonField head = pr.get("head").optionalObject();
    String headSha = head.get("sha").optionalSha(SHA_LENGTH, SHA_LENGTH);
    String headRef = head.get("ref").optionalText();
    String baseRef = pr.get("base").optionalObject().get("ref").optionalText();
    int additions = pr.get("additions").count();
    int deletions = pr.get("deletions").count();
    int commits = pr.get("commits").count();
    boolean draft = pr.get("draft").flag();
    String mergedBy = merged ? person(pr.get("merged_by")) : null;
    payload.check();
    return new PullRequestFact(
        requireNonNull(repository),
        requireNonNull(number),
        merged ? "merged" : requireNonNull(state),
        author,
        requireNonNull(createdAt),
        requireNonNull(updatedAt),
        mergedAt,
        closedAt,
        mergeCommit,
        headSha,
        baseRef,
        additions,
        deletions,
        commits,
        headRef,
        draft,
        mergedBy);
  }

  /**
   * A review object: a webhook's {@code review}, or an item of {@code GET .../pulls/{n}/reviews}.
   * Null for a pending review, which only its author sees and which has no time yet.
   */
  public @Nullable ReviewFact review(
      JsonPayload payload, JsonField review, @Nullable String repository, @Nullable Integer number)
      throws WebhookPayloadException {
    Long id = review.get("id").nonNegativeLong();
    String state = state(review.get("state"));
    if ("pending".equals(state)) {
      payload.check();
      return null;
    }
    String reviewer = person(review.get("user"));
    Instant submittedAt = review.get("submitted_at").time();
    payload.check();
    return new ReviewFact(
        requireNonNull(repository),
        requireNonNull(number),
        requireNonNull(id),
        requireNonNull(state),
        reviewer,
        requireNonNull(submittedAt));
  }

  /**
   * A review comment object: a webhook's {@code comment}, or an item of {@code GET
   * .../pulls/{n}/comments}.
   */
  public ReviewCommentFact reviewComment(
      JsonPayload payload, JsonField comment, @Nullable String repository, @Nullable Integer number)
      throws WebhookPayloadException {
    Long id = comment.get("id").nonNegativeLong();
    Long reviewId =
        comment.get("pull_request_review_id").isAbsent()
            ? null
            : comment.get("pull_request_review_id").nonNegativeLong();
    String author = person(comment.get("user"));
    Instant createdAt = comment.get("created_at").time();
    String path = comment.get("path").optionalPath();
    payload.check();
    return new ReviewCommentFact(
        requireNonNull(repository),
        requireNonNull(number),
        requireNonNull(id),
        reviewId,
        author,
        requireNonNull(createdAt),
        path);
  }

  /** An item of {@code GET .../pulls/{n}/commits}. */
  public PullRequestCommitFact commit(
      JsonPayload payload, JsonField commit, String repository, int number)
      throws WebhookPayloadException {
    String sha = commit.get("sha").sha(SHA_LENGTH, SHA_LENGTH);
    JsonField author = commit.get("commit").optionalObject().get("author").optionalObject();
    Instant authoredAt = author.get("date").optionalTime();
    String email = author.get("email").optionalText();
    payload.check();
    return new PullRequestCommitFact(
        repository,
        number,
        requireNonNull(sha),
        authoredAt,
        email == null ? null : pseudonyms.of(email));
  }

  /** A state word, in lower case: GitHub's REST API spells review states in capitals. */
  static @Nullable String state(JsonField field) {
    String state = field.text();
    if (state != null && !STATE.matcher(state).matches()) {
      field.problem("a state such as approved or success: letters and underscores");
      return null;
    }
    return state == null ? null : state.toLowerCase(Locale.ROOT);
  }

  /** The pseudonym of a user object's login; null when there is no user (a deleted account). */
  @Nullable String person(JsonField user) {
    String login = user.optionalObject().get("login").optionalText();
    return login == null ? null : pseudonyms.of(LOGIN_PREFIX + login);
  }
}
