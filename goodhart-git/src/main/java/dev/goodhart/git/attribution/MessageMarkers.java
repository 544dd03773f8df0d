package dev.goodhart.git.attribution;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines tools write into a commit message that are not trailers: Claude Code's {@code 🤖
 * Generated with [Claude Code](…)}, Cursor's {@code Made with [Cursor](https://cursor.com)} footer
 * and its cloud agents' links, and Aider's {@code aider: } subject prefix. Each is matched as the
 * whole line the tool writes, so a message that talks about a tool is not taken for one it wrote.
 */
final class MessageMarkers {
  static final double GENERATED_MARKER = 0.8;
  static final double AGENT_LINK = 0.85;
  static final double MESSAGE_PREFIX = 0.7;

  private static final Pattern CLAUDE_CODE_MARKER =
      Pattern.compile(
          "(?:\\x{1F916}\\s*)?Generated with \\[Claude Code]"
              + "\\(https://(?:claude\\.com/claude-code|claude\\.ai/code)/?\\)");

  private static final Pattern CURSOR_FOOTER =
      Pattern.compile("Made with \\[Cursor]\\(https://(?:www\\.)?cursor\\.com/?\\)");

  /** A cloud (background) agent's page: {@code bc-} and the agent's UUID. */
  private static final Pattern CURSOR_AGENT_LINK =
      Pattern.compile("https://(?:www\\.)?cursor\\.com/agents/bc-[0-9a-fA-F-]{36}");

  private static final String AIDER_PREFIX = "aider: ";

  private MessageMarkers() {}

  /** Looks for Aider's prefix on the subject, the first line of the message. */
  static void subject(String subject, EvidenceCollector collector) {
    if (subject.startsWith(AIDER_PREFIX) && subject.length() > AIDER_PREFIX.length()) {
      collector.add(
          AgentNames.AIDER, EvidenceKinds.MESSAGE_PREFIX, subject.strip(), MESSAGE_PREFIX);
    }
  }

  /** Looks for a tool's marker line or link in one line of the body. */
  static void bodyLine(String line, EvidenceCollector collector) {
    String text = line.strip();
    if (CLAUDE_CODE_MARKER.matcher(text).matches()) {
      collector.add(AgentNames.CLAUDE_CODE, EvidenceKinds.GENERATED_MARKER, text, GENERATED_MARKER);
    } else if (CURSOR_FOOTER.matcher(text).matches()) {
      collector.add(AgentNames.CURSOR, EvidenceKinds.GENERATED_MARKER, text, GENERATED_MARKER);
    }
    Matcher link = CURSOR_AGENT_LINK.matcher(text);
    while (link.find()) {
      collector.add(AgentNames.CURSOR, EvidenceKinds.SESSION_TRAILER, link.group(), AGENT_LINK);
      collector.addSession(link.group());
    }
  }
}
