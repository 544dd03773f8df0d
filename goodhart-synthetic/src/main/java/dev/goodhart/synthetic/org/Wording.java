package dev.goodhart.synthetic.org;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/** What people and agents write in words: prompts, commit messages, branch names. */
final class Wording {
  private static final List<String> VERBS =
      List.of(
          "Fix",
          "Add",
          "Improve",
          "Refactor",
          "Handle",
          "Simplify",
          "Speed up",
          "Clean up",
          "Support",
          "Harden");
  private static final List<String> BODIES =
      List.of(
          "Cover the edge cases found in review and keep the public API unchanged.",
          "Extract the shared logic into a helper so that both call sites agree.",
          "The old code path silently dropped values; fail loudly instead.",
          "Add tests for the empty and the single-element cases.",
          "Keep the behaviour behind the existing configuration switch.",
          "Log the decision at debug level so support can trace it.");
  private static final List<String> HUMAN =
      List.of(
          "fix %s",
          "tidy up %s",
          "wip: %s",
          "Update %s",
          "Address review comments on %s",
          "rename things in %s",
          "more tests for %s",
          "%s: small fixes");
  private static final List<String> FIRST_PROMPTS =
      List.of(
          "Can you fix %s? Users report wrong results since last week. Start with %s.",
          "Add %s, with tests. The code is in %s.",
          "Refactor %s: the logic in %s is duplicated and hard to follow.",
          "Please look into %s; CI fails now and then in %s.",
          "I need %s done today. Have a look at %s and make the change.");
  private static final List<String> FOLLOW_UPS =
      List.of(
          "Run the tests again and fix what fails.",
          "Also handle the empty case.",
          "Can you make it simpler?",
          "Rename the helper to something clearer.",
          "Looks good. Add a test for the error path.",
          "Now update the callers.");

  /** The prompt a loop repeats word for word. */
  static final String LOOP_PROMPT = "The tests are still failing. Fix them.";

  private final Random random;

  Wording(Random random) {
    this.random = random;
  }

  String subject(String topic) {
    return pick(VERBS) + " " + topic;
  }

  String body() {
    return pick(BODIES);
  }

  String humanSubject(String topic) {
    return String.format(Locale.ROOT, pick(HUMAN), topic).replace("  ", " ");
  }

  private static final List<String> REVIEWS =
      List.of(
          "Apply review suggestions to %s",
          "review: clearer names in %s",
          "Simplify %s as discussed in review",
          "review fixes for %s");

  /** A reviewer's commit on someone else's branch. */
  String reviewSubject(String topic) {
    return String.format(Locale.ROOT, pick(REVIEWS), topic);
  }

  String firstPrompt(String topic, String file) {
    return String.format(Locale.ROOT, pick(FIRST_PROMPTS), topic, file);
  }

  String followUp() {
    return pick(FOLLOW_UPS);
  }

  String unattendedPrompt(String topic) {
    return "Go through "
        + topic
        + " end to end, fix every failing test and keep going until the whole suite passes."
        + " Don't ask me anything, I'll be in meetings.";
  }

  /** A branch name for work on {@code topic}: {@code prefix/} and a few of its words. */
  static String branch(String prefix, String topic) {
    StringBuilder slug = new StringBuilder();
    int words = 0;
    for (String word : topic.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (word.isEmpty() || List.of("the", "of", "for", "in", "on", "a", "an").contains(word)) {
        continue;
      }
      if (words++ == 4) {
        break;
      }
      slug.append(slug.isEmpty() ? "" : "-").append(word);
    }
    return prefix + "/" + slug;
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
