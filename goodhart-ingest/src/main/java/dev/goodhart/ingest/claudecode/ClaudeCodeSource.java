package dev.goodhart.ingest.claudecode;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.LogPaths;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.ingest.qwen.QwenSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Claude Code keeps transcripts under {@code projects/} of its configuration folder: {@code
 * ~/.config/claude} and {@code ~/.claude} by default, or every folder of the comma-separated {@code
 * CLAUDE_CONFIG_DIR}. The first folder below {@code projects/} is the project (the working
 * directory with separators replaced); sub-agent transcripts sit deeper, in {@code
 * <project>/<session>/subagents/}.
 */
public final class ClaudeCodeSource implements UsageSource {
  static final String CONFIG_DIR_VARIABLE = "CLAUDE_CONFIG_DIR";

  @Override
  public String name() {
    return ClaudeCodeTranscriptParser.SOURCE;
  }

  @Override
  public String description() {
    return "Claude Code transcripts";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    List<Path> configs =
        environment.get(CONFIG_DIR_VARIABLE).isPresent()
            ? environment.paths(CONFIG_DIR_VARIABLE)
            : List.of(
                environment.home().resolve(".config/claude"),
                environment.home().resolve(".claude"));
    return configs.stream().map(config -> config.resolve("projects")).toList();
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(
        copy.resolve(".config/claude/projects"),
        copy.resolve(".claude/projects"),
        copy.resolve("projects"));
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().endsWith(".jsonl");
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    if (!file.getFileName().toString().endsWith(".jsonl")) {
      return false;
    }
    String start = new String(head, StandardCharsets.UTF_8);
    return !start.contains("\"payload\"")
        && !start.contains("\"projectHash\"")
        && !QwenSource.isQwenRecording(head)
        && (start.contains("\"sessionId\"")
            || start.contains("\"leafUuid\"")
            || start.contains("\"requestId\""));
  }

  @Override
  public @Nullable String project(Path root, Path file) {
    // projects/<project>/<session>.jsonl: the project folder; a file directly under the root has
    // none.
    return LogPaths.topFolder(root, file, 2);
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return new ClaudeCodeTranscriptParser(file);
  }
}
