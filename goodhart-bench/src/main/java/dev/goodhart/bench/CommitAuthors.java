package dev.goodhart.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Who writes each commit: people alone, people with an agent that leaves its usual mark (Claude
 * Code's co-author trailer, Codex's and Cursor's, aider's name suffix), and Copilot's coding agent
 * as the author itself. The marks are the ones the tools write, so that goodhart's attribution
 * finds AI commits in the benchmark repository as it would in a real one.
 */
final class CommitAuthors {
  /** A git identity and the time zone its dates are written in. */
  record Identity(String name, String email, String zone) {
    Identity {
      requireNonNull(name, "name is null");
      requireNonNull(email, "email is null");
      requireNonNull(zone, "zone is null");
    }

    /** The identity as fast-import's {@code author} and {@code committer} lines want it. */
    String at(long epochSecond) {
      return "%s <%s> %d %s".formatted(name, email, epochSecond, zone);
    }
  }

  /**
   * Who wrote a commit, who committed it, the trailers to end its message with, and the agent that
   * helped (null: a person alone).
   */
  record Authorship(
      Identity author, Identity committer, List<String> trailers, @Nullable String agent) {
    Authorship {
      requireNonNull(author, "author is null");
      requireNonNull(committer, "committer is null");
      trailers = List.copyOf(requireNonNull(trailers, "trailers is null"));
    }
  }

  private static final List<Identity> PEOPLE =
      List.of(
          new Identity("Ana Lima", "ana.lima@example.com", "-0300"),
          new Identity("Bjørn Olsen", "bjorn@example.com", "+0100"),
          new Identity("Chen Wei", "chen.wei@example.com", "+0800"),
          new Identity("Dana Cohen", "dana@example.com", "+0200"),
          new Identity("Emeka Obi", "emeka.obi@example.com", "+0100"),
          new Identity("Fatima Zahra", "fatima@example.com", "+0000"),
          new Identity("Grace Kim", "grace.kim@example.com", "-0800"),
          new Identity("Hiro Tanaka", "hiro@example.com", "+0900"),
          new Identity("Isabel Ruiz", "isabel.ruiz@example.com", "+0100"),
          new Identity("Jonas Weber", "jonas.weber@example.com", "+0100"),
          new Identity("Kavya Rao", "kavya@example.com", "+0530"),
          new Identity("Liam Walsh", "liam.walsh@example.com", "-0500"));

  private static final Identity GITHUB = new Identity("GitHub", "noreply@github.com", "+0000");
  private static final Identity COPILOT =
      new Identity("Copilot", "198982749+Copilot@users.noreply.github.com", "+0000");

  private final Random random;

  CommitAuthors(Random random) {
    this.random = random;
  }

  /** The authorship of an ordinary commit; about two in five have an agent's mark. */
  Authorship next() {
    Identity person = person();
    int roll = random.nextInt(100);
    if (roll < 18) {
      return new Authorship(
          person,
          person,
          List.of(
              "🤖 Generated with [Claude Code](https://claude.com/claude-code)",
              "",
              "Co-Authored-By: Claude <noreply@anthropic.com>"),
          "claude");
    } else if (roll < 26) {
      return new Authorship(
          person, person, List.of("Co-authored-by: Codex <noreply@openai.com>"), "codex");
    } else if (roll < 32) {
      return new Authorship(
          COPILOT,
          GITHUB,
          List.of("Co-authored-by: %s <%s>".formatted(person.name(), person.email())),
          "copilot");
    } else if (roll < 37) {
      return new Authorship(
          person,
          person,
          List.of("Co-authored-by: Cursor Agent <cursoragent@cursor.com>"),
          "cursor");
    } else if (roll < 40) {
      Identity aider = new Identity(person.name() + " (aider)", person.email(), person.zone());
      return new Authorship(aider, aider, List.of(), "aider");
    }
    return new Authorship(person, person, List.of(), null);
  }

  /** A pull request merged on GitHub: a maintainer authors it, GitHub commits it. */
  Authorship merger() {
    return new Authorship(PEOPLE.get(random.nextInt(4)), GITHUB, List.of(), null);
  }

  private Identity person() {
    // A few people write most of the code, as in most teams.
    int index = (int) (PEOPLE.size() * Math.pow(random.nextDouble(), 1.6));
    return PEOPLE.get(index);
  }
}
