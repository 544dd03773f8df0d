package dev.goodhart.model.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An incident from a paging or incident tool: one row per source and incident id, the latest report
 * winning. No free text is kept besides what identifies it.
 *
 * @param severity as the tool names it ({@code sev1}, {@code critical}, ...)
 * @param deploymentId the deployment the tool blames, if it names one
 * @param commits the commits the tool blames (full or abbreviated shas), if any
 */
public record IncidentFact(
    String source,
    String incidentId,
    @Nullable String repository,
    String severity,
    Instant openedAt,
    @Nullable Instant resolvedAt,
    @Nullable String deploymentId,
    List<String> commits) {
  public IncidentFact {
    requireNonNull(source, "source is null");
    requireNonNull(incidentId, "incidentId is null");
    requireNonNull(severity, "severity is null");
    requireNonNull(openedAt, "openedAt is null");
    commits = List.copyOf(requireNonNull(commits, "commits is null"));
  }
}
