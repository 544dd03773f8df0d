package dev.goodhart.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One kind of agent log: where it lives, which files belong to it, and how to parse them.
 * Implementations live in a package of their own and register with a {@code
 * META-INF/services/dev.goodhart.ingest.UsageSource} line; adding a source touches nothing else.
 */
public interface UsageSource {
  /** The name users type ({@code --source claude}) and reports show. Lower case, stable. */
  String name();

  /** What the logs are, for help texts: "Claude Code transcripts". */
  String description();

  /**
   * The folders this source's logs live in on this machine, in the order the agent itself looks;
   * may not exist.
   */
  List<Path> defaultRoots(Environment environment);

  /**
   * The folders to search inside a copy of another machine's logs: {@code copy} may be a copy of a
   * home folder or of the agent's own folder.
   */
  List<Path> rootsInCopy(Path copy);

  /** Whether a file found under one of this source's roots is one of its logs. */
  boolean isLogFile(Path root, Path file);

  /**
   * Whether a file named explicitly on the command line holds this source's records, judged by its
   * name and first bytes.
   */
  boolean recognizes(Path file, byte[] head);

  /** How a file's records lie in it: by default one JSON record a line, as most agents write. */
  default FileLayout layout(Path file) {
    return FileLayout.JSON_LINES;
  }

  /**
   * The project a file's records belong to when the records do not say (Claude Code's project
   * folders).
   */
  default @Nullable String project(Path root, Path file) {
    return null;
  }

  /** A parser for one file, continuing from {@code state} (empty for the start of the file). */
  RecordParser newParser(LogFile file, String state);

  /**
   * Reads a {@link FileLayout#DATABASE} file: selects the rows that changed since {@code state}
   * (empty for a first read), hands each to {@code rows} as a record, and returns the state to
   * continue from next time. The connection is read-only and waits for a writer's lock for a while
   * before it gives up; a {@link SQLException} is reported as a problem of the whole file, and the
   * file is read again from the same state at the next import.
   */
  default String readDatabase(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    throw new UnsupportedOperationException(name() + " has no database layout: " + file.path());
  }
}
