package dev.goodhart.ingest.qwen;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.LogPaths;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Qwen Code records chats under {@code projects/<sanitised working
 * directory>/chats/<session>.jsonl} of its runtime folder: {@code QWEN_RUNTIME_DIR}, else its home
 * {@code QWEN_HOME}, else {@code ~/.qwen} (a {@code runtimeOutputDir} set in its settings file is
 * not followed). ccusage reads {@code QWEN_DATA_DIR} instead, a comma-separated list of such
 * folders; it is honoured too.
 */
public final class QwenSource implements UsageSource {
  static final String RUNTIME_DIR_VARIABLE = "QWEN_RUNTIME_DIR";
  static final String HOME_VARIABLE = "QWEN_HOME";
  static final String CCUSAGE_VARIABLE = "QWEN_DATA_DIR";

  @Override
  public String name() {
    return QwenChatParser.SOURCE;
  }

  @Override
  public String description() {
    return "Qwen Code chat recordings";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    Path runtime =
        environment
            .path(RUNTIME_DIR_VARIABLE)
            .or(() -> environment.path(HOME_VARIABLE))
            .orElse(environment.home().resolve(".qwen"));
    return environment.pathsOr(CCUSAGE_VARIABLE, List.of(runtime)).stream()
        .map(folder -> folder.resolve("projects"))
        .toList();
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(copy.resolve(".qwen/projects"), copy.resolve("projects"));
  }

  /** {@code <project>/chats/<session>.jsonl}, as Qwen Code lays them out. */
  @Override
  public boolean isLogFile(Path root, Path file) {
    Path relative = root.relativize(file);
    return file.getFileName().toString().endsWith(".jsonl")
        && relative.getNameCount() == 3
        && relative.getName(1).toString().equals("chats");
  }

  /**
   * Qwen Code's records look like Claude Code's ({@code uuid}, {@code parentUuid}, {@code
   * sessionId}), but their messages are the Gemini API's {@code Content}, made of {@code parts}.
   */
  @Override
  public boolean recognizes(Path file, byte[] head) {
    return file.getFileName().toString().endsWith(".jsonl") && isQwenRecording(head);
  }

  /** Whether a file's first bytes are Qwen Code records. */
  public static boolean isQwenRecording(byte[] head) {
    String start = new String(head, StandardCharsets.UTF_8);
    return start.contains("\"sessionId\"")
        && (start.contains("\"usageMetadata\"") || start.contains("\"parts\":["));
  }

  /** The folder below {@code projects/}: Qwen Code's form of the working directory. */
  @Override
  public @Nullable String project(Path root, Path file) {
    return LogPaths.topFolder(root, file, 3);
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return new QwenChatParser(file);
  }
}
