package dev.goodhart.store.duckdb;

/**
 * The keys of the telemetry events stored most recently, so that an exporter's retry is recognised
 * without asking DuckDB (the comparison in SQL cost the writer more than the insert itself).
 *
 * <p>It answers only for events at or after its <em>horizon</em>: every stored event with such a
 * time is in it. The horizon starts just after the newest event stored before it was made, and
 * moves past the time of every key it forgets to make room (oldest first), so what it answers stays
 * complete; an event before the horizon must be compared in the store. A retry has its original's
 * time, so at the rate of a real organisation the horizon stays hours behind.
 *
 * <p>Keys (128-bit event ids) live in an open-addressing table with linear probing, deleted by
 * shifting back, beside a ring of them in the order they came. Keys added since {@link #mark()} can
 * be taken out again with {@link #rollback()}, for a transaction that failed.
 */
final class RecentKeys {
  private static final long EMPTY_HIGH = 0;
  private static final long EMPTY_LOW = 0;

  private final int capacity;
  private final long[] tableHigh;
  private final long[] tableLow;
  private final int mask;
  private final long[] ringHigh;
  private final long[] ringLow;
  private final long[] ringMicros;
  private int oldest;
  private int size;
  private int marked;
  private long horizonMicros;

  /** Room for {@code capacity} keys; answers for events from {@code horizonMicros} on. */
  RecentKeys(int capacity, long horizonMicros) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    int slots = Integer.highestOneBit(capacity * 2 - 1) << 1;
    this.tableHigh = new long[slots];
    this.tableLow = new long[slots];
    this.mask = slots - 1;
    this.ringHigh = new long[capacity];
    this.ringLow = new long[capacity];
    this.ringMicros = new long[capacity];
    this.horizonMicros = horizonMicros;
  }

  /** Events at or after this time (microseconds since the epoch) are answered here. */
  long horizonMicros() {
    return horizonMicros;
  }

  /** Makes sure events up to {@code micros} are no longer answered here (the store has others). */
  void passBeyond(long micros) {
    horizonMicros = Math.max(horizonMicros, micros + 1);
  }

  int size() {
    return size;
  }

  boolean contains(long high, long low) {
    long h = fold(high, low);
    for (int slot = (int) h & mask; ; slot = (slot + 1) & mask) {
      if (isEmpty(slot)) {
        return false;
      }
      if (tableHigh[slot] == high && tableLow[slot] == low) {
        return true;
      }
    }
  }

  /**
   * Adds a key stored at {@code micros} unless it is there; returns whether it was new. When full,
   * the oldest key goes and the horizon passes its time.
   */
  boolean add(long high, long low, long micros) {
    if (contains(high, low)) {
      return false;
    }
    if (size == capacity) {
      evictOldest();
    }
    insert(high, low);
    int at = (oldest + size) % capacity;
    ringHigh[at] = high;
    ringLow[at] = low;
    ringMicros[at] = micros;
    size++;
    return true;
  }

  /** Remembers the keys now held: {@link #rollback()} takes out what is added after this. */
  void mark() {
    marked = size;
  }

  /**
   * Takes out the keys added since {@link #mark()}. Keys forgotten meanwhile stay forgotten; the
   * horizon passed them, so nothing is answered wrongly.
   */
  void rollback() {
    int keep = Math.min(marked, size);
    while (size > keep) {
      int at = (oldest + size - 1) % capacity;
      remove(ringHigh[at], ringLow[at]);
      size--;
    }
    marked = size;
  }

  private void evictOldest() {
    remove(ringHigh[oldest], ringLow[oldest]);
    passBeyond(ringMicros[oldest]);
    oldest = (oldest + 1) % capacity;
    size--;
    marked = Math.max(0, marked - 1);
  }

  private void insert(long high, long low) {
    int slot = (int) fold(high, low) & mask;
    while (!isEmpty(slot)) {
      slot = (slot + 1) & mask;
    }
    tableHigh[slot] = high;
    tableLow[slot] = low;
  }

  /** Deletes by shifting back the keys after it in its run, so probing never needs tombstones. */
  private void remove(long high, long low) {
    int slot = (int) fold(high, low) & mask;
    while (!(tableHigh[slot] == high && tableLow[slot] == low)) {
      if (isEmpty(slot)) {
        return;
      }
      slot = (slot + 1) & mask;
    }
    int hole = slot;
    for (int next = (hole + 1) & mask; !isEmpty(next); next = (next + 1) & mask) {
      int home = (int) fold(tableHigh[next], tableLow[next]) & mask;
      // The key at `next` may move into the hole unless its home lies cyclically in (hole, next].
      boolean homeBetween =
          hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
      if (!homeBetween) {
        tableHigh[hole] = tableHigh[next];
        tableLow[hole] = tableLow[next];
        hole = next;
      }
    }
    tableHigh[hole] = EMPTY_HIGH;
    tableLow[hole] = EMPTY_LOW;
  }

  /**
   * The all-zero id marks an empty slot. An event id is a murmur3 hash, so it is zero with a chance
   * of 2^-128; such an event is simply never remembered (see {@link #add}'s caller).
   */
  private boolean isEmpty(int slot) {
    return tableHigh[slot] == EMPTY_HIGH && tableLow[slot] == EMPTY_LOW;
  }

  private static long fold(long high, long low) {
    long h = high ^ Long.rotateLeft(low, 32);
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 32);
  }
}
