package dev.goodhart.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidSetTest {
  @Test
  void addsEachIdOnceAsAHashSetWould() {
    UuidSet ids = new UuidSet();
    Set<UUID> expected = new HashSet<>();
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      // few distinct values, so that many adds meet an id already there; zero ids included
      UUID id = new UUID(random.nextInt(30_000) - 15_000L, i % 5 == 0 ? 0 : random.nextInt(3));
      assertEquals(expected.add(id), ids.add(id), id.toString());
    }
    assertEquals(expected.size(), ids.size());
    ids.clear();
    assertEquals(0, ids.size());
    assertEquals(true, ids.add(expected.iterator().next()));
  }
}
