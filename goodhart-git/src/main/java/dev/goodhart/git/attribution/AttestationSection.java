package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The attestation section of a git-ai note: file paths at column 0 (quoted when they hold white
 * space), each followed by entries indented exactly two spaces, {@code <key> <ranges>}, the ranges
 * a comma list of {@code N} and {@code A-B}.
 */
final class AttestationSection {
  /** Who a key credits. */
  enum Credit {
    /** {@code s_<hex>::t_<hex>}: an AI session's checkpoint. */
    SESSION,
    /** Bare hex, from notes older than git-ai 1.4 (7 digits before 1.0): an AI prompt. */
    PROMPT,
    /** {@code h_<hex>}: a known person. */
    HUMAN
  }

  /**
   * One entry.
   *
   * @param creditedKey the metadata key: the session ({@code s_…}) without its checkpoint, the
   *     prompt hash, or the human's {@code h_…}
   */
  record Entry(String path, Credit credit, String creditedKey, List<LineRange> ranges) {
    Entry {
      requireNonNull(path, "path is null");
      requireNonNull(credit, "credit is null");
      requireNonNull(creditedKey, "creditedKey is null");
      ranges = List.copyOf(ranges);
    }
  }

  // The spec gives 14 hex digits for session, checkpoint and human hashes and 16 (once 7) for
  // prompts; any length from 7 up is accepted so that a longer hash in a later version still reads.
  private static final Pattern SESSION_KEY =
      Pattern.compile("(s_[0-9a-fA-F]{7,64})::t_[0-9a-fA-F]{7,64}");
  private static final Pattern HUMAN_KEY = Pattern.compile("h_[0-9a-fA-F]{7,64}");
  private static final Pattern PROMPT_KEY = Pattern.compile("[0-9a-fA-F]{7,64}");
  private static final Pattern RANGE = Pattern.compile("(\\d{1,10})(?:-(\\d{1,10}))?");

  private AttestationSection() {}

  /** The entries of the section's lines, in order. */
  static List<Entry> parse(List<String> lines) throws MalformedAttributionDataException {
    List<Entry> entries = new ArrayList<>();
    String path = null;
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index).stripTrailing();
      int lineNumber = index + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        path = path(line, lineNumber);
      } else if (!line.startsWith("  ") || Character.isWhitespace(line.charAt(2))) {
        throw new MalformedAttributionDataException(
            "an attestation entry must be indented by exactly two spaces", line, lineNumber);
      } else if (path == null) {
        throw new MalformedAttributionDataException(
            "an attestation entry must follow a file path", line, lineNumber);
      } else {
        entries.add(entry(path, line.substring(2), lineNumber));
      }
    }
    return List.copyOf(entries);
  }

  private static Entry entry(String path, String entry, int lineNumber)
      throws MalformedAttributionDataException {
    String[] parts = entry.split(" ", -1);
    if (parts.length != 2 || parts[1].isEmpty()) {
      throw new MalformedAttributionDataException(
          "an attestation entry must be '<key> <ranges>'", entry, lineNumber);
    }
    List<LineRange> ranges = ranges(parts[1], lineNumber);
    Matcher session = SESSION_KEY.matcher(parts[0]);
    if (session.matches()) {
      return new Entry(path, Credit.SESSION, session.group(1), ranges);
    }
    if (HUMAN_KEY.matcher(parts[0]).matches()) {
      return new Entry(path, Credit.HUMAN, parts[0], ranges);
    }
    if (PROMPT_KEY.matcher(parts[0]).matches()) {
      return new Entry(path, Credit.PROMPT, parts[0], ranges);
    }
    throw new MalformedAttributionDataException(
        "an attestation key must be s_<hex>::t_<hex>, h_<hex> or a prompt's hex hash",
        parts[0],
        lineNumber);
  }

  private static List<LineRange> ranges(String text, int lineNumber)
      throws MalformedAttributionDataException {
    List<LineRange> ranges = new ArrayList<>();
    for (String range : text.split(",", -1)) {
      Matcher matcher = RANGE.matcher(range);
      long start = matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
      long end =
          matcher.matches() && matcher.group(2) != null ? Long.parseLong(matcher.group(2)) : start;
      if (start < 1 || end < start || end > Integer.MAX_VALUE) {
        throw new MalformedAttributionDataException(
            "a line range must be N or A-B with 1 <= A <= B", range, lineNumber);
      }
      ranges.add(new LineRange((int) start, (int) end));
    }
    return ranges;
  }

  /** A path line: as written, or unquoted when it starts with a double quote. */
  private static String path(String line, int lineNumber) throws MalformedAttributionDataException {
    if (!line.startsWith("\"")) {
      return line;
    }
    StringBuilder path = new StringBuilder();
    for (int index = 1; index < line.length(); index++) {
      char c = line.charAt(index);
      if (c == '"') {
        if (index != line.length() - 1 || path.isEmpty()) {
          throw new MalformedAttributionDataException(
              "a quoted path must be a non-empty quoted string alone on its line",
              line,
              lineNumber);
        }
        return path.toString();
      }
      if (c == '\\') {
        Character escaped = index + 1 < line.length() ? unescape(line.charAt(++index)) : null;
        if (escaped == null) {
          throw new MalformedAttributionDataException(
              "a quoted path may only escape \\\", \\\\, \\t, \\n and \\r", line, lineNumber);
        }
        path.append(escaped.charValue());
      } else {
        path.append(c);
      }
    }
    throw new MalformedAttributionDataException(
        "a quoted path must end with a double quote", line, lineNumber);
  }

  private static @Nullable Character unescape(char escaped) {
    return switch (escaped) {
      case '"' -> '"';
      case '\\' -> '\\';
      case 't' -> '\t';
      case 'n' -> '\n';
      case 'r' -> '\r';
      default -> null;
    };
  }
}
