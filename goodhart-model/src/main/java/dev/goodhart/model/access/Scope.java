package dev.goodhart.model.access;

import java.util.Locale;
import java.util.Optional;

/** What an API token may do. {@link #ADMIN} may do everything. */
public enum Scope {
  /** Send telemetry, webhooks, deployments and incidents. */
  INGEST,
  /** Read the metrics (REST API, dashboard). */
  READ,
  /** Manage tokens and teams; implies the other scopes. */
  ADMIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Scope> fromWire(String name) {
    for (Scope scope : values()) {
      if (scope.wireName().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
