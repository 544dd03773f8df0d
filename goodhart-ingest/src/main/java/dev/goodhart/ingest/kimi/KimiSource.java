package dev.goodhart.ingest.kimi;

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
 * Kimi CLI keeps its data in {@code KIMI_SHARE_DIR}, else {@code ~/.kimi}: every session in {@code
 * sessions/<group>/<session>/wire.jsonl}, where the group is the MD5 of the working directory's
 * path, and its sub-agents' in {@code <session>/subagents/<agent>/wire.jsonl}. ccusage reads {@code
 * KIMI_DATA_DIR} instead, a comma-separated list of such folders; it is honoured too.
 */
public final class KimiSource implements UsageSource {
  static final String SHARE_DIR_VARIABLE = "KIMI_SHARE_DIR";
  static final String CCUSAGE_VARIABLE = "KIMI_DATA_DIR";
  static final String WIRE = "wire.jsonl";

  @Override
  public String name() {
    return KimiWireParser.SOURCE;
  }

  @Override
  public String description() {
    return "Kimi CLI wire logs";
  }

  @Override
  public List<Path> defaultRoots(Environment environment) {
    Path share = environment.path(SHARE_DIR_VARIABLE).orElse(environment.home().resolve(".kimi"));
    return environment.pathsOr(CCUSAGE_VARIABLE, List.of(share)).stream()
        .map(folder -> folder.resolve("sessions"))
        .toList();
  }

  @Override
  public List<Path> rootsInCopy(Path copy) {
    return List.of(copy.resolve(".kimi/sessions"), copy.resolve("sessions"));
  }

  /**
   * {@code <group>/<session>/wire.jsonl} or {@code <group>/<session>/subagents/<agent>/wire.jsonl}.
   */
  @Override
  public boolean isLogFile(Path root, Path file) {
    if (!file.getFileName().toString().equals(WIRE)) {
      return false;
    }
    Path relative = root.relativize(file);
    int names = relative.getNameCount();
    return names == 3 || (names == 5 && relative.getName(2).toString().equals("subagents"));
  }

  @Override
  public boolean recognizes(Path file, byte[] head) {
    String start = new String(head, StandardCharsets.UTF_8);
    return file.getFileName().toString().equals(WIRE)
        && (start.contains("\"protocol_version\"") || start.contains("\"TurnBegin\""));
  }

  /**
   * The group folder: the MD5 of the working directory, when {@code kimi.json} does not list it.
   */
  @Override
  public @Nullable String project(Path root, Path file) {
    return LogPaths.topFolder(root, file, 3);
  }

  @Override
  public RecordParser newParser(LogFile file, String state) {
    Path relative = file.root().relativize(file.path());
    int names = relative.getNameCount();
    String session =
        names >= 3
            ? relative.getName(1).toString()
            : LogPaths.nameOr(file.path().getParent(), file.stem());
    String agent = names == 5 ? relative.getName(3).toString() : null;
    Path shareFolder = file.root().getParent();
    KimiShareFolder share = shareFolder != null ? KimiShareFolder.of(shareFolder) : null;
    String workDir = share != null && file.project() != null ? share.workDir(file.project()) : null;
    String model = share != null ? share.model() : KimiShareFolder.DEFAULT_MODEL;
    return new KimiWireParser(file, session, agent, workDir, model);
  }
}
