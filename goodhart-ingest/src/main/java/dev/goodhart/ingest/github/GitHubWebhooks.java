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
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a GitHub webhook delivery, whose signature the caller has checked with {@link
 * WebhookSignature}, into delivery facts. Of the many fields GitHub sends, only those the facts
 * hold are read (and checked); the rest, titles, bodies, commit messages and e-mail addresses among
 * them, are never looked at. Logins become pseudonyms of {@code github:<login>}, so that a login
 * and an e-mail address never share one. Pull requests, reviews and review comments are read by
 * {@link GitHubFacts}, as an import reads them, so both fill the same facts. An instance holds no
 * state of its own: one serves every request, concurrently.
 */
public final class GitHubWebhooks {
  /** The events read; any other is {@linkplain WebhookResult.Ignored ignored}. */
  public static final List<String> EVENTS =
      List.of(
          "ping",
          "pull_request",
          "pull_request_review",
          "pull_request_review_comment",
          "push",
          "deployment_status");

  /** The {@code pull_request_review} actions read: each leaves the review in a new state. */
  public static final List<String> REVIEW_ACTIONS = List.of("submitted", "edited", "dismissed");

  /**
   * The {@code pull_request_review_comment} actions read. A deleted comment was still written: its
   * fact stays.
   */
  public static final List<String> REVIEW_COMMENT_ACTIONS = List.of("created", "edited");

  /** The source of the deployments GitHub reports. */
  public static final String SOURCE = "github";

  private static final int SHA_LENGTH = GitHubFacts.SHA_LENGTH;

  private final GitHubFacts facts;
  private final Clock clock;

  public GitHubWebhooks(Pseudonyms pseudonyms) {
    this(pseudonyms, Clock.systemUTC());
  }

  /**
   * @param clock gives a push its time when the payload has none (a deleted branch, no push time)
   */
  public GitHubWebhooks(Pseudonyms pseudonyms, Clock clock) {
    this.facts = new GitHubFacts(requireNonNull(pseudonyms, "pseudonyms is null"));
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
    List<String> actions =
        switch (event) {
          case "pull_request_review" -> REVIEW_ACTIONS;
          case "pull_request_review_comment" -> REVIEW_COMMENT_ACTIONS;
          default -> null;
        };
    if (actions != null) {
      String action = root.get("action").text();
      if (action != null && !actions.contains(action)) {
        return new WebhookResult.Ignored(
            event,
            "goodhart reads %s events whose action is %s, not %s"
                .formatted(event, String.join(", ", actions), JsonPayload.quote(action)));
      }
    }
    String repository = root.get("repository").object().get("full_name").text();
    Delivery delivery = new Delivery(deliveryId, payload, root, repository);
    DeliveryBatch batch =
        switch (event) {
          case "pull_request" -> pullRequest(delivery);
          case "pull_request_review" -> review(delivery);
          case "pull_request_review_comment" -> reviewComment(delivery);
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
    PullRequestFact fact =
        facts.pullRequest(
            delivery.payload(),
            delivery.root().get("pull_request").object(),
            delivery.repository());
    return new DeliveryBatch(
        delivery.id(), List.of(fact), List.of(), List.of(), List.of(), List.of());
  }

  private DeliveryBatch review(Delivery delivery) throws WebhookPayloadException {
    JsonField root = delivery.root();
    Integer number = root.get("pull_request").object().get("number").positiveInt();
    ReviewFact fact =
        facts.review(
            delivery.payload(), root.get("review").object(), delivery.repository(), number);
    return new DeliveryBatch(
        delivery.id(),
        List.of(),
        fact == null ? List.of() : List.of(fact),
        List.of(),
        List.of(),
        List.of());
  }

  private DeliveryBatch reviewComment(Delivery delivery) throws WebhookPayloadException {
    JsonField root = delivery.root();
    Integer number = root.get("pull_request").object().get("number").positiveInt();
    ReviewCommentFact fact =
        facts.reviewComment(
            delivery.payload(), root.get("comment").object(), delivery.repository(), number);
    return new DeliveryBatch(
        delivery.id(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(fact));
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
    String state = GitHubFacts.state(status.get("state"));
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
}
