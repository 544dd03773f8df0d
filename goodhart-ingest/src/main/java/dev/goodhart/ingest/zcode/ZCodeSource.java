package dev.goodhart.ingest.zcode;

import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.sqlite.NamedDatabaseSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * ZCode (Z.ai's coding agent, its desktop app and CLI) keeps its sessions and the usage of each
 * model request in {@code cli/db/db.sqlite} under its home folder: {@code ZCODE_HOME} (several may
 * be given, separated by commas, as other readers of ZCode take them), else {@code ~/.zcode}.
 */
public final class ZCodeSource extends NamedDatabaseSource {
  static final String HOME_VARIABLE = "ZCODE_HOME";
  static final String DATABASE = "db.sqlite";
  static final String IN_HOME = "cli/db/" + DATABASE;

  public ZCodeSource() {
    super(DATABASE);
  }

  @Override
  public String name() {
    return ZCodeUsageParser.SOURCE;
  }

  @Override
  public String description() {
    return "ZCode's database (cli/db/db.sqlite)";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    return environment
        .pathsOr(HOME_VARIABLE, List.of(environment.home().resolve(".zcode")))
        .stream()
        .map(home -> home.resolve(IN_HOME))
        .toList();
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(
        copy.resolve(".zcode").resolve(IN_HOME),
        copy.resolve(IN_HOME),
        copy.resolve("db").resolve(DATABASE),
        copy.resolve(DATABASE));
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return new ZCodeUsageParser(file);
  }

  @Override
  public String readDatabase(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    return ZCodeDatabase.read(file, database, state, rows);
  }
}
