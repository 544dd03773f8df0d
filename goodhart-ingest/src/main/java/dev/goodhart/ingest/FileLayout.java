package dev.goodhart.ingest;

/** How a log file grows, which decides how it is read again after it changed. */
public enum FileLayout {
  /** One JSON record per line, appended to: read from where the last import stopped. */
  JSON_LINES,
  /** One JSON document rewritten as a whole: read again entirely whenever it changed. */
  WHOLE_FILE,
  /**
   * A SQLite database the agent updates in place, often while it runs: opened read-only where it
   * lies, its rows read through {@link UsageSource#readDatabase} from the state the last import
   * left. A write to its write-ahead log ({@code -wal} beside it) is a change to the database.
   */
  DATABASE
}
