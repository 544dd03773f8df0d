package dev.goodhart.git.attribution;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names goodhart gives the agents it recognises in git, the values of {@link
 * Attribution#aiAgent()}. They are goodhart's own names, not the tools' display names, which carry
 * model versions that change.
 */
public final class AgentNames {
  public static final String CLAUDE_CODE = "claude-code";
  public static final String COPILOT = "copilot";
  public static final String CURSOR = "cursor";
  public static final String AIDER = "aider";
  public static final String CODEX = "codex";
  public static final String GEMINI = "gemini";
  public static final String OPENCODE = "opencode";
  public static final String DEVIN = "devin";

  /** An agent the evidence does not name, e.g. {@code Assisted-by: an LLM}. */
  public static final String UNNAMED = "ai";

  /** Every name above, {@link #UNNAMED} last. */
  public static final List<String> ALL =
      List.of(CLAUDE_CODE, COPILOT, CURSOR, AIDER, CODEX, GEMINI, OPENCODE, DEVIN, UNNAMED);

  /** The words in free text (a trailer's value, a tool field) that name a known agent. */
  private static final Map<String, String> WORDS =
      Map.of(
          "claude", CLAUDE_CODE,
          "copilot", COPILOT,
          "cursor", CURSOR,
          "aider", AIDER,
          "codex", CODEX,
          "gemini", GEMINI,
          "opencode", OPENCODE,
          "devin", DEVIN);

  private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z0-9]+");

  private AgentNames() {}

  /**
   * The agent a tool field names, as git-ai ({@code agent_id.tool}) and Agent Trace ({@code
   * tool.name}) write it: {@code claude} and {@code claude-code} are {@code claude-code}, {@code
   * github-copilot} is {@code copilot}; a tool goodhart does not know ({@code windsurf}, {@code
   * amp}) keeps its own name, trimmed and in lower case; an empty one is {@link #UNNAMED}.
   */
  public static String fromToolName(String tool) {
    String name = tool.strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      return UNNAMED;
    }
    return WORDS.getOrDefault(name, namedIn(name).orElse(name));
  }

  /**
   * The first known agent that a text names by a whole word, case-insensitively: {@code
   * Claude:claude-3-opus} and {@code GitHub Copilot} name one, {@code cursorless} and {@code
   * ChatGPT} do not.
   */
  public static Optional<String> namedIn(String text) {
    for (String word : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
      String agent = WORDS.get(word);
      if (agent != null) {
        return Optional.of(agent);
      }
    }
    return Optional.empty();
  }
}
