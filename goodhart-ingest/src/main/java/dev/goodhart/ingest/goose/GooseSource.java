package dev.goodhart.ingest.goose;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Goose keeps its sessions in {@code sessions/sessions.db} under its data folder: {@code
 * $GOOSE_PATH_ROOT/data} when that variable names an absolute folder (as Goose requires), else
 * {@code $XDG_DATA_HOME/goose} or {@code ~/.local/share/goose} on Linux and {@code
 * ~/Library/Application Support/Block/goose} on macOS (and the other places ccusage looks). The
 * {@code sessions} table holds each session's running totals, updated in place: a changed database
 * is read whole again, which costs little at one row per session, and the store keeps each
 * session's copy with the most tokens.
 */
public final class GooseSource implements UsageSource {
  static final String PATH_ROOT_VARIABLE = "GOOSE_PATH_ROOT";
  static final String DATABASE = "sessions.db";

  /** The columns read, by the field names of the record; absent ones are left out. */
  private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    for (String column :
        List.of(
            "id",
            "working_dir",
            "created_at",
            "provider_name",
            "model_config_json",
            "input_tokens",
            "output_tokens",
            "total_tokens",
            "accumulated_input_tokens",
            "accumulated_output_tokens",
            "accumulated_total_tokens",
            "accumulated_cost")) {
      COLUMNS.put(column, column);
    }
  }

  @Override
  public String name() {
    return GooseSessionParser.SOURCE;
  }

  @Override
  public String description() {
    return "Goose's session database (sessions.db)";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    Path root =
        environment.get(PATH_ROOT_VARIABLE).map(Path::of).filter(Path::isAbsolute).orElse(null);
    if (root != null) {
      return List.of(root.resolve("data/sessions").resolve(DATABASE));
    }
    List<Path> roots = new ArrayList<>();
    environment
        .path("XDG_DATA_HOME")
        .ifPresent(xdg -> roots.add(xdg.resolve("goose/sessions").resolve(DATABASE)));
    roots.addAll(inHome(environment.home()));
    return roots;
  }

  private static List<Path> inHome(Path home) {
    return List.of(
        home.resolve(".local/share/goose/sessions").resolve(DATABASE),
        home.resolve("Library/Application Support/Block/goose/sessions").resolve(DATABASE),
        home.resolve("Library/Application Support/goose/sessions").resolve(DATABASE),
        home.resolve(".local/share/Block/goose/sessions").resolve(DATABASE));
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    List<Path> roots = new ArrayList<>(inHome(copy));
    roots.add(copy.resolve("data/sessions").resolve(DATABASE)); // a copy of GOOSE_PATH_ROOT
    roots.add(copy.resolve("goose/sessions").resolve(DATABASE));
    roots.add(copy.resolve("sessions").resolve(DATABASE));
    roots.add(copy.resolve(DATABASE));
    return roots;
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().equals(DATABASE);
  }

  /** Goose's database by its name; other programs' {@code sessions.db} fail on its table. */
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
    return new GooseSessionParser(file);
  }

  @Override
  public String readDatabase(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    SqliteRows.readAll(
        database,
        "sessions",
        "id",
        COLUMNS,
        Set.of("model_config_json"),
        rows,
        new GooseSessionParser(file));
    return "";
  }
}
