package dev.goodhart.ingest.sqlite;

import dev.goodhart.ingest.FileLayout;
import dev.goodhart.ingest.UsageSource;
import java.nio.file.Path;

/**
 * A source whose logs are one SQLite database of a fixed name ({@code sessions.db}, {@code
 * kilo.db}), read in place through {@link UsageSource#readDatabase}. A file named on the command
 * line is taken by its name and its SQLite header; another program's database of the same name
 * fails on the agent's table, which is reported as a problem of that file.
 */
public abstract class NamedDatabaseSource implements UsageSource {
  private final String databaseName;

  protected NamedDatabaseSource(String databaseName) {
    this.databaseName = databaseName;
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().equals(databaseName);
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    return DatabaseFiles.hasSqliteHeader(head) && isLogFile(file, file);
  }

  @Override
  public FileLayout layout(Path file) {
    return FileLayout.DATABASE;
  }
}
