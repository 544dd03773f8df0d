package dev.goodhart.store.duckdb;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * DuckDB's list columns, read as arrays: a list cast to text and parsed took three to seven times
 * as long, most of it in DuckDB's cast.
 */
final class SqlLists {
  private SqlLists() {}

  static Object[] objects(Array array) throws SQLException {
    return (Object[]) array.getArray();
  }

  static List<String> strings(Array array) throws SQLException {
    List<String> items = new ArrayList<>();
    for (Object item : objects(array)) {
      items.add((String) item);
    }
    return items;
  }

  static int[] ints(Array array) throws SQLException {
    Object[] values = objects(array);
    int[] result = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = ((Number) values[i]).intValue();
    }
    return result;
  }

  /** The numbers of a list column; none when it is null. */
  static long[] longs(@Nullable Array array) throws SQLException {
    if (array == null) {
      return new long[0];
    }
    Object[] values = objects(array);
    long[] result = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = ((Number) values[i]).longValue();
    }
    return result;
  }
}
