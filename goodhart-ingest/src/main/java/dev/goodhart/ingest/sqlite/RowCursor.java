package dev.goodhart.ingest.sqlite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where the reading of a table whose rows are appended stopped: the last rowid read, a fingerprint
 * of that row's identity, and the rows read while they were still being written, which are read
 * again until they are finished. The fingerprint tells a database replaced by a new one (rowids
 * start again from 1) from one that grew: when the row at {@code after} is gone or is another row,
 * the table is read from its start, and the store keeps one copy of each request read twice.
 *
 * <p>The text form is the checkpoint's state, {@code after=812 anchor=3f2a... pending=807,811}; a
 * state that does not parse (another version's, or damaged) is the start of the table.
 *
 * @param after the highest rowid read; nothing read when {@link #START}
 * @param anchor the fingerprint of that row's identity
 * @param pending the unfinished rows read, in rowid order, at most {@link #MAX_PENDING}
 */
public record RowCursor(long after, String anchor, List<Long> pending) {
  /** The start of a table: every row is read. */
  public static final RowCursor START = new RowCursor(Long.MIN_VALUE, "", List.of());

  /**
   * Unfinished rows followed at most. More are left only by an agent that crashed mid-request again
   * and again; the oldest, abandoned, are dropped first.
   */
  public static final int MAX_PENDING = 100;

  public RowCursor {
    pending = List.copyOf(pending);
  }

  public boolean isStart() {
    return after == Long.MIN_VALUE;
  }

  public static RowCursor parse(String state) {
    long after = Long.MIN_VALUE;
    String anchor = "";
    List<Long> pending = new ArrayList<>();
    try {
      for (String entry : state.trim().split("\\s+")) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
          continue;
        }
        String value = entry.substring(equals + 1);
        switch (entry.substring(0, equals)) {
          case "after" -> after = Long.parseLong(value);
          case "anchor" -> anchor = value;
          case "pending" -> {
            for (String rowid : value.split(",")) {
              pending.add(Long.parseLong(rowid));
            }
          }
          default -> {}
        }
      }
    } catch (NumberFormatException e) {
      return START;
    }
    if (after == Long.MIN_VALUE || pending.size() > MAX_PENDING) {
      return START;
    }
    return new RowCursor(after, anchor, pending);
  }

  /** A short, stable fingerprint of a row's identity (its key columns as SQLite quotes them). */
  public static String fingerprint(String identity) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    if (isStart()) {
      return "";
    }
    StringBuilder text =
        new StringBuilder("after=").append(after).append(" anchor=").append(anchor);
    if (!pending.isEmpty()) {
      text.append(" pending=");
      for (int i = 0; i < pending.size(); i++) {
        text.append(i == 0 ? "" : ",").append(pending.get(i));
      }
    }
    return text.toString();
  }
}
