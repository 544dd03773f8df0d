package dev.goodhart.ingest.otlp;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which agent sent a record: the prefix of its event or metric name ({@code claude_code.}, {@code
 * codex.}, {@code gemini_cli.}), else the resource's {@code service.name}. Claude Code sends {@code
 * claude-code} or {@code claude-code-desktop}; Codex its originator ({@code codex_cli_rs}, {@code
 * codex_tui}, {@code codex_exec}, {@code codex-app-server}, {@code Codex Desktop}, …); Gemini CLI
 * {@code gemini-cli}.
 */
final class OtlpSources {
  static final String CLAUDE = "claude";
  static final String CODEX = "codex";
  static final String GEMINI = "gemini";

  /** The source of facts from a service none of the agents above: its name, else this. */
  static final String UNKNOWN = "otlp";

  private OtlpSources() {}

  /** An event or metric name split into the agent its prefix names and the rest. */
  record Name(@Nullable String source, String bare) {}

  static Name split(String name) {
    if (name.startsWith("claude_code.")) {
      return new Name(CLAUDE, name.substring("claude_code.".length()));
    }
    if (name.startsWith("codex.")) {
      return new Name(CODEX, name.substring("codex.".length()));
    }
    if (name.startsWith("gemini_cli.")) {
      return new Name(GEMINI, name.substring("gemini_cli.".length()));
    }
    return new Name(null, name);
  }

  /** The agent a {@code service.name} names, or null for another service. */
  static @Nullable String ofService(@Nullable String service) {
    if (service == null) {
      return null;
    }
    String name = service.strip().toLowerCase(Locale.ROOT);
    if (name.startsWith("claude-code") || name.startsWith("claude_code")) {
      return CLAUDE;
    }
    if (name.startsWith("codex")) {
      return CODEX;
    }
    if (name.startsWith("gemini-cli") || name.startsWith("gemini_cli")) {
      return GEMINI;
    }
    return null;
  }

  /** The source of a name from the given service: the agent, else the service, else "otlp". */
  static String of(String name, @Nullable String service) {
    String source = split(name).source();
    if (source != null) {
      return source;
    }
    source = ofService(service);
    if (source != null) {
      return source;
    }
    return service != null && !service.isBlank() ? service.strip() : UNKNOWN;
  }
}
