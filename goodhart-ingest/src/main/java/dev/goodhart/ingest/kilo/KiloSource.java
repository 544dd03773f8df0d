package dev.goodhart.ingest.kilo;

import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.FileLayout;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.ingest.opencode.OpenCodeDatabase;
import dev.goodhart.ingest.sqlite.DatabaseFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Kilo's CLI, a fork of OpenCode, keeps OpenCode's tables in {@code kilo.db} under its data folder:
 * {@code KILO_DATA_DIR} (several folders may be given, separated by commas, as ccusage takes them),
 * else {@code $XDG_DATA_HOME/kilo}, else {@code ~/.local/share/kilo}. The rows are read by
 * OpenCode's reader; the events are Kilo's.
 */
public final class KiloSource implements UsageSource {
  static final String NAME = "kilo";
  static final String DATA_DIR_VARIABLE = "KILO_DATA_DIR";
  static final String DATABASE = "kilo.db";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Kilo's database (kilo.db)";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    List<Path> folders = environment.paths(DATA_DIR_VARIABLE);
    if (folders.isEmpty()) {
      folders =
          List.of(
              environment
                  .path("XDG_DATA_HOME")
                  .map(xdg -> xdg.resolve("kilo"))
                  .orElse(environment.home().resolve(".local/share/kilo")));
    }
    return folders.stream().map(folder -> folder.resolve(DATABASE)).toList();
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(
        copy.resolve(".local/share/kilo").resolve(DATABASE),
        copy.resolve("kilo").resolve(DATABASE),
        copy.resolve(DATABASE));
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().equals(DATABASE);
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    return DatabaseFiles.hasSqliteHeader(head) && isLogFile(file, file);
  }

  @Override
  public FileLayout layout(Path file) {
    return FileLayout.DATABASE;
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    throw new UnsupportedOperationException("Kilo's rows are read by readDatabase: " + file.path());
  }

  @Override
  public String readDatabase(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    return OpenCodeDatabase.read(file, database, state, rows);
  }
}
