package dev.goodhart.ingest.opencode;

import dev.goodhart.ingest.DatabaseRows;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.FileLayout;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.ingest.sqlite.DatabaseFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenCode keeps data in {@code OPENCODE_DATA_DIR} (several folders may be given, separated by
 * commas, as ccusage takes them), else {@code $XDG_DATA_HOME/opencode}, else {@code
 * ~/.local/share/opencode}. Current OpenCode keeps its sessions in the SQLite database {@code
 * opencode.db} there ({@code opencode-<channel>.db} for a build of another channel; {@code
 * OPENCODE_DB} names another file, relative to the data folder or absolute). Older OpenCode wrote
 * files: messages under {@code storage/message/<session>/}, the parts of each message (its text,
 * its tool calls) under {@code storage/part/<message>/}. Both are read; a message in both counts
 * once.
 */
public final class OpenCodeSource implements UsageSource {
  static final String DATA_DIR_VARIABLE = "OPENCODE_DATA_DIR";
  static final String DATABASE_VARIABLE = "OPENCODE_DB";

  @Override
  public String name() {
    return OpenCodeMessageParser.SOURCE;
  }

  @Override
  public String description() {
    return "OpenCode's database (opencode.db) and message files";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    List<Path> folders = environment.paths(DATA_DIR_VARIABLE);
    if (folders.isEmpty()) {
      folders =
          List.of(
              environment
                  .path("XDG_DATA_HOME")
                  .map(xdg -> xdg.resolve("opencode"))
                  .orElse(environment.home().resolve(".local/share/opencode")));
    }
    List<Path> roots = new ArrayList<>();
    for (Path folder : folders) {
      environment
          .get(DATABASE_VARIABLE)
          .filter(name -> !name.equals(":memory:"))
          .ifPresent(name -> roots.add(folder.resolve(environment.expand(name))));
      roots.addAll(inDataFolder(folder));
    }
    return roots;
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    List<Path> roots = new ArrayList<>();
    for (Path folder :
        List.of(copy.resolve(".local/share/opencode"), copy.resolve("opencode"), copy)) {
      roots.addAll(inDataFolder(folder));
    }
    return roots;
  }

  /** The databases, then the folders of message and part files, of one data folder. */
  private static List<Path> inDataFolder(Path folder) {
    List<Path> roots = new ArrayList<>(DatabaseFiles.named(folder, "opencode", ".db"));
    roots.add(folder.resolve("storage/message"));
    roots.add(folder.resolve("storage/part"));
    return roots;
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".json") || isDatabase(file);
  }

  /** {@code opencode.db}, {@code opencode-beta.db}, or a database {@code OPENCODE_DB} named. */
  static boolean isDatabase(Path file) {
    return file.getFileName().toString().endsWith(".db");
  }

  /** A message names its model or tokens; a tool call's part, its call; a database, its name. */
  @Override
  public boolean recognizes(Path file, byte[] head) {
    String name = file.getFileName().toString();
    if (DatabaseFiles.hasSqliteHeader(head)) {
      return name.startsWith("opencode") && name.endsWith(".db");
    }
    String start = new String(head, StandardCharsets.UTF_8);
    return name.endsWith(".json")
        && start.contains("\"sessionID\"")
        && (start.contains("\"modelID\"")
            || start.contains("\"tokens\"")
            || (isPart(file) && start.contains("\"callID\"")));
  }

  /**
   * Whether a file is a part: it lies in {@code part/<message>/}, or is named by a part id ({@code
   * prt_...}), as OpenCode names them.
   */
  static boolean isPart(Path file) {
    Path folder = file.getParent();
    Path storage = folder == null ? null : folder.getParent();
    return file.getFileName().toString().startsWith("prt_")
        || (storage != null
            && storage.getFileName() != null
            && storage.getFileName().toString().equals("part"));
  }

  @Override
  public FileLayout layout(Path file) {
    return isDatabase(file) ? FileLayout.DATABASE : FileLayout.WHOLE_FILE;
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return isPart(file.path()) ? new OpenCodePartParser(file) : new OpenCodeMessageParser(file);
  }

  @Override
  public String readDatabase(LogFile file, Connection database, String state, DatabaseRows rows)
      throws SQLException {
    return OpenCodeDatabase.read(file, database, state, rows);
  }
}
