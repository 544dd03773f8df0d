package dev.goodhart.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which usage events a query sees.
 *
 * @param from the earliest time included, or null for no lower bound
 * @param until the first time excluded, or null for no upper bound
 * @param sources source names to include; empty for all
 * @param project a project to include: matches the project name, the working directory, or its last
 *     folder name
 */
public record UsageFilter(
    @Nullable Instant from,
    @Nullable Instant until,
    List<String> sources,
    @Nullable String project) {

  public static final UsageFilter ALL = new UsageFilter(null, null, List.of(), null);

  public UsageFilter {
    sources = List.copyOf(requireNonNull(sources, "sources is null"));
  }
}
