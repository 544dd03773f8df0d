package dev.goodhart.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The agents' SQLite databases as an import opens them: where they lie (never copied), read-only,
 * waiting a while for a writer's lock, and with SQLite's complaints turned into messages that say
 * what to do.
 */
final class SqliteFiles {
  /**
   * How long a read waits for a writer's lock. A database in WAL mode (OpenCode's, Kilo's) never
   * makes a reader wait; one in rollback mode does while a write commits, which takes milliseconds.
   */
  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private SqliteFiles() {}

  static Connection openReadOnly(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only = true");
      // The first read opens (and in WAL mode creates) the write-ahead log, and finds a file that
      // is no database: both before the caller looks at the files.
      statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /**
   * The size and modification time that tell whether a database changed since it was read: those of
   * the file and of its write-ahead log together, because in WAL mode a write changes only the log
   * until SQLite copies it back into the file.
   */
  static long[] sizeAndModified(Path file, BasicFileAttributes attributes) {
    long size = attributes.size();
    long modified = attributes.lastModifiedTime().toMillis();
    Path log = file.resolveSibling(file.getFileName() + "-wal");
    try {
      BasicFileAttributes wal = Files.readAttributes(log, BasicFileAttributes.class);
      size += wal.size();
      modified = Math.max(modified, wal.lastModifiedTime().toMillis());
    } catch (NoSuchFileException e) {
      // not in WAL mode, or no write since the last checkpoint
    } catch (IOException e) {
      // unreadable: the database's own attributes still show most changes
    }
    return new long[] {size, modified};
  }

  /** {@link #sizeAndModified(Path, BasicFileAttributes)} read now. */
  static long[] sizeAndModified(Path file) throws IOException {
    return sizeAndModified(file, Files.readAttributes(file, BasicFileAttributes.class));
  }

  /** What went wrong, for a person: the problem, then what to do about it. */
  static String describe(SQLException e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // SQLite's primary result code: the low byte of the extended one the driver reports.
    return switch (e.getErrorCode() & 0xff) {
      case 5, 6 ->
          "the database is locked by another program (the agent may be writing to it); it is read"
              + " again at the next import";
      case 26 -> "not a SQLite database (a damaged file, or another kind of file with its name)";
      case 11 ->
          "the database is damaged (%s); the rows read before the damage are kept, and SQLite's"
                  .formatted(detail)
              + " '.recover' command can save the rest into a new file";
      case 14 ->
          "cannot open the database (%s); check that it, its '-wal' and '-shm' files and their"
                  .formatted(detail)
              + " folder can be read";
      case 3, 23 -> "permission denied reading the database";
      default -> "cannot read the database: " + detail;
    };
  }
}
