package dev.goodhart.synthetic;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A session told step by step: what the person asked, which tools the agent called with which
 * inputs and outputs, and when. {@link ScriptedSessions} writes it in the agent's own format and
 * draws only what no test looks at (thinking, prose, filler output, token counts) at random, so
 * that a caller who knows what happened in a repository can have the logs tell exactly that.
 *
 * @param agent whose format to write
 * @param cwd the working directory, absolute
 * @param branch the branch checked out
 * @param zone the machine's offset: Codex names its files in local time
 * @param model the model of every request
 * @param effort how big the requests are
 * @param headCommit the branch's commit when the session started (Codex records it), if known
 * @param repositoryUrl the origin's address (Codex records it), if any
 * @param steps in time order, each at least {@link #STEP_SPACING} after the one before (a tool's
 *     output is written within that time after its call)
 */
public record SessionScript(
    Agent agent,
    String cwd,
    String branch,
    ZoneOffset zone,
    String model,
    Effort effort,
    @Nullable String headCommit,
    @Nullable String repositoryUrl,
    List<Step> steps) {

  /** How far apart steps must be at the least. */
  public static final java.time.Duration STEP_SPACING = java.time.Duration.ofSeconds(2);

  public SessionScript {
    requireNonNull(agent, "agent is null");
    requireNonNull(cwd, "cwd is null");
    requireNonNull(branch, "branch is null");
    requireNonNull(zone, "zone is null");
    requireNonNull(model, "model is null");
    requireNonNull(effort, "effort is null");
    steps = List.copyOf(steps);
    if (steps.isEmpty() || !(steps.getFirst() instanceof Prompt)) {
      throw new IllegalArgumentException("a session starts with a prompt");
    }
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).at().isBefore(steps.get(i - 1).at().plus(STEP_SPACING))) {
        throw new IllegalArgumentException("step " + i + " is too close to the one before");
      }
    }
  }

  /** The agents whose logs can be scripted, by goodhart's source name. */
  public enum Agent {
    CLAUDE_CODE("claude"),
    CODEX("codex");

    private final String source;

    Agent(String source) {
      this.source = source;
    }

    public String source() {
      return source;
    }
  }

  /**
   * The size of the session's requests.
   *
   * @param initialContext tokens in the context before the first request (system prompt, tools,
   *     files already read)
   * @param outputMedian median output tokens of a request
   * @param resultMedian median characters of a tool's output the script leaves to chance
   * @param longContext whether the context may grow past 200k tokens before it is compacted
   */
  public record Effort(
      long initialContext, int outputMedian, int resultMedian, boolean longContext) {
    public Effort {
      if (initialContext < 0 || outputMedian < 1 || resultMedian < 1) {
        throw new IllegalArgumentException("effort sizes must be positive");
      }
    }
  }

  /** Something that happened at a moment of the session. */
  public sealed interface Step permits Prompt, Call, Answer {
    Instant at();
  }

  /** The person's prompt. */
  public record Prompt(Instant at, String text) implements Step {}

  /** A model request that ends in one tool call; the tool's output follows within a second. */
  public record Call(Instant at, Tool tool) implements Step {}

  /** A model request that ends the turn with an answer. */
  public record Answer(Instant at) implements Step {}

  /** A tool call's input (and, where it matters, its output). Paths are absolute. */
  public sealed interface Tool permits ReadFile, Search, Command, EditFile, CreateFile {}

  public record ReadFile(String path) implements Tool {}

  public record Search(String pattern, String path) implements Tool {}

  /**
   * A shell command.
   *
   * @param output what it printed, or null for filler
   */
  public record Command(String command, String description, @Nullable String output)
      implements Tool {}

  /**
   * Changes to an existing file: each hunk replaces lines {@code [from, to)} of {@code before}.
   * Hunks are in file order and do not overlap; Claude Code writes one as {@code Edit}, several as
   * {@code MultiEdit}; Codex writes them as one {@code apply_patch}.
   */
  public record EditFile(String path, List<String> before, List<Hunk> hunks) implements Tool {
    public EditFile {
      before = List.copyOf(before);
      hunks = List.copyOf(hunks);
      int end = 0;
      for (Hunk hunk : hunks) {
        if (hunk.from() < end || hunk.to() > before.size()) {
          throw new IllegalArgumentException("hunks overlap or leave the file: " + path);
        }
        end = hunk.to();
      }
      if (hunks.isEmpty()) {
        throw new IllegalArgumentException("an edit without hunks: " + path);
      }
    }
  }

  /** A new file: Claude Code's {@code Write}, Codex's {@code *** Add File}. */
  public record CreateFile(String path, List<String> lines) implements Tool {
    public CreateFile {
      lines = List.copyOf(lines);
    }
  }

  /** Replaces lines {@code [from, to)} with {@code lines}. */
  public record Hunk(int from, int to, List<String> lines) {
    public Hunk {
      lines = List.copyOf(lines);
      if (from < 0 || to < from || (from == to && lines.isEmpty())) {
        throw new IllegalArgumentException("an empty or inverted hunk");
      }
    }
  }
}
