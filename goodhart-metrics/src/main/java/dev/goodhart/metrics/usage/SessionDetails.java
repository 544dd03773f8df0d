package dev.goodhart.metrics.usage;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/** What a session row adds: which session, of which agent, where. */
public record SessionDetails(
    String sessionId,
    String source,
    @Nullable String project,
    @Nullable String cwd,
    @Nullable String gitBranch) {
  public SessionDetails {
    requireNonNull(sessionId, "sessionId is null");
    requireNonNull(source, "source is null");
  }
}
