package dev.goodhart.git.oracle;

import java.util.List;
import java.util.Random;

/** Commit subjects and pull request titles that read like a real project's. */
final class Subjects {
  private static final List<String> VERBS =
      List.of("Fix", "Add", "Refactor", "Handle", "Simplify", "Tidy", "Speed up", "Document");
  private static final List<String> TOPICS =
      List.of(
          "null input in the parser",
          "retry logic",
          "config loading",
          "the lexer's error messages",
          "cache eviction",
          "empty lists in the service",
          "the build script",
          "date parsing",
          "logging around startup");

  private final Random random;

  Subjects(Random random) {
    this.random = random;
  }

  String next() {
    return VERBS.get(random.nextInt(VERBS.size()))
        + " "
        + TOPICS.get(random.nextInt(TOPICS.size()));
  }

  /** A branch name made from a subject, as people name them: {@code fix-retry-logic}. */
  static String slug(String subject) {
    String slug = subject.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return slug.length() > 30 ? slug.substring(0, 30).replaceAll("-$", "") : slug;
  }
}
