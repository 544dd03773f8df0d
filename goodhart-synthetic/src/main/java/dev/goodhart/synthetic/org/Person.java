package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.SessionScript.Agent;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Someone in the organisation: who they are in git, where they work from, how much they lean on
 * agents, which ones, and how those agents sign commits on their machine.
 *
 * @param agents the agents they use; empty for someone who writes everything by hand
 * @param claudeModel the model their Claude Code sessions use
 * @param codexModel the model their Codex sessions use
 * @param claudeMark how their Claude Code marks its commits
 * @param codexMark whether their Codex adds a co-author trailer (the opt-in setting)
 * @param homeRepository the repository they mostly work in
 */
record Person(
    String name,
    String email,
    ZoneOffset zone,
    Profile profile,
    List<Agent> agents,
    String claudeModel,
    String codexModel,
    ClaudeMark claudeMark,
    boolean codexMark,
    int homeRepository) {

  Person {
    agents = List.copyOf(agents);
  }

  /** How much someone works with agents, per working day. */
  enum Profile {
    HEAVY(0.4, 0.25),
    MEDIUM(0.22, 0.4),
    LIGHT(0.1, 0.4),
    NONE(0, 0.8);

    final double sessionsPerDay;
    final double humanCommitsPerDay;

    Profile(double sessionsPerDay, double humanCommitsPerDay) {
      this.sessionsPerDay = sessionsPerDay;
      this.humanCommitsPerDay = humanCommitsPerDay;
    }
  }

  /** Claude Code's commit attribution on someone's machine. */
  enum ClaudeMark {
    /** The 2025 default: a "Generated with" line and a co-author trailer. */
    GENERATED_AND_CO_AUTHOR,
    /** A co-author trailer that names the model. */
    CO_AUTHOR_WITH_MODEL,
    /** Attribution switched off. */
    NONE
  }
}
