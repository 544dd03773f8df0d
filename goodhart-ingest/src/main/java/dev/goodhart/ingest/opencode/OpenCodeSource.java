package dev.goodhart.ingest.opencode;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.FileLayout;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * OpenCode keeps data in {@code OPENCODE_DATA_DIR}, else {@code $XDG_DATA_HOME/opencode}, else
 * {@code ~/.local/share/opencode}; messages are under {@code storage/message/<session>/}, the parts
 * of each message (its text, its tool calls) under {@code storage/part/<message>/}.
 */
public final class OpenCodeSource implements UsageSource {
  static final String DATA_DIR_VARIABLE = "OPENCODE_DATA_DIR";

  @Override
  public String name() {
    return OpenCodeMessageParser.SOURCE;
  }

  @Override
  public String description() {
    return "OpenCode message files";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    Path data =
        environment
            .path(DATA_DIR_VARIABLE)
            .or(() -> environment.path("XDG_DATA_HOME").map(xdg -> xdg.resolve("opencode")))
            .orElse(environment.home().resolve(".local/share/opencode"));
    return List.of(data.resolve("storage/message"), data.resolve("storage/part"));
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(
        copy.resolve(".local/share/opencode/storage/message"),
        copy.resolve(".local/share/opencode/storage/part"),
        copy.resolve("opencode/storage/message"),
        copy.resolve("opencode/storage/part"),
        copy.resolve("storage/message"),
        copy.resolve("storage/part"));
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().endsWith(".json");
  }

  /** A message names its model or tokens; a tool call's part, its call. */
  @Override
  public boolean recognizes(Path file, byte[] head) {
    String start = new String(head, StandardCharsets.UTF_8);
    return file.getFileName().toString().endsWith(".json")
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
    return FileLayout.WHOLE_FILE;
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return isPart(file.path()) ? new OpenCodePartParser(file) : new OpenCodeMessageParser(file);
  }
}
