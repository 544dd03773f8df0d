package dev.goodhart.git.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trailer block of a commit message, found the way {@code git interpret-trailers --parse} and
 * {@code %(trailers)} find it (git's {@code trailer.c}, without configured keys).
 *
 * <p>The block is the message's last paragraph, never its first (the title). It counts when every
 * line in it is a trailer, or when one line has a prefix git itself writes ({@code Signed-off-by:
 * }, {@code (cherry picked from commit }) and at least a quarter of its lines are trailers. A
 * trailer is a token of letters, digits and hyphens, optional blanks, a colon and the value; a line
 * that begins with a blank continues the trailer above it. Lines beginning with {@code #} are
 * comments, skipped as git skips them.
 */
public final class Trailers {
  /** Git's token rule: no blank inside the key, blanks allowed before the colon. */
  static final Pattern TRAILER_LINE = Pattern.compile("([A-Za-z0-9-]+)[ \\t]*:[ \\t]*(.*)");

  private static final List<String> GIT_WRITTEN_PREFIXES =
      List.of("Signed-off-by: ", "(cherry picked from commit ");

  private Trailers() {}

  /** The trailers of a message's trailer block, in order; empty when it has none. */
  public static List<Trailer> parse(String message) {
    return block(lines(message)).trailers();
  }

  /**
   * Where the trailer block is, in 0-based line indexes, and what it holds.
   *
   * @param start the block's first line; {@code lines.size()} when there is no block
   */
  record Block(int start, int end, List<Trailer> trailers) {
    Block {
      trailers = List.copyOf(trailers);
    }

    boolean contains(int lineIndex) {
      return lineIndex >= start && lineIndex < end;
    }
  }

  /**
   * The message's lines, without the carriage returns of CRLF line ends; a final newline does not
   * make an empty last line.
   */
  static List<String> lines(String message) {
    List<String> lines = new ArrayList<>();
    for (String line : message.split("\n", -1)) {
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    if (!lines.isEmpty() && lines.getLast().isEmpty()) {
      lines.removeLast();
    }
    return lines;
  }

  static Block block(List<String> lines) {
    int end = lines.size();
    while (end > 0 && (isBlank(lines.get(end - 1)) || isComment(lines.get(end - 1)))) {
      end--;
    }
    int start = end;
    while (start > 0 && !isBlank(lines.get(start - 1))) {
      start--;
    }
    int titleEnd = 0;
    while (titleEnd < lines.size() && !isBlank(lines.get(titleEnd))) {
      titleEnd++;
    }
    if (start < titleEnd || start == end || !isTrailerBlock(lines.subList(start, end))) {
      return new Block(lines.size(), lines.size(), List.of());
    }
    return new Block(start, end, trailers(lines, start, end));
  }

  private static boolean isTrailerBlock(List<String> paragraph) {
    int trailerLines = 0;
    int otherLines = 0;
    boolean gitWritten = false;
    boolean afterTrailer = false;
    for (String line : paragraph) {
      if (isComment(line)) {
        // Git skips comment lines, but continuation lines below one are not trailers.
        afterTrailer = false;
      } else if (GIT_WRITTEN_PREFIXES.stream().anyMatch(line::startsWith)) {
        gitWritten = true;
        trailerLines++;
        afterTrailer = true;
      } else if (isContinuation(line)) {
        if (!afterTrailer) {
          otherLines++;
        }
      } else if (TRAILER_LINE.matcher(line).matches()) {
        trailerLines++;
        afterTrailer = true;
      } else {
        otherLines++;
        afterTrailer = false;
      }
    }
    return (trailerLines > 0 && otherLines == 0) || (gitWritten && trailerLines * 3 >= otherLines);
  }

  private static List<Trailer> trailers(List<String> lines, int start, int end) {
    List<Trailer> trailers = new ArrayList<>();
    int index = start;
    while (index < end) {
      Matcher matcher = TRAILER_LINE.matcher(lines.get(index));
      if (isContinuation(lines.get(index)) || isComment(lines.get(index)) || !matcher.matches()) {
        index++;
        continue;
      }
      StringBuilder value = new StringBuilder(matcher.group(2).strip());
      StringBuilder text = new StringBuilder(lines.get(index).stripTrailing());
      int first = index++;
      while (index < end && (isContinuation(lines.get(index)) || isComment(lines.get(index)))) {
        if (isComment(lines.get(index))) {
          index++;
          continue;
        }
        String continued = lines.get(index++).strip();
        value.append(value.isEmpty() ? "" : " ").append(continued);
        text.append(' ').append(continued);
      }
      trailers.add(
          new Trailer(matcher.group(1), value.toString(), text.toString().strip(), first + 1));
    }
    return trailers;
  }

  static boolean isBlank(String line) {
    return line.isBlank();
  }

  /**
   * Git's comment lines, which {@code git commit} strips but {@code --cleanup=verbatim} and forges
   * keep; git's trailer parser skips them wherever they are.
   */
  private static boolean isComment(String line) {
    return line.startsWith("#");
  }

  private static boolean isContinuation(String line) {
    return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
  }
}
