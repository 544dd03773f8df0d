package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises agents by the identities they commit or co-author as. Addresses and bot accounts
 * decide, not display names: Claude Code writes {@code Claude Sonnet 4.5 <noreply@anthropic.com>}
 * today and another model's name tomorrow. Display names count only, and weakly, for the tools that
 * have no documented address (Codex, Gemini CLI).
 */
final class AgentIdentities {
  /** A match: which agent, and how firmly. */
  record Match(String agent, IdentityStrength strength) {
    Match {
      requireNonNull(agent, "agent is null");
      requireNonNull(strength, "strength is null");
    }
  }

  /** Addresses the tools write, which no person commits with. */
  private static final Map<String, String> TOOL_ADDRESSES =
      Map.of(
          "noreply@anthropic.com", AgentNames.CLAUDE_CODE,
          "copilot@github.com", AgentNames.COPILOT,
          "cursoragent@cursor.com", AgentNames.CURSOR,
          // aider/repo.py writes the first, its docs name the second, its introducing PR the third.
          "aider@aider.chat", AgentNames.AIDER,
          "noreply@aider.chat", AgentNames.AIDER,
          "noreply@aider.dev", AgentNames.AIDER,
          "noreply@opencode.ai", AgentNames.OPENCODE);

  /** GitHub App bot logins that agents commit as, without the {@code [bot]} suffix. */
  private static final Map<String, String> BOT_LOGINS =
      Map.of(
          "copilot-swe-agent", AgentNames.COPILOT,
          "devin-ai-integration", AgentNames.DEVIN,
          "claude", AgentNames.CLAUDE_CODE);

  /** The Copilot coding agent's own account, which its commits carry as author. */
  private static final String COPILOT_CODING_AGENT = "198982749+copilot@users.noreply.github.com";

  private static final Pattern BOT_NAME = Pattern.compile("([a-z0-9-]+)\\[bot]");
  private static final Pattern BOT_ADDRESS =
      Pattern.compile("(?:\\d+\\+)?([a-z0-9-]+)\\[bot]@users\\.noreply\\.github\\.com");

  /**
   * The {@code Copilot} user's no-reply address: VS Code and the Copilot CLI co-author with id
   * 223556219, and the login is GitHub's own, so no person holds it.
   */
  private static final Pattern COPILOT_ADDRESS =
      Pattern.compile("\\d+\\+copilot@users\\.noreply\\.github\\.com");

  private static final Set<String> AGENTS_KNOWN_BY_NAME_ONLY =
      Set.of(AgentNames.CODEX, AgentNames.GEMINI);

  /** Words a tool's display name may hold besides the tool: vendor, product and model words. */
  private static final Set<String> TOOL_NAME_WORDS =
      Set.of(
          "openai", "google", "cli", "agent", "code", "assist", "bot", "ai", "gpt", "pro", "flash",
          "lite", "mini", "max", "preview", "exp", "latest", "high", "medium", "low");

  private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z0-9]+");

  private AgentIdentities() {}

  /** The agent an identity belongs to, the firmest reading of its address and name. */
  static Optional<Match> recognise(String name, String address) {
    String email = address.strip().toLowerCase(Locale.ROOT);
    String displayName = name.strip();
    Optional<Match> byAddress = byAddress(email);
    if (byAddress.isPresent()) {
      return byAddress;
    }
    Matcher bot = BOT_NAME.matcher(displayName.toLowerCase(Locale.ROOT));
    if (bot.matches() && BOT_LOGINS.containsKey(bot.group(1))) {
      return Optional.of(new Match(BOT_LOGINS.get(bot.group(1)), IdentityStrength.BOT_ACCOUNT));
    }
    if (displayName.endsWith(" (aider)")) {
      return Optional.of(new Match(AgentNames.AIDER, IdentityStrength.TOOL_NAME_SUFFIX));
    }
    String localPart = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
    // Codex documents no identity; an OpenAI no-reply or codex address is the likely one.
    if (email.endsWith("@openai.com")
        && (localPart.equals("noreply")
            || AgentNames.namedIn(localPart).filter(AgentNames.CODEX::equals).isPresent())) {
      return Optional.of(new Match(AgentNames.CODEX, IdentityStrength.LIKELY_ADDRESS));
    }
    return toolOnlyName(displayName)
        .or(() -> toolOnlyName(localPart))
        .map(agent -> new Match(agent, IdentityStrength.LIKELY_NAME));
  }

  /**
   * Codex or Gemini when a name is nothing but the tool's name, its vendor and model words ({@code
   * OpenAI Codex}, {@code Gemini 2.5 Pro}, {@code gemini-cli}); a person called {@code Gemini Lee}
   * is no tool.
   */
  private static Optional<String> toolOnlyName(String name) {
    String agent = null;
    for (String word : NOT_A_WORD.split(name.toLowerCase(Locale.ROOT))) {
      Optional<String> named = AgentNames.namedIn(word);
      if (named.isPresent() && AGENTS_KNOWN_BY_NAME_ONLY.contains(named.get())) {
        agent = agent == null ? named.get() : agent;
      } else if (!word.isEmpty() && !TOOL_NAME_WORDS.contains(word) && !hasDigit(word)) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(agent);
  }

  private static boolean hasDigit(String word) {
    return word.chars().anyMatch(Character::isDigit);
  }

  /**
   * The agent a trailer value such as {@code Claude <noreply@anthropic.com>} names; a value without
   * angle brackets is taken as a bare address when it has an {@code @}, else as a name.
   */
  static Optional<Match> recognise(String identity) {
    int open = identity.lastIndexOf('<');
    int close = identity.lastIndexOf('>');
    if (open >= 0 && close > open) {
      return recognise(identity.substring(0, open), identity.substring(open + 1, close));
    }
    String bare = identity.strip();
    return bare.contains("@") && !bare.contains(" ") ? recognise("", bare) : recognise(bare, "");
  }

  private static Optional<Match> byAddress(String email) {
    if (email.equals(COPILOT_CODING_AGENT)) {
      return Optional.of(new Match(AgentNames.COPILOT, IdentityStrength.BOT_ACCOUNT));
    }
    Matcher bot = BOT_ADDRESS.matcher(email);
    if (bot.matches() && BOT_LOGINS.containsKey(bot.group(1))) {
      return Optional.of(new Match(BOT_LOGINS.get(bot.group(1)), IdentityStrength.BOT_ACCOUNT));
    }
    String tool = TOOL_ADDRESSES.get(email);
    if (tool != null) {
      return Optional.of(new Match(tool, IdentityStrength.TOOL_ADDRESS));
    }
    if (COPILOT_ADDRESS.matcher(email).matches()) {
      return Optional.of(new Match(AgentNames.COPILOT, IdentityStrength.TOOL_ADDRESS));
    }
    return Optional.empty();
  }
}
