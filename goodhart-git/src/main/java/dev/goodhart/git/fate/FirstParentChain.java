package dev.goodhart.git.fate;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A branch's first-parent chain, oldest first: the states the branch has been in. A state's time is
 * its commit's, except that a commit dated before its predecessor (a rebase, a wrong clock) counts
 * from its predecessor's time, so that the branch's states are in time order.
 */
public final class FirstParentChain {
  private final Map<String, Integer> positions = new HashMap<>();
  private final long[] effectiveSeconds;

  private FirstParentChain(List<String> shas, List<Instant> times) {
    effectiveSeconds = new long[shas.size()];
    long latest = Long.MIN_VALUE;
    for (int i = 0; i < shas.size(); i++) {
      positions.put(shas.get(i), i);
      latest = Math.max(latest, times.get(i).getEpochSecond());
      effectiveSeconds[i] = latest;
    }
  }

  /**
   * @param shas the chain from its root to the head; {@code times} their commit times
   */
  public static FirstParentChain of(List<String> shas, List<Instant> times) {
    requireNonNull(shas, "shas is null");
    requireNonNull(times, "times is null");
    if (shas.size() != times.size() || shas.isEmpty()) {
      throw new IllegalArgumentException("a chain has at least one commit and a time for each");
    }
    return new FirstParentChain(shas, times);
  }

  public boolean contains(String sha) {
    return positions.containsKey(sha);
  }

  public int position(String sha) {
    Integer position = positions.get(sha);
    if (position == null) {
      throw new IllegalArgumentException(sha + " is not on the chain");
    }
    return position;
  }

  public int size() {
    return effectiveSeconds.length;
  }

  /** The state's time, in epoch seconds. */
  public long seconds(int position) {
    return effectiveSeconds[position];
  }

  /** The last state reached at or before {@code epochSeconds}, or -1 before the first. */
  public int stateAt(long epochSeconds) {
    int low = 0;
    int high = effectiveSeconds.length - 1;
    int found = -1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (effectiveSeconds[middle] <= epochSeconds) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }
}
