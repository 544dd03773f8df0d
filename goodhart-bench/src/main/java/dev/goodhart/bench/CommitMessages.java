package dev.goodhart.bench;

import java.util.List;
import java.util.Random;

/** Commit messages in the usual shape: a subject, sometimes a body, then the trailers. */
final class CommitMessages {
  private static final String[] VERBS = {
    "Fix",
    "Add",
    "Refactor",
    "Simplify",
    "Speed up",
    "Handle",
    "Validate",
    "Test",
    "Clean up",
    "Rename",
    "Document",
    "Guard"
  };
  private static final String[] BODIES = {
    "The old code assumed the map was never empty, which is not true after a restart.",
    "Review feedback: keep the method small and name the limit.",
    "This keeps the behaviour but reads the value once instead of three times.",
    "Needed by the reporting job, which runs before the cache is warm."
  };

  private final Random random;
  private final SourceText text;

  CommitMessages(Random random, SourceText text) {
    this.random = random;
    this.text = text;
  }

  /** A subject for a commit whose first change is {@code change}. */
  String subject(FileCommand change) {
    String file = change.path().substring(change.path().lastIndexOf('/') + 1);
    return switch (change) {
      case FileCommand.Delete delete -> "Remove unused " + PathNames.className(delete.path());
      case FileCommand.Rename rename ->
          "Move %s to %s".formatted(PathNames.className(rename.from()), rename.path());
      case FileCommand.Modify modify when !file.endsWith(".java") -> "Update " + file;
      case FileCommand.Modify modify -> subject(modify.path());
    };
  }

  /** A subject about the class at {@code path}, e.g. {@code Fix token handling in OrderService}. */
  String subject(String path) {
    return "%s %s handling in %s"
        .formatted(VERBS[random.nextInt(VERBS.length)], text.noun(), PathNames.className(path));
  }

  String message(String subject, List<String> trailers) {
    StringBuilder message = new StringBuilder(subject).append('\n');
    if (random.nextInt(10) < 3) {
      message.append('\n').append(BODIES[random.nextInt(BODIES.length)]).append('\n');
    }
    if (!trailers.isEmpty()) {
      message.append('\n');
      for (String trailer : trailers) {
        message.append(trailer).append('\n');
      }
    }
    return message.toString();
  }

  static String merge(int pullRequest, String branch, String title) {
    return "Merge pull request #%d from acme/%s\n\n%s\n".formatted(pullRequest, branch, title);
  }
}
