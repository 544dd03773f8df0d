package dev.goodhart.git.attribution;

import java.util.Locale;
import java.util.Optional;

/**
 * What each trailer an agent or its user writes says about the commit. The same lines count outside
 * the trailer block too, a little less, because GitHub's squash merge turns every squashed commit's
 * trailers into body text of the one commit that reaches the main branch.
 */
final class TrailerRules {
  /** How much less a trailer-shaped line counts in the body than in the trailer block. */
  static final double BODY_DISCOUNT = 0.05;

  static final double SESSION = 0.9;
  static final double MADE_WITH = 0.8;
  static final double ASSISTED_BY_NAMED_TOOL = 0.8;

  /** Assisted-by is written for AI help by the policies that define it (Fedora, ASF, kernel). */
  static final double ASSISTED_BY_UNNAMED = 0.7;

  /** Generated-by also names code generators that are no AI ({@code protoc}), so it counts less. */
  static final double GENERATED_BY_UNNAMED = 0.6;

  private TrailerRules() {}

  static void apply(Trailer trailer, boolean inTrailerBlock, EvidenceCollector collector) {
    double discount = inTrailerBlock ? 0 : BODY_DISCOUNT;
    String value = trailer.value();
    switch (trailer.key().toLowerCase(Locale.ROOT)) {
      case "co-authored-by" ->
          AgentIdentities.recognise(value)
              .ifPresent(
                  match ->
                      collector.add(
                          match.agent(),
                          EvidenceKinds.CO_AUTHOR_TRAILER,
                          trailer.text(),
                          match.strength().asCoAuthor() - discount));
      case "claude-session" -> session(AgentNames.CLAUDE_CODE, trailer, discount, collector);
      case "agent-logs-url" -> session(AgentNames.COPILOT, trailer, discount, collector);
      case "made-with" ->
          AgentNames.namedIn(value)
              .ifPresent(
                  agent ->
                      collector.add(
                          agent,
                          EvidenceKinds.GENERATED_MARKER,
                          trailer.text(),
                          MADE_WITH - discount));
      case "assisted-by" -> assistedBy(trailer, ASSISTED_BY_UNNAMED, discount, collector);
      case "generated-by" -> assistedBy(trailer, GENERATED_BY_UNNAMED, discount, collector);
      default -> {
        // Any other trailer says nothing about agents.
      }
    }
  }

  private static void session(
      String agent, Trailer trailer, double discount, EvidenceCollector collector) {
    if (trailer.value().isEmpty()) {
      return;
    }
    collector.add(agent, EvidenceKinds.SESSION_TRAILER, trailer.text(), SESSION - discount);
    collector.addSession(trailer.value());
  }

  /**
   * A policy trailer names a tool ({@code Assisted-by: Claude:claude-3-opus}, {@code Generated-by:
   * GitHub Copilot}) or just says AI helped. One that names a person ({@code Assisted-by: Jane
   * <jane@example.com>}) is the older, human meaning of the key, and no evidence.
   */
  private static void assistedBy(
      Trailer trailer, double unnamedConfidence, double discount, EvidenceCollector collector) {
    String value = trailer.value();
    if (value.isEmpty()) {
      return;
    }
    // With an address, only the address decides: "Jane Cursor <jane@example.com>" is a person.
    boolean hasAddress = value.contains("@");
    Optional<String> agent =
        hasAddress
            ? AgentIdentities.recognise(value).map(AgentIdentities.Match::agent)
            : AgentNames.namedIn(value);
    if (agent.isPresent()) {
      collector.add(
          agent.get(),
          EvidenceKinds.ASSISTED_BY_TRAILER,
          trailer.text(),
          ASSISTED_BY_NAMED_TOOL - discount);
    } else if (!hasAddress) {
      collector.add(
          AgentNames.UNNAMED,
          EvidenceKinds.ASSISTED_BY_TRAILER,
          trailer.text(),
          unnamedConfidence - discount);
    }
  }
}
