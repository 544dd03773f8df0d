package dev.goodhart.ingest.grok;

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
 * Grok CLI (superagent-ai's open-source agent for xAI's models) keeps its sessions and usage in
 * {@code ~/.grok/grok.db}. No variable moves it: Grok CLI joins Node's home folder ({@code HOME},
 * or {@code USERPROFILE} on Windows) and {@code .grok}. xAI's own Grok Build shares the folder but
 * keeps sessions elsewhere in it, in files this source does not read.
 */
public final class GrokSource extends NamedDatabaseSource {
  static final String DATABASE = "grok.db";

  public GrokSource() {
    super(DATABASE);
  }

  @Override
  public String name() {
    return GrokUsageParser.SOURCE;
  }

  @Override
  public String description() {
    return "Grok CLI's database (grok.db)";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    return List.of(environment.home().resolve(".grok").resolve(DATABASE));
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(copy.resolve(".grok").resolve(DATABASE), copy.resolve(DATABASE));
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return new GrokUsageParser(file);
  }

  @Override
  public String readDatabase(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    return GrokDatabase.read(file, database, state, rows);
  }
}
