package dev.goodhart.ingest.zcode;

import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.FileLayout;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.ingest.sqlite.DatabaseFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * ZCode (Z.ai's coding agent, its desktop app and CLI) keeps its sessions and the usage of each
 * model request in {@code cli/db/db.sqlite} under its home folder: {@code ZCODE_HOME} (several may
 * be given, separated by commas, as other readers of ZCode take them), else {@code ~/.zcode}.
 */
public final class ZCodeSource implements UsageSource {
  static final String HOME_VARIABLE = "ZCODE_HOME";
  static final String DATABASE = "db.sqlite";
  static final String IN_HOME = "cli/db/" + DATABASE;

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
    List<Path> homes = environment.paths(HOME_VARIABLE);
    if (homes.isEmpty()) {
      homes = List.of(environment.home().resolve(".zcode"));
    }
    return homes.stream().map(home -> home.resolve(IN_HOME)).toList();
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
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().equals(DATABASE);
  }

  /** ZCode's database by its name; other programs' {@code db.sqlite} fail on its table. */
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
    return new ZCodeUsageParser(file);
  }

  @Override
  public String readDatabase(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    return ZCodeDatabase.read(file, database, state, rows);
  }
}
