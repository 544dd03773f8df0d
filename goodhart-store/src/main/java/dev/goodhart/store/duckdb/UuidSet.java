package dev.goodhart.store.duckdb;

import java.util.Arrays;
import java.util.UUID;

/**
 * The ids a transaction staged, to stage each once. Two longs a slot, no objects: a transaction of
 * half a million signals costs 16 MB here, where a {@code HashSet<UUID>} took over 40.
 */
final class UuidSet {
  private long[] slots = new long[2 * 1024];
  private boolean[] used = new boolean[1024];
  private int size;

  /** Adds the id; false when it was there already. */
  boolean add(UUID id) {
    long high = id.getMostSignificantBits();
    long low = id.getLeastSignificantBits();
    int mask = used.length - 1;
    int slot = spread(high, low) & mask;
    while (used[slot]) {
      if (slots[2 * slot] == high && slots[2 * slot + 1] == low) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    used[slot] = true;
    slots[2 * slot] = high;
    slots[2 * slot + 1] = low;
    if (++size * 2 > used.length) {
      grow();
    }
    return true;
  }

  int size() {
    return size;
  }

  void clear() {
    if (size > 0) {
      Arrays.fill(used, false);
      size = 0;
    }
  }

  private static int spread(long high, long low) {
    long mixed = (high ^ low) * 0x9E3779B97F4A7C15L;
    return (int) (mixed ^ (mixed >>> 32));
  }

  private void grow() {
    long[] oldSlots = slots;
    boolean[] oldUsed = used;
    slots = new long[oldSlots.length * 2];
    used = new boolean[oldUsed.length * 2];
    size = 0;
    for (int i = 0; i < oldUsed.length; i++) {
      if (oldUsed[i]) {
        add(new UUID(oldSlots[2 * i], oldSlots[2 * i + 1]));
      }
    }
  }
}
