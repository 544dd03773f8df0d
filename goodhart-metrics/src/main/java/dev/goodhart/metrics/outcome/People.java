package dev.goodhart.metrics.outcome;

import org.jspecify.annotations.Nullable;

/**
 * Who ran the sessions of a machine, as a pseudonym comparable with commit authors' (the same HMAC
 * of the email address); null when unknown.
 */
@FunctionalInterface
public interface People {
  People UNKNOWN = machineId -> null;

  @Nullable String personOf(String machineId);
}
