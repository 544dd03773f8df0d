package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The one exception the git-ai note and Agent Trace parsers throw: the text does not follow its
 * format. Nothing else escapes them, whatever the input; callers count the note or line, report it
 * with its commit or file, and go on without it.
 *
 * <p>The message has the house shape: the rule that was broken, the offending text in quotes
 * (shortened to 80 characters), and the 1-based line of the input when the parser knows it.
 */
public final class MalformedAttributionDataException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int MAX_QUOTED = 80;

  private final String problem;
  private final String offendingText;
  private final int line;

  /**
   * @param problem what is wrong, e.g. {@code "a range must be N or A-B with 1 <= A <= B"}
   * @param offendingText the text that breaks the rule
   * @param line the 1-based line of the input, or 0 when the problem is not on one line
   */
  public MalformedAttributionDataException(String problem, String offendingText, int line) {
    this(problem, offendingText, line, null);
  }

  public MalformedAttributionDataException(
      String problem, String offendingText, int line, @Nullable Throwable cause) {
    super(message(problem, offendingText, line), cause);
    this.problem = problem;
    this.offendingText = offendingText;
    this.line = line;
  }

  /** The rule that was broken, without the quoted text or the line. */
  public String problem() {
    return problem;
  }

  /** The text that broke it, in full. */
  public String offendingText() {
    return offendingText;
  }

  /** The 1-based line of the input, or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }

  private static String message(String problem, String offendingText, int line) {
    requireNonNull(problem, "problem is null");
    requireNonNull(offendingText, "offendingText is null");
    String quoted =
        offendingText.length() <= MAX_QUOTED
            ? offendingText
            : offendingText.substring(0, MAX_QUOTED - 3) + "...";
    return problem + ": '" + quoted + "'" + (line > 0 ? " at line " + line : "");
  }
}
