package dev.goodhart.ingest.hermes;

import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.FileLayout;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.ingest.sqlite.DatabaseFiles;
import dev.goodhart.ingest.sqlite.SqliteRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hermes Agent keeps its state in {@code state.db} under its home folder: {@code HERMES_HOME}
 * (several may be given, separated by commas, as ccusage takes them), else {@code ~/.hermes}. The
 * {@code sessions} table holds each session's totals, updated in place: a changed database is read
 * whole again, which costs little at one row per session, and the store keeps each session's copy
 * with the most tokens.
 */
public final class HermesSource implements UsageSource {
  static final String HOME_VARIABLE = "HERMES_HOME";
  static final String DATABASE = "state.db";

  private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    for (String column :
        List.of(
            "id",
            "model",
            "billing_provider",
            "started_at",
            "cwd",
            "git_branch",
            "input_tokens",
            "output_tokens",
            "cache_read_tokens",
            "cache_write_tokens",
            "reasoning_tokens",
            "estimated_cost_usd",
            "actual_cost_usd")) {
      COLUMNS.put(column, column);
    }
  }

  @Override
  public String name() {
    return HermesSessionParser.SOURCE;
  }

  @Override
  public String description() {
    return "Hermes Agent's state database (state.db)";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    List<Path> folders = environment.paths(HOME_VARIABLE);
    if (folders.isEmpty()) {
      folders = List.of(environment.home().resolve(".hermes"));
    }
    return folders.stream().map(folder -> folder.resolve(DATABASE)).toList();
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(copy.resolve(".hermes").resolve(DATABASE), copy.resolve(DATABASE));
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
    return new HermesSessionParser(file);
  }

  @Override
  public String readDatabase(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    SqliteRows.readAll(
        database, "sessions", "id", COLUMNS, Set.of(), rows, new HermesSessionParser(file));
    return "";
  }
}
