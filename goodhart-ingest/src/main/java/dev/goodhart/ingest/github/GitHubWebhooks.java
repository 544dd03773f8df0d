package dev.goodhart.ingest.github;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.PushFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a GitHub webhook delivery, whose signature the caller has checked with {@link
 * WebhookSignature}, into delivery facts. Of the many fields GitHub sends, only those the facts
 * hold are read (and checked); the rest, titles, bodies, commit messages and e-mail addresses among
 * them, are never looked at. Logins become pseudonyms of {@code github:<login>}, so that a login
 * and an e-mail address never share one. An instance holds no state of its own: one serves every
 * request, concurrently.
 */
public final class GitHubWebhooks {
  /** The events read; any other is {@linkplain WebhookResult.Ignored ignored}. */
  public static final List<String> EVENTS =
      List.of("ping", "pull_request", "pull_request_review", "push", "deployment_status");

  /** The {@code pull_request_review} actions read: each leaves the review in a new state. */
  public static final List<String> REVIEW_ACTIONS = List.of("submitted", "edited", "dismissed");

  /** The source of the deployments GitHub reports. */
  public static final String SOURCE = "github";

  private static final int SHA_LENGTH = 40;
  private static final Pattern STATE = Pattern.compile("[A-Za-z_]{1,64}");

  private final Pseudonyms pseudonyms;
  private final Clock clock;

  public GitHubWebhooks(Pseudonyms pseudonyms) {
    this(pseudonyms, Clock.systemUTC());
  }

  /**
   * @param clock gives a push its time when the payload has none (a deleted branch, no push time)
   */
  public GitHubWebhooks(Pseudonyms pseudonyms, Clock clock) {
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * @param event the {@code X-GitHub-Event} header; a request without one is no GitHub delivery,
   *     for the caller to refuse
   * @param deliveryId the {@code X-GitHub-Delivery} header, if sent; carried into the batch
   * @param jsonBody the raw body
   * @throws WebhookPayloadException when a read event's payload is not JSON, or lacks a field the
   *     facts need, or holds one of the wrong type
   */
  public WebhookResult parse(String event, @Nullable String deliveryId, byte[] jsonBody)
      throws WebhookPayloadException {
    requireNonNull(event, "event is null");
    requireNonNull(jsonBody, "jsonBody is null");
    if (!EVENTS.contains(event)) {
      return new WebhookResult.Ignored(
          event,
          "goodhart reads no GitHub %s events; it reads %s"
              .formatted(JsonPayload.quote(event), String.join(", ", EVENTS)));
    }
    if (event.equals("ping")) {
      return new WebhookResult.Accepted(
          new DeliveryBatch(deliveryId, List.of(), List.of(), List.of(), List.of(), List.of()));
    }
    String subject =
        "GitHub '%s' event%s"
            .formatted(
                event,
                deliveryId == null ? "" : " (delivery " + JsonPayload.quote(deliveryId) + ")");
    JsonPayload payload = new JsonPayload(subject);
    JsonField root = payload.read(jsonBody);
    if (event.equals("pull_request_review")) {
      String action = root.get("action").text();
      if (action != null && !REVIEW_ACTIONS.contains(action)) {
        return new WebhookResult.Ignored(
            event,
            "goodhart reads pull_request_review events whose action is %s, not %s"
                .formatted(String.join(", ", REVIEW_ACTIONS), JsonPayload.quote(action)));
      }
    }
    String repository = root.get("repository").object().get("full_name").text();
    Delivery delivery = new Delivery(deliveryId, payload, root, repository);
    DeliveryBatch batch =
        switch (event) {
          case "pull_request" -> pullRequest(delivery);
          case "pull_request_review" -> review(delivery);
          case "push" -> push(delivery);
          case "deployment_status" -> deployment(delivery);
          default ->
              throw new IllegalStateException("an event in EVENTS without a reader: " + event);
        };
    return new WebhookResult.Accepted(batch);
  }

  /** One delivery being read; the repository is null when it is missing (a problem recorded). */
  private record Delivery(
      @Nullable String id, JsonPayload payload, JsonField root, @Nullable String repository) {}

  private DeliveryBatch pullRequest(Delivery delivery) throws WebhookPayloadException {
    JsonField pr = delivery.root().get("pull_request").object();
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
    String mergeCommit =
        merged ? pr.get("merge_commit_sha").optionalSha(SHA_LENGTH, SHA_LENGTH) : null;
    String headSha = pr.get("head").optionalObject().get("sha").optionalSha(SHA_LENGTH, SHA_LENGTH);
    String baseRef = pr.get("base").optionalObject().get("ref").optionalText();
    int additions = pr.get("additions").count();
    int deletions = pr.get("deletions").count();
    int commits = pr.get("commits").count();
    delivery.payload().check();
    PullRequestFact fact =
        new PullRequestFact(
            requireNonNull(delivery.repository()),
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
            commits);
    return new DeliveryBatch(
        delivery.id(), List.of(fact), List.of(), List.of(), List.of(), List.of());
  }

  private DeliveryBatch review(Delivery delivery) throws WebhookPayloadException {
    JsonField root = delivery.root();
    Integer number = root.get("pull_request").object().get("number").positiveInt();
    JsonField review = root.get("review").object();
    Long id = review.get("id").nonNegativeLong();
    String state = state(review.get("state"));
    String reviewer = person(review.get("user"));
    Instant submittedAt = review.get("submitted_at").time();
    delivery.payload().check();
    ReviewFact fact =
        new ReviewFact(
            requireNonNull(delivery.repository()),
            requireNonNull(number),
            requireNonNull(id),
            requireNonNull(state),
            reviewer,
            requireNonNull(submittedAt));
    return new DeliveryBatch(
        delivery.id(), List.of(), List.of(fact), List.of(), List.of(), List.of());
  }

  private DeliveryBatch push(Delivery delivery) throws WebhookPayloadException {
    JsonField root = delivery.root();
    String ref = root.get("ref").text();
    String before = root.get("before").sha(SHA_LENGTH, SHA_LENGTH);
    String after = root.get("after").sha(SHA_LENGTH, SHA_LENGTH);
    int commits = root.get("commits").optionalArraySize();
    boolean forced = root.get("forced").flag();
    // A deleted branch has no head commit; GitHub writes the repository's push time in seconds.
    Instant at = root.get("head_commit").optionalObject().get("timestamp").optionalTime();
    if (at == null) {
      at = root.get("repository").get("pushed_at").optionalEpochSecondsOrTime();
    }
    delivery.payload().check();
    PushFact fact =
        new PushFact(
            requireNonNull(delivery.repository()),
            requireNonNull(ref),
            requireNonNull(before),
            requireNonNull(after),
            commits,
            forced,
            at != null ? at : clock.instant());
    return new DeliveryBatch(
        delivery.id(), List.of(), List.of(), List.of(fact), List.of(), List.of());
  }

  private DeliveryBatch deployment(Delivery delivery) throws WebhookPayloadException {
    JsonField root = delivery.root();
    JsonField status = root.get("deployment_status").object();
    JsonField deployment = root.get("deployment").object();
    String id = deployment.get("id").identifier();
    String sha = deployment.get("sha").sha(SHA_LENGTH, SHA_LENGTH);
    // The status names the environment since GitHub added it there; older ones leave it blank.
    String environment =
        status.get("environment").isAbsentOrBlank()
            ? deployment.get("environment").text()
            : status.get("environment").text();
    String state = state(status.get("state"));
    Instant at =
        status.get("updated_at").isAbsent()
            ? status.get("created_at").time()
            : status.get("updated_at").time();
    delivery.payload().check();
    DeploymentFact fact =
        new DeploymentFact(
            SOURCE,
            requireNonNull(id),
            requireNonNull(delivery.repository()),
            requireNonNull(sha),
            requireNonNull(environment),
            requireNonNull(state),
            requireNonNull(at));
    return new DeliveryBatch(
        delivery.id(), List.of(), List.of(), List.of(), List.of(fact), List.of());
  }

  /** A state word, in lower case: GitHub's REST API spells review states in capitals. */
  private static @Nullable String state(JsonField field) {
    String state = field.text();
    if (state != null && !STATE.matcher(state).matches()) {
      field.problem("a state such as approved or success: letters and underscores");
      return null;
    }
    return state == null ? null : state.toLowerCase(Locale.ROOT);
  }

  private @Nullable String person(JsonField user) {
    String login = user.optionalObject().get("login").optionalText();
    return login == null ? null : pseudonyms.of("github:" + login);
  }
}
