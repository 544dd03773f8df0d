package dev.goodhart.ingest.gemini;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.FileLayout;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.LogPaths;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Gemini CLI records chats under {@code tmp/<project hash>/chats/} of its folder: {@code
 * ~/.gemini}, or {@code GEMINI_DATA_DIR} (the variable ccusage reads, for users who moved it).
 */
public final class GeminiSource implements UsageSource {
  static final String DATA_DIR_VARIABLE = "GEMINI_DATA_DIR";

  @Override
  public String name() {
    return GeminiMessages.SOURCE;
  }

  @Override
  public String description() {
    return "Gemini CLI chat recordings";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    Path home = environment.path(DATA_DIR_VARIABLE).orElse(environment.home().resolve(".gemini"));
    return List.of(home.resolve("tmp"));
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(copy.resolve(".gemini/tmp"), copy.resolve("tmp"));
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    String name = file.getFileName().toString();
    return (name.endsWith(".json") || name.endsWith(".jsonl"))
        && LogPaths.nameOr(file.getParent(), "").equals("chats");
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    String name = file.getFileName().toString();
    String start = new String(head, StandardCharsets.UTF_8);
    return (name.endsWith(".json") || name.endsWith(".jsonl"))
        && (start.contains("\"projectHash\"")
            || start.contains("\"type\":\"gemini\"")
            || start.contains("\"type\": \"gemini\""));
  }

  @Override
  public FileLayout layout(Path file) {
    return file.getFileName().toString().endsWith(".jsonl")
        ? FileLayout.JSON_LINES
        : FileLayout.WHOLE_FILE;
  }

  @Override
  public @Nullable String project(Path root, Path file) {
    // tmp/<project hash>/chats/<file>: the hash of the project's folder.
    return LogPaths.topFolder(root, file, 3);
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return layout(file.path()) == FileLayout.JSON_LINES
        ? new GeminiChatLinesParser(file, state)
        : new GeminiConversationParser(file);
  }
}
