package dev.goodhart.store.duckdb;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;

/**
 * One {@code INSERT ... VALUES (...) ON CONFLICT ...} statement made to carry several rows: its row
 * of values repeated, and a view of the statement that binds a row's parameters where that row
 * begins, so that the binder of one row binds any of them.
 */
final class MultiRowInsert {
  private MultiRowInsert() {}

  /** {@code sql} with its {@code VALUES} row repeated {@code rows} times. */
  static String of(String sql, int rows) {
    int start = valuesStart(sql);
    int end = rowEnd(sql, start);
    String row = sql.substring(start, end);
    StringBuilder out = new StringBuilder(sql.substring(0, start));
    for (int i = 0; i < rows; i++) {
      out.append(i == 0 ? "" : ", ").append(row);
    }
    return out.append(sql.substring(end)).toString();
  }

  /** The parameters of one row. */
  static int parameters(String sql) {
    int start = valuesStart(sql);
    int end = rowEnd(sql, start);
    return (int) sql.substring(start, end).chars().filter(c -> c == '?').count();
  }

  /** {@code statement}, its parameter indexes shifted by {@code offset} for every setter. */
  static PreparedStatement shifted(PreparedStatement statement, int offset) {
    if (offset == 0) {
      return statement;
    }
    return (PreparedStatement)
        Proxy.newProxyInstance(
            MultiRowInsert.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, arguments) -> {
              Object[] shifted = arguments;
              if (method.getName().startsWith("set")
                  && arguments != null
                  && arguments.length >= 2
                  && arguments[0] instanceof Integer index) {
                shifted = arguments.clone();
                shifted[0] = index + offset;
              }
              try {
                return method.invoke(statement, shifted);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static int valuesStart(String sql) {
    int values = sql.indexOf("VALUES (");
    if (values < 0) {
      throw new IllegalArgumentException("no VALUES row in " + sql);
    }
    return values + "VALUES ".length();
  }

  /** Where the row that opens at {@code start} closes: its matching parenthesis, plus one. */
  private static int rowEnd(String sql, int start) {
    int depth = 0;
    for (int i = start; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("an unclosed VALUES row in " + sql);
  }
}
