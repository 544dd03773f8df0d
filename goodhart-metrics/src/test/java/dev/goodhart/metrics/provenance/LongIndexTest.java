package dev.goodhart.metrics.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIndexTest {
  @Test
  void numbersKeysInOrderOfFirstSightAsAMapWould() {
    LongIndex index = new LongIndex(4);
    Map<Long, Integer> expected = new HashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      // few distinct values, so most adds find an existing key; 0 and negatives included
      long key = random.nextInt(20_000) - 10_000L;
      key = i % 3 == 0 ? key << 40 : key;
      int id = index.add(key);
      Integer known = expected.putIfAbsent(key, expected.size());
      assertEquals(known == null ? expected.size() - 1 : known, id);
    }
    assertEquals(expected.size(), index.size());
    expected.forEach((key, id) -> assertEquals(id, index.get(key)));
    assertEquals(-1, index.get(Long.MIN_VALUE));
  }
}
