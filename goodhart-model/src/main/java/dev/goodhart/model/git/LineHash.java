package dev.goodhart.model.git;

import dev.goodhart.model.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * A line of code as line provenance knows it: a 64-bit hash of its UTF-8 bytes without trailing
 * white space (so CRLF and LF files, and an editor that trims spaces, give the same line). The
 * lowest bit says whether the line is <em>trivial</em>: it carries no information of its own
 * (blank, only brackets and punctuation, or one lone keyword such as {@code else}, {@code end} or
 * {@code pass}). Trivial lines are never matched on their own; they follow their neighbours.
 *
 * <p>Both sides compute it the same way: an agent's edit from the decoded text of its log, a commit
 * from the bytes of git's patch. No text is ever kept, only these hashes.
 */
public final class LineHash {
  /** The hash of a line whose content is not known (a file that turned from binary to text). */
  public static final long UNKNOWN = 0;

  private static final long TRIVIAL = 1;

  /**
   * Words that say nothing on their own line: block ends, branches without a condition, empty
   * statements. A line holding one of them and punctuation only ({@code } else {}, {@code end;},
   * {@code pass}) is trivial.
   */
  private static final Set<String> LONE_KEYWORDS =
      Set.of(
          "else",
          "end",
          "pass",
          "fi",
          "done",
          "esac",
          "then",
          "do",
          "try",
          "finally",
          "begin",
          "return",
          "break",
          "continue",
          "default",
          "endif",
          "endfor",
          "endwhile",
          "endfunction",
          "endmodule",
          "endcase",
          "loop",
          "except",
          "catch",
          "otherwise",
          "elif",
          "next",
          "redo",
          "retry",
          "raise",
          "nil",
          "null",
          "none",
          "true",
          "false",
          "self",
          "this",
          "super",
          "public",
          "private",
          "protected",
          "static",
          "async",
          "await",
          "yield",
          "var",
          "let",
          "const",
          "import",
          "export",
          "from",
          "package",
          "in",
          "of",
          "is",
          "not",
          "and",
          "or",
          "new",
          "delete",
          "void",
          "unsafe",
          "impl",
          "fn",
          "func",
          "def",
          "class",
          "struct",
          "enum",
          "interface",
          "type",
          "module",
          "namespace",
          "use",
          "with",
          "as");

  private LineHash() {}

  /** The hash of a line given as text (without its line end). */
  public static long of(CharSequence line) {
    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
    return of(bytes, 0, bytes.length);
  }

  /** The hash of a line given as UTF-8 bytes {@code [from, to)} (without its line end). */
  public static long of(byte[] bytes, int from, int to) {
    int end = to;
    while (end > from && isTrailingSpace(bytes[end - 1])) {
      end--;
    }
    long hash = Hashes.murmur3(bytes, from, end - from, 0).high() & ~TRIVIAL;
    if (hash == UNKNOWN) {
      hash = 2; // never the unknown line's hash
    }
    return isTrivial(bytes, from, end) ? hash | TRIVIAL : hash;
  }

  /** Whether the line a hash was made of carries no information of its own. */
  public static boolean isTrivial(long hash) {
    return (hash & TRIVIAL) != 0;
  }

  /** The hashes of every line of a text, in order (a final line end adds no empty line). */
  public static long[] ofText(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int count = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        count++;
      }
    }
    boolean openLast = bytes.length > 0 && bytes[bytes.length - 1] != '\n';
    long[] hashes = new long[count + (openLast ? 1 : 0)];
    int start = 0;
    int line = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        hashes[line++] = of(bytes, start, i);
        start = i + 1;
      }
    }
    if (openLast) {
      hashes[line] = of(bytes, start, bytes.length);
    }
    return hashes;
  }

  private static boolean isTrailingSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0b;
  }

  /**
   * No word at all, or one word that is a lone keyword. A word is a run of letters, digits and
   * underscores; any byte of a multi-byte UTF-8 character counts as a letter. Every added line of a
   * history passes here, so the word becomes a string only when it is the line's only one and short
   * enough to be a keyword.
   */
  private static boolean isTrivial(byte[] bytes, int from, int to) {
    int wordStart = -1;
    int wordEnd = to;
    boolean inWord = false;
    for (int i = from; i < to; i++) {
      boolean letter = isWordByte(bytes[i]);
      if (letter && !inWord) {
        if (wordStart >= 0) {
          return false; // a second word
        }
        wordStart = i;
        inWord = true;
      } else if (!letter && inWord) {
        wordEnd = i;
        inWord = false;
      }
    }
    if (wordStart < 0) {
      return true;
    }
    int length = wordEnd - wordStart;
    return length <= LONGEST_KEYWORD
        && LONE_KEYWORDS.contains(
            new String(bytes, wordStart, length, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
  }

  private static final int LONGEST_KEYWORD =
      LONE_KEYWORDS.stream().mapToInt(String::length).max().orElse(0);

  private static boolean isWordByte(byte b) {
    return (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || (b >= '0' && b <= '9')
        || b == '_'
        || b < 0;
  }
}
