package dev.goodhart.store.duckdb;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.JavaHeap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB's errors as goodhart's. Running out of memory gets a message that names the one setting to
 * raise, instead of DuckDB's list of SQL settings a goodhart user cannot type anywhere.
 */
final class StoreFailures {
  /** The variable that sets the store's memory limit (DuckDB's {@code memory_limit}). */
  static final String MEMORY_VARIABLE = "GOODHART_DUCKDB_MEMORY";

  private static final Pattern USED = Pattern.compile("\\(([^()]*)/([^()]*) used\\)");

  private StoreFailures() {}

  /** {@code what} failed in {@code place} because of {@code e}. */
  static GoodhartException of(String what, Object place, Exception e) {
    String message = String.valueOf(e.getMessage());
    if (isOutOfMemory(message)) {
      Matcher used = USED.matcher(message);
      String limit = used.find() ? " (its limit is " + used.group(2).trim() + ")" : "";
      return new GoodhartException(
          ErrorCode.OUT_OF_RESOURCES,
          ("%s in '%s': the store ran out of memory%s; set %s to a larger size, e.g. %s=512MB, and"
                  + " run the command again (what was stored before is kept)")
              .formatted(what, place, limit, MEMORY_VARIABLE, MEMORY_VARIABLE),
          e);
    }
    if (message.contains("Java heap space")) {
      // DuckDB's driver fills its results in the Java heap; the answer did not fit there.
      return new GoodhartException(
          ErrorCode.OUT_OF_RESOURCES,
          ("%s in '%s': the answer did not fit in goodhart's Java heap; start goodhart with a larger"
                  + " one, e.g. %s (the default is 256 MiB), and run the command again (what was"
                  + " stored before is kept)")
              .formatted(what, place, JavaHeap.setting("1g")),
          e);
    }
    return new GoodhartException(
        ErrorCode.STORE_FAILURE, what + " in '" + place + "': " + firstParagraph(message), e);
  }

  /**
   * Whether DuckDB invalidated the database: after a fatal error (a checkpoint that could not write
   * its blocks on a full disk) every statement on any of its connections fails until it is opened
   * again.
   */
  static boolean isInvalidated(String message) {
    return message.contains("database has been invalidated") || message.startsWith("FATAL Error");
  }

  /**
   * Whether the connection is stuck with a result nobody will finish: DuckDB then refuses every
   * statement on it. A server's writer was left so when the Java heap ran out in the middle of a
   * query (the error unwound through the driver before it ended the query), and failed every write
   * and every read on its connection until a restart. Opening the file again, as after a fatal
   * error, gives the store a new connection.
   */
  static boolean isStuck(String message) {
    return message.contains("connection has an open result");
  }

  static boolean isOutOfMemory(String message) {
    return message.contains("Out of Memory Error");
  }

  /** DuckDB follows some errors with advice in SQL terms, after a blank line. */
  private static String firstParagraph(String message) {
    int advice = message.indexOf("\n\n");
    return advice < 0 ? message : message.substring(0, advice);
  }
}
