package dev.goodhart.ingest.openclaw;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.LogPaths;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.ingest.pi.PiSessionParser;
import dev.goodhart.ingest.pi.PiSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * OpenClaw keeps its state in {@code OPENCLAW_STATE_DIR} (or the older {@code CLAWDBOT_STATE_DIR}),
 * else {@code ~/.openclaw}, else the first of its former folders that exists ({@code ~/.clawdbot},
 * {@code ~/.moldbot}, {@code ~/.moltbot}); {@code OPENCLAW_HOME} stands for the home folder.
 * Sessions are {@code agents/<agent>/sessions/<session>.jsonl}; a reset or deleted session is
 * renamed {@code <session>.jsonl.reset.<time>} or {@code .jsonl.deleted.<time>} and kept, and is
 * read too (its requests keep their keys, so a renamed file counts nothing twice). ccusage's {@code
 * OPENCLAW_DIR}, a comma-separated list of state folders, is honoured as well.
 */
public final class OpenClawSource implements UsageSource {
  static final String SOURCE = "openclaw";
  static final String STATE_DIR_VARIABLE = "OPENCLAW_STATE_DIR";
  static final String LEGACY_STATE_DIR_VARIABLE = "CLAWDBOT_STATE_DIR";
  static final String HOME_VARIABLE = "OPENCLAW_HOME";
  static final String CCUSAGE_VARIABLE = "OPENCLAW_DIR";
  private static final List<String> STATE_FOLDERS =
      List.of(".openclaw", ".clawdbot", ".moldbot", ".moltbot");

  @Override
  public String name() {
    return SOURCE;
  }

  @Override
  public String description() {
    return "OpenClaw agent sessions";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    return environment.pathsOr(CCUSAGE_VARIABLE, stateFolders(environment)).stream()
        .map(state -> state.resolve("agents"))
        .toList();
  }

  private static List<Path> stateFolders(Environment environment) {
    return environment
        .path(STATE_DIR_VARIABLE)
        .or(() -> environment.path(LEGACY_STATE_DIR_VARIABLE))
        .map(List::of)
        .orElseGet(
            () -> {
              // OpenClaw uses the first of these that exists; discovery skips missing ones, so
              // listing all of them finds the same folder, and a machine that kept two reads both.
              Path home = environment.path(HOME_VARIABLE).orElse(environment.home());
              return STATE_FOLDERS.stream().map(home::resolve).toList();
            });
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    List<Path> roots = new ArrayList<>();
    STATE_FOLDERS.forEach(folder -> roots.add(copy.resolve(folder).resolve("agents")));
    roots.add(copy.resolve("agents"));
    return roots;
  }

  /** {@code <agent>/sessions/<session>.jsonl}, or a reset or deleted copy of one. */
  @Override
  public boolean isLogFile(Path root, Path file) {
    return isSessionFileName(file.getFileName().toString())
        && LogPaths.nameOr(file.getParent(), "").equals("sessions");
  }

  static boolean isSessionFileName(String name) {
    int extension = name.indexOf(".jsonl");
    if (extension <= 0) {
      return false;
    }
    String rest = name.substring(extension);
    return rest.equals(".jsonl")
        || rest.startsWith(".jsonl.reset.")
        || rest.startsWith(".jsonl.deleted.");
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    String name = file.getFileName().toString();
    return isSessionFileName(name)
        && !PiSource.isTimeNamed(name)
        && PiSource.hasSessionHeader(head);
  }

  /** The agent the session belongs to ({@code main} unless several are configured). */
  @Override
  public @Nullable String project(Path root, Path file) {
    return LogPaths.topFolder(root, file, 3);
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    return new PiSessionParser(SOURCE, file, sessionOfFile(file.path()), state);
  }

  /** The file name up to {@code .jsonl}: the session id, for archived copies too. */
  static String sessionOfFile(Path file) {
    String name = file.getFileName().toString();
    int extension = name.indexOf(".jsonl");
    return extension > 0 ? name.substring(0, extension) : name;
  }
}
