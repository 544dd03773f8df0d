package dev.goodhart.ingest.pi;

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
 * pi (the coding agent of badlogic/pi-mono) keeps sessions under {@code sessions/} of its agent
 * folder: {@code PI_CODING_AGENT_DIR}, else {@code ~/.pi/agent}; one folder per working directory
 * ({@code --home-dev-work-alpha--}), one file per session ({@code <time>_<session id>.jsonl}).
 * ccusage reads {@code PI_AGENT_DIR} instead, a comma-separated list of sessions folders; it is
 * honoured too, so the same setting finds the same logs.
 */
public final class PiSource implements UsageSource {
  static final String SOURCE = "pi";
  static final String AGENT_DIR_VARIABLE = "PI_CODING_AGENT_DIR";
  static final String SESSIONS_VARIABLE = "PI_AGENT_DIR";

  @Override
  public String name() {
    return SOURCE;
  }

  @Override
  public String description() {
    return "pi coding agent sessions";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    Path agent =
        environment.path(AGENT_DIR_VARIABLE).orElse(environment.home().resolve(".pi/agent"));
    return environment.pathsOr(SESSIONS_VARIABLE, List.of(agent.resolve("sessions")));
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(copy.resolve(".pi/agent/sessions"), copy.resolve("agent/sessions"));
  }

  @Override
  public boolean isLogFile(Path root, Path file) {
    return file.getFileName().toString().endsWith(".jsonl");
  }

  /**
   * A session file starts with its header ({@code "type":"session"} and the {@code cwd}); pi names
   * it after its start time, which tells it from OpenClaw's, named after the session alone.
   */
  @Override
  public boolean recognizes(Path file, byte[] head) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") && isTimeNamed(name) && hasSessionHeader(head);
  }

  /** Whether a file starts with the header pi's session manager writes (OpenClaw's too). */
  public static boolean hasSessionHeader(byte[] head) {
    String start = new String(head, StandardCharsets.UTF_8);
    return start.contains("\"type\":\"session\"")
        && start.contains("\"cwd\"")
        && !start.contains("\"sessionId\"");
  }

  /** {@code 2026-03-01T09-00-00-000Z_<id>.jsonl}: pi's names start with a date. */
  public static boolean isTimeNamed(String name) {
    return name.length() > 11
        && Character.isDigit(name.charAt(0))
        && name.charAt(4) == '-'
        && name.indexOf('_') > 0;
  }

  /** The folder below {@code sessions/}: pi's encoding of the working directory. */
  @Override
  public @Nullable String project(Path root, Path file) {
    return LogPaths.topFolder(root, file, 2);
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return new PiSessionParser(SOURCE, file, sessionOfFile(file.stem()), state);
  }

  /** pi names a session file {@code <time>_<session id>.jsonl}. */
  static String sessionOfFile(String stem) {
    int underscore = stem.indexOf('_');
    return underscore >= 0 && underscore < stem.length() - 1
        ? stem.substring(underscore + 1)
        : stem;
  }
}
