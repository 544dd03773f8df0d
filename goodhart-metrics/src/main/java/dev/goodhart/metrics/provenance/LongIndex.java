package dev.goodhart.metrics.provenance;

import java.util.Arrays;

/**
 * Numbers each distinct {@code long} it is given, 0, 1, 2, ... in order of first sight. Line hashes
 * are looked up once per committed line: a boxed {@code HashMap<Long, ...>} spent more time in
 * {@code Long.valueOf} and {@code Long.equals} than the matching itself.
 */
final class LongIndex {
  private static final int EMPTY = -1;

  private long[] keys;
  private int[] ids;
  private int size;
  private int mask;

  LongIndex() {
    this(1 << 10);
  }

  LongIndex(int capacity) {
    int slots = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
    keys = new long[slots];
    ids = new int[slots];
    Arrays.fill(ids, EMPTY);
    mask = slots - 1;
  }

  /** The key's number, given now if the key is new. */
  int add(long key) {
    int slot = slot(key);
    if (ids[slot] != EMPTY) {
      return ids[slot];
    }
    keys[slot] = key;
    ids[slot] = size;
    size++;
    if (size * 2 > keys.length) {
      grow();
    }
    return size - 1;
  }

  /** The key's number, -1 when it was never added. */
  int get(long key) {
    return ids[slot(key)];
  }

  int size() {
    return size;
  }

  /** The key's slot, or the empty slot where it would go (linear probing). */
  private int slot(long key) {
    int slot = spread(key) & mask;
    while (ids[slot] != EMPTY && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Line hashes are good hashes already, but their low bit says whether a line is trivial. */
  private static int spread(long key) {
    long mixed = key * 0x9E3779B97F4A7C15L;
    return (int) (mixed ^ (mixed >>> 32));
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new long[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    Arrays.fill(ids, EMPTY);
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldIds[i] != EMPTY) {
        int slot = slot(oldKeys[i]);
        keys[slot] = oldKeys[i];
        ids[slot] = oldIds[i];
      }
    }
  }
}
