package dev.goodhart.cli.statusline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests of the last hours, counted by the store's rule ({@code dev.goodhart.store.Store}):
 * copies with one key are one request, the one with more tokens kept; within a de-duplication group
 * every non-sidechain request counts, and sidechain replays count only when the group has no other,
 * then only the largest (the earliest, then the smallest key, on a tie).
 */
final class RecentRequests {
  private static final Comparator<Request> LARGEST_SIDECHAIN =
      Comparator.comparingLong(Request::tokens)
          .reversed()
          .thenComparing(Request::at)
          .thenComparing(Request::key);

  private final Map<String, Request> byKey = new LinkedHashMap<>();
  private final Map<String, List<String>> keysByGroup = new HashMap<>();

  /** How much a session's counted cost, and its number of unpriced requests, changed. */
  record Change(BigDecimal cost, int unpriced) {
    Change plus(Change other) {
      return new Change(cost.add(other.cost), unpriced + other.unpriced);
    }

    boolean isNone() {
      return cost.signum() == 0 && unpriced == 0;
    }
  }

  /**
   * Adds a copy of a request; returns how each session's counted requests changed (a new request
   * adds its cost, a larger copy or a non-sidechain copy replaces a counted one).
   */
  Map<String, Change> add(Request request) {
    Request known = byKey.get(request.key());
    if (known != null && known.tokens() >= request.tokens()) {
      return Map.of();
    }
    List<Request> before = counted(request);
    byKey.put(request.key(), request);
    if (known == null && request.group() != null) {
      keysByGroup.computeIfAbsent(request.group(), g -> new ArrayList<>(2)).add(request.key());
    }
    List<Request> after = counted(request);
    Map<String, Change> changes = new HashMap<>();
    for (Request gone : before) {
      changes.merge(
          gone.session(),
          new Change(costOf(gone).negate(), gone.cost() == null ? -1 : 0),
          Change::plus);
    }
    for (Request come : after) {
      changes.merge(
          come.session(), new Change(costOf(come), come.cost() == null ? 1 : 0), Change::plus);
    }
    changes.values().removeIf(Change::isNone);
    return changes;
  }

  /** The counted copies of the request's group (or the request alone, when it has none). */
  private List<Request> counted(Request request) {
    if (request.group() == null) {
      Request alone = byKey.get(request.key());
      return alone == null ? List.of() : List.of(alone);
    }
    List<String> keys = keysByGroup.get(request.group());
    return keys == null ? List.of() : countedOf(keys);
  }

  private List<Request> countedOf(List<String> keys) {
    List<Request> counted = new ArrayList<>(keys.size());
    Request largestSidechain = null;
    for (String key : keys) {
      Request copy = byKey.get(key);
      if (copy == null) {
        continue;
      }
      if (!copy.sidechain()) {
        counted.add(copy);
      } else if (largestSidechain == null
          || LARGEST_SIDECHAIN.compare(copy, largestSidechain) < 0) {
        largestSidechain = copy;
      }
    }
    if (counted.isEmpty() && largestSidechain != null) {
      counted.add(largestSidechain);
    }
    return counted;
  }

  /** Every counted request, oldest first. */
  List<Request> countedByTime() {
    List<Request> counted = new ArrayList<>(byKey.size());
    for (Request request : byKey.values()) {
      if (request.group() == null) {
        counted.add(request);
      }
    }
    for (List<String> keys : keysByGroup.values()) {
      counted.addAll(countedOf(keys));
    }
    counted.sort(Comparator.comparing(Request::at).thenComparing(Request::key));
    return counted;
  }

  /** Every copy kept, counted or not: what the cache saves. */
  Collection<Request> all() {
    return byKey.values();
  }

  /** Forgets every copy older than {@code cutoff}, counted or not. */
  void dropBefore(Instant cutoff) {
    byKey.values().removeIf(request -> request.at().isBefore(cutoff));
    keysByGroup
        .values()
        .removeIf(
            keys -> {
              keys.removeIf(key -> !byKey.containsKey(key));
              return keys.isEmpty();
            });
  }

  int size() {
    return byKey.size();
  }

  static BigDecimal costOf(Request request) {
    return request.cost() == null ? BigDecimal.ZERO : request.cost();
  }
}
