package dev.goodhart.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The one exception the webhook and event parsers throw: the request body cannot be stored, and
 * nothing of it is. It lists what is wrong, each problem with the JSON path of the field, the value
 * found and what was expected, so that a server can answer with them and the sender can fix its
 * request.
 */
public final class WebhookPayloadException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A request lists at most this many problems; {@link #problemCount()} counts them all. */
  public static final int MAX_PROBLEMS = 20;

  private final List<Problem> problems;

  private final int problemCount;

  /**
   * One thing wrong in a request body.
   *
   * @param path where, as a JSON path from the body ({@code deployments[2].sha}, {@code
   *     pull_request.head.sha}); empty for the body itself
   * @param value what was found there: its JSON text ({@code "abc"} for a string, {@code 12} for a
   *     number, {@code null}, {@code {…}} for an object), cut to about 60 characters; {@code
   *     missing} when the field is absent; for a body that is not JSON, where and why it breaks
   * @param expected what would have been accepted
   */
  public record Problem(String path, String value, String expected) {
    public Problem {
      requireNonNull(path, "path is null");
      requireNonNull(value, "value is null");
      requireNonNull(expected, "expected is null");
    }

    /** {@code deployments[2].sha is "xyz", expected 7 to 40 hex digits}. */
    public String describe() {
      return (path.isEmpty() ? "the body" : path) + " is " + value + ", expected " + expected;
    }
  }

  /**
   * @param subject what was read, for the message: {@code GitHub 'push' event}, {@code events
   *     request}
   * @param problems the first problems found, at most {@link #MAX_PROBLEMS}, at least one
   * @param problemCount how many were found in all
   */
  public WebhookPayloadException(String subject, List<Problem> problems, int problemCount) {
    super(message(subject, problems, problemCount));
    this.problems = List.copyOf(problems);
    this.problemCount = problemCount;
  }

  /** The problems found, in the order of the body, at most {@link #MAX_PROBLEMS}. */
  public List<Problem> problems() {
    return problems;
  }

  /** How many problems were found, listed or not. */
  public int problemCount() {
    return problemCount;
  }

  private static String message(String subject, List<Problem> problems, int problemCount) {
    requireNonNull(subject, "subject is null");
    if (problems.isEmpty() || problems.size() > MAX_PROBLEMS || problemCount < problems.size()) {
      throw new IllegalArgumentException(
          "1 to %d problems listed of at least as many found, not %d of %d"
              .formatted(MAX_PROBLEMS, problems.size(), problemCount));
    }
    StringBuilder message = new StringBuilder(subject);
    if (problemCount == 1) {
      message.append(": ");
    } else {
      message.append(", ").append(problemCount).append(" problems: ");
    }
    for (int i = 0; i < problems.size(); i++) {
      message.append(i == 0 ? "" : "; ").append(problems.get(i).describe());
    }
    if (problemCount > problems.size()) {
      message.append("; and ").append(problemCount - problems.size()).append(" more");
    }
    return message.toString();
  }
}
