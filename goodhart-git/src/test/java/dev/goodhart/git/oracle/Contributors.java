package dev.goodhart.git.oracle;

import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The people of a generated project and the agents they work with. About half the commits carry an
 * agent's markers, in the forms the agents really write them.
 */
final class Contributors {
  static final String CLAUDE_FOOTER =
      "🤖 Generated with [Claude Code](https://claude.com/claude-code)";
  static final String CLAUDE_TRAILER = "Co-Authored-By: Claude <noreply@anthropic.com>";
  static final String CURSOR_TRAILER = "Co-authored-by: Cursor <cursoragent@cursor.com>";

  private static final List<Person> PEOPLE =
      List.of(
          new Person("Alice Martin", "alice@example.com", "alice", ZoneOffset.ofHours(1)),
          new Person("Bob Chen", "bob.chen@example.org", "bchen", ZoneOffset.ofHours(8)),
          new Person("Chidi Okafor", "chidi@example.net", "chidio", ZoneOffset.ofHours(-5)),
          new Person(
              "Dana Kowalski", "dana@example.com", "danak", ZoneOffset.ofHoursMinutes(5, 30)));

  private final Random random;
  private final Set<CommitAgent> notYetSeen = EnumSet.allOf(CommitAgent.class);

  Contributors(Random random) {
    this.random = random;
  }

  Person anyone() {
    return PEOPLE.get(random.nextInt(PEOPLE.size()));
  }

  /** A person alone. */
  Contribution human() {
    Person person = anyone();
    return new Contribution(CommitAgent.NONE, person, person, "", List.of());
  }

  /**
   * A person alone half the time, otherwise with one of the agents; now and then an agent not seen
   * yet, so that even a short history has them all.
   */
  Contribution anyContribution() {
    Contribution contribution = drawContribution();
    if (!notYetSeen.isEmpty() && random.nextInt(4) == 0) {
      contribution = withAgent(List.copyOf(notYetSeen).get(random.nextInt(notYetSeen.size())));
    }
    notYetSeen.remove(contribution.agent());
    return contribution;
  }

  private Contribution drawContribution() {
    int draw = random.nextInt(100);
    return withAgent(
        draw < 50
            ? CommitAgent.NONE
            : draw < 70
                ? CommitAgent.CLAUDE_CODE
                : draw < 80
                    ? CommitAgent.COPILOT
                    : draw < 90 ? CommitAgent.CURSOR : CommitAgent.AIDER);
  }

  private Contribution withAgent(CommitAgent agent) {
    Person person = anyone();
    return switch (agent) {
      case NONE -> new Contribution(agent, person, person, "", List.of());
      case CLAUDE_CODE ->
          new Contribution(agent, person, person, CLAUDE_FOOTER, List.of(CLAUDE_TRAILER));
      case COPILOT ->
          new Contribution(
              agent, Person.COPILOT, Person.GITHUB, "", List.of(person.coAuthorTrailer()));
      case CURSOR -> new Contribution(agent, person, person, "", List.of(CURSOR_TRAILER));
      case AIDER -> new Contribution(agent, person.withAider(), person.withAider(), "", List.of());
    };
  }
}
