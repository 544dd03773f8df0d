package dev.goodhart.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers and ids the staging file writes digit by digit must read back in DuckDB as Java would
 * print them: extremes, negatives, zero and random values, through DuckDB's own CSV reader.
 */
class StagingFileTest {
  @TempDir Path folder;

  @Test
  void idsNumbersAndListsReadBackAsWritten() throws Exception {
    Random random = new Random(7);
    List<UUID> ids = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    List<long[]> lists = new ArrayList<>();
    ids.add(new UUID(0, 0));
    ids.add(new UUID(-1, -1));
    ids.add(new UUID(Long.MIN_VALUE, Long.MAX_VALUE));
    numbers.addAll(List.of(0L, -1L, 9L, 10L, Long.MAX_VALUE, Long.MIN_VALUE, -1_000_000L));
    for (int i = 0; i < 200; i++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()));
      numbers.add(random.nextLong() >> random.nextInt(64));
    }
    for (int i = 0; i < ids.size(); i++) {
      long[] list = new long[i % 7];
      for (int j = 0; j < list.length; j++) {
        list[j] = j == 0 && i % 3 == 0 ? Long.MIN_VALUE : random.nextLong();
      }
      lists.add(list);
    }
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (id UUID, n BIGINT, hashes BIGINT[], missing UUID)");
      StagingFile file = StagingFile.forTable(connection, "t", folder.resolve("t.csv"));
      file.start();
      for (int i = 0; i < ids.size(); i++) {
        file.uuid(ids.get(i))
            .number(numbers.get(i % numbers.size()))
            .longs(lists.get(i))
            .uuid(null)
            .endRow();
      }
      file.finish();
      try (ResultSet rows = statement.executeQuery("SELECT * FROM " + file.source())) {
        int i = 0;
        while (rows.next()) {
          assertEquals(ids.get(i), rows.getObject(1, UUID.class), "row " + i);
          assertEquals(numbers.get(i % numbers.size()), rows.getLong(2), "row " + i);
          Array hashes = rows.getArray(3);
          Object[] values = (Object[]) hashes.getArray();
          long[] read = new long[values.length];
          for (int j = 0; j < values.length; j++) {
            read[j] = (Long) values[j];
          }
          assertArrayEquals(lists.get(i), read, "row " + i);
          assertNull(rows.getObject(4));
          i++;
        }
        assertEquals(ids.size(), i);
      }
    }
  }
}
