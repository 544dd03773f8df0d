package dev.goodhart.synthetic;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Random;

/**
 * Writes {@link SessionScript}s into a home folder, as {@link SyntheticLogs} writes random ones:
 * Claude Code transcripts under {@code .claude/projects}, Codex rollouts under {@code
 * .codex/sessions}. The same seed and the same scripts, in the same order, write the same bytes.
 */
public final class ScriptedSessions {
  /** Real logs' awkward cases that a scripted organisation keeps: Codex's repeated counts. */
  private static final SyntheticSpec.Features FEATURES =
      new SyntheticSpec.Features(false, false, false, false, false, false, true, false, false);

  private final Path home;
  private final GroundTruth truth = new GroundTruth();
  private final ClaudeCodeSessionWriter claude;
  private final CodexRolloutWriter codex;

  public ScriptedSessions(Path home, long seed) {
    this.home = requireNonNull(home, "home is null");
    Random random = new Random(seed);
    Ids ids = new Ids(random);
    TextPool text = new TextPool(random);
    this.claude = new ClaudeCodeSessionWriter(random, ids, text, FEATURES, truth);
    this.codex = new CodexRolloutWriter(random, ids, text, FEATURES, truth);
  }

  public WrittenSession write(SessionScript script) {
    return write(home, script);
  }

  /** Writes into another home folder: each person's logs live on their own machine. */
  public WrittenSession write(Path into, SessionScript script) {
    return switch (script.agent()) {
      case CLAUDE_CODE -> claude.writeScript(SyntheticLogs.claudeProjects(into), script);
      case CODEX -> codex.writeScript(SyntheticLogs.codexHome(into), script);
    };
  }

  /** Every request written so far, each once. */
  public GroundTruth truth() {
    return truth;
  }
}
