package dev.goodhart.ingest.deploys;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.IncidentFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request to the generic events endpoint: {@code {"deployments": [...], "incidents":
 * [...]}}. Unlike a GitHub payload, whose extra fields are GitHub's business, this schema is
 * goodhart's own, so an unknown field is a problem too: a misspelt {@code resolvedAt} would
 * otherwise leave an incident open for ever.
 */
public final class GenericEvents {
  /** The deployment statuses, as GitHub names them. */
  public static final List<String> STATUSES =
      List.of("success", "failure", "error", "pending", "in_progress", "queued", "inactive");

  /** Deployments and incidents in one request, together; a backfill sends several requests. */
  public static final int MAX_ITEMS = 1_000;

  /** Commits one incident may blame. */
  public static final int MAX_COMMITS = 100;

  /** A source name: lower-case letters, digits, dots, dashes and underscores. */
  public static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private static final List<String> TOP_FIELDS = List.of("deployments", "incidents");
  private static final List<String> DEPLOYMENT_FIELDS =
      List.of("id", "repository", "sha", "environment", "status", "at", "source");
  private static final List<String> INCIDENT_FIELDS =
      List.of(
          "id",
          "severity",
          "openedAt",
          "resolvedAt",
          "repository",
          "deploymentId",
          "commits",
          "source");
  private static final int MIN_SHA = 7;
  private static final int MAX_SHA = 40;

  private GenericEvents() {}

  /**
   * @param defaultSource the source of the items that name none: the name the caller's token or
   *     endpoint stands for; it must match {@link #SOURCE}
   * @throws WebhookPayloadException listing every problem found (the first {@value
   *     WebhookPayloadException#MAX_PROBLEMS}), when there is any
   */
  public static DeliveryBatch parse(byte[] body, String defaultSource)
      throws WebhookPayloadException {
    requireNonNull(body, "body is null");
    requireNonNull(defaultSource, "defaultSource is null");
    if (!SOURCE.matcher(defaultSource).matches()) {
      throw new IllegalArgumentException(
          "a source name matches %s: %s".formatted(SOURCE, JsonPayload.quote(defaultSource)));
    }
    JsonPayload payload = new JsonPayload("events request");
    JsonField root = payload.read(body);
    root.allowOnly("the request", TOP_FIELDS);
    List<JsonField> deploymentItems = root.get("deployments").optionalArray(MAX_ITEMS);
    List<JsonField> incidentItems = root.get("incidents").optionalArray(MAX_ITEMS);
    int items = deploymentItems.size() + incidentItems.size();
    if (items > MAX_ITEMS) {
      payload.report(
          "",
          "%d deployments and %d incidents".formatted(deploymentItems.size(), incidentItems.size()),
          "at most %d items in one request; send the rest in another".formatted(MAX_ITEMS));
    }
    if (root.get("deployments").isAbsentOrEmptyArray()
        && root.get("incidents").isAbsentOrEmptyArray()) {
      root.problem("at least one deployment or incident");
    }
    List<DeploymentFact> deployments = new ArrayList<>();
    for (JsonField item : deploymentItems) {
      DeploymentFact deployment = deployment(item.object(), defaultSource);
      if (deployment != null) {
        deployments.add(deployment);
      }
    }
    List<IncidentFact> incidents = new ArrayList<>();
    for (JsonField item : incidentItems) {
      IncidentFact incident = incident(item.object(), defaultSource);
      if (incident != null) {
        incidents.add(incident);
      }
    }
    payload.check();
    return new DeliveryBatch(null, List.of(), List.of(), List.of(), deployments, incidents);
  }

  private static @Nullable DeploymentFact deployment(JsonField item, String defaultSource) {
    item.allowOnly("a deployment", DEPLOYMENT_FIELDS);
    String id = item.get("id").identifier();
    String repository = item.get("repository").text();
    String sha = item.get("sha").sha(MIN_SHA, MAX_SHA);
    String environment = item.get("environment").text();
    String status = item.get("status").oneOf(STATUSES);
    Instant at = item.get("at").time();
    String source = source(item.get("source"), defaultSource);
    if (id == null
        || repository == null
        || sha == null
        || environment == null
        || status == null
        || at == null
        || source == null) {
      return null;
    }
    return new DeploymentFact(source, id, repository, sha, environment, status, at);
  }

  private static @Nullable IncidentFact incident(JsonField item, String defaultSource) {
    item.allowOnly("an incident", INCIDENT_FIELDS);
    String id = item.get("id").identifier();
    String severity = item.get("severity").text();
    Instant openedAt = item.get("openedAt").time();
    Instant resolvedAt = item.get("resolvedAt").optionalTime();
    if (openedAt != null && resolvedAt != null && resolvedAt.isBefore(openedAt)) {
      item.get("resolvedAt").problem("a time no earlier than openedAt");
      resolvedAt = null;
    }
    String repository = item.get("repository").optionalText();
    String deploymentId = item.get("deploymentId").optionalIdentifier();
    List<String> commits = new ArrayList<>();
    for (JsonField commit : item.get("commits").optionalArray(MAX_COMMITS)) {
      String sha = commit.sha(MIN_SHA, MAX_SHA);
      if (sha != null) {
        commits.add(sha);
      }
    }
    String source = source(item.get("source"), defaultSource);
    if (id == null || severity == null || openedAt == null || source == null) {
      return null;
    }
    return new IncidentFact(
        source, id, repository, severity, openedAt, resolvedAt, deploymentId, commits);
  }

  private static @Nullable String source(JsonField field, String defaultSource) {
    if (field.isAbsent()) {
      return defaultSource;
    }
    String source = field.text();
    if (source != null && !SOURCE.matcher(source).matches()) {
      field.problem(
          "a source name: lower-case letters, digits, '.', '-' and '_', at most 64 characters");
      return null;
    }
    return source;
  }
}
