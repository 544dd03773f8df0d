package dev.goodhart.ingest.codex;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Codex keeps rollouts in {@code sessions/} and {@code archived_sessions/} of {@code CODEX_HOME}
 * (default ~/.codex).
 */
public final class CodexSource implements UsageSource {
  static final String HOME_VARIABLE = "CODEX_HOME";

  @Override
  public String name() {
    return CodexRolloutParser.SOURCE;
  }

  @Override
  public String description() {
    return "OpenAI Codex CLI session rollouts";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    Path home = environment.path(HOME_VARIABLE).orElse(environment.home().resolve(".codex"));
    return List.of(home.resolve("sessions"), home.resolve("archived_sessions"));
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(
        copy.resolve(".codex/sessions"),
        copy.resolve(".codex/archived_sessions"),
        copy.resolve("sessions"),
        copy.resolve("archived_sessions"));
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().endsWith(".jsonl");
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    String start = new String(head, StandardCharsets.UTF_8);
    return file.getFileName().toString().endsWith(".jsonl")
        && start.contains("\"payload\"")
        && (start.contains("\"session_meta\"")
            || start.contains("\"turn_context\"")
            || start.contains("\"event_msg\"")
            || start.contains("\"response_item\""));
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return new CodexRolloutParser(file, state);
  }
}
