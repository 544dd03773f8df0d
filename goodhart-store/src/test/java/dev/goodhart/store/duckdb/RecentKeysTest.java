package dev.goodhart.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecentKeysTest {
  private record Key(long high, long low, long micros) {}

  @Test
  void aKeyIsKnownOnceAddedAndForgottenOnlyBehindTheHorizon() {
    RecentKeys keys = new RecentKeys(3, 100);
    assertTrue(keys.add(1, 1, 100));
    assertFalse(keys.add(1, 1, 100), "a retry is not new");
    assertTrue(keys.add(2, 2, 105));
    assertTrue(keys.add(3, 3, 103));
    assertEquals(100, keys.horizonMicros());
    assertTrue(keys.add(4, 4, 110)); // full: the oldest (time 100) goes
    assertFalse(keys.contains(1, 1));
    assertEquals(101, keys.horizonMicros(), "the horizon passed the forgotten key's time");
    assertTrue(keys.contains(2, 2) && keys.contains(3, 3) && keys.contains(4, 4));
  }

  @Test
  void aRollbackTakesOutWhatAFailedTransactionAdded() {
    RecentKeys keys = new RecentKeys(4, 0);
    keys.add(1, 1, 1);
    keys.mark();
    keys.add(2, 2, 2);
    keys.add(3, 3, 3);
    keys.rollback();
    assertTrue(keys.contains(1, 1));
    assertFalse(keys.contains(2, 2));
    assertFalse(keys.contains(3, 3));
    assertEquals(1, keys.size());
    assertTrue(keys.add(2, 2, 2), "a key rolled back can be added again");
  }

  @Test
  void capacityMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new RecentKeys(0, 0));
  }

  /**
   * Against a model (a set and a queue) over random adds, retries, marks and rollbacks, with keys
   * drawn from a small space so that probing runs collide and deletions shift: every key the model
   * holds at or after the horizon is known, and no key outside the model ever is.
   */
  @Test
  void agreesWithASimpleModel() {
    SplittableRandom random = new SplittableRandom(7);
    int capacity = 64;
    RecentKeys keys = new RecentKeys(capacity, 0);
    Deque<Key> model = new ArrayDeque<>();
    Deque<Key> sinceMark = new ArrayDeque<>();
    long horizon = 0;
    for (int step = 0; step < 200_000; step++) {
      int action = random.nextInt(20);
      if (action == 0) {
        keys.mark();
        sinceMark.clear();
      } else if (action == 1) {
        keys.rollback();
        while (!sinceMark.isEmpty()) {
          model.remove(sinceMark.removeLast());
        }
      } else {
        // High bits equal, so every key's home slot depends on the low bits only: long runs.
        Key key = new Key(42, random.nextInt(1, 300), random.nextLong(0, 1_000));
        boolean known =
            model.stream().anyMatch(k -> k.high() == key.high() && k.low() == key.low());
        boolean added = keys.add(key.high(), key.low(), key.micros());
        assertEquals(!known, added, "step " + step);
        if (added) {
          if (model.size() == capacity) {
            Key gone = model.removeFirst();
            sinceMark.remove(gone);
            horizon = Math.max(horizon, gone.micros() + 1);
          }
          model.addLast(key);
          sinceMark.addLast(key);
        }
      }
      assertEquals(horizon, keys.horizonMicros(), "step " + step);
      assertEquals(model.size(), keys.size(), "step " + step);
      Set<Long> held = new HashSet<>();
      for (Key k : model) {
        held.add(k.low());
        assertTrue(keys.contains(k.high(), k.low()), "step " + step + " lost " + k);
      }
      long probe = random.nextInt(1, 300);
      assertEquals(held.contains(probe), keys.contains(42, probe), "step " + step);
    }
  }
}
