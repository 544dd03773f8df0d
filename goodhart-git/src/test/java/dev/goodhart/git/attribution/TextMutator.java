package dev.goodhart.git.attribution;

import java.util.List;
import java.util.Random;

/**
 * Damages a valid input the ways files get damaged and the ways that reach a parser's corners:
 * cuts, truncations, repeats, swapped lines, and tokens of the formats put where they do not
 * belong. The same random numbers give the same damage, so a failing case can be made again.
 */
final class TextMutator {
  private static final List<String> TOKENS =
      List.of(
          "\"",
          "\\",
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          "-",
          " ",
          "  ",
          "   ",
          "\t",
          "\n",
          "\r\n",
          "\r",
          "---",
          "0",
          "-1",
          "1-",
          "5-3",
          "1,,2",
          "99999999999",
          "2147483648",
          "1e999",
          "1.5",
          "null",
          "true",
          "\"x\"",
          "{}",
          "[]",
          "s_",
          "::t_",
          "h_",
          "abcdef0",
          "\u0000",
          "\uFEFF",
          "\uD83E\uDD16",
          "\uD800",
          "é",
          "{\"a\":",
          "[[[[[[[[",
          "\"\\u12\"",
          "\"tool\":7",
          "\"type\":\"robot\"",
          "\"start_line\":0",
          "# ",
          "Co-authored-by: ",
          "\"quoted path");

  private TextMutator() {}

  /** The input with one to four pieces of damage. */
  static String mutate(String input, Random random) {
    StringBuilder text = new StringBuilder(input);
    int mutations = 1 + random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
      switch (random.nextInt(7)) {
        case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(10)));
        case 1, 2 -> text.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
        case 3 -> text.setLength(at);
        case 4 -> {
          int end = Math.min(text.length(), at + 1 + random.nextInt(40));
          text.insert(end, text.substring(at, end));
        }
        case 5 -> swapLines(text, random);
        default -> {
          if (at < text.length()) {
            text.setCharAt(at, (char) (' ' + random.nextInt(95)));
          }
        }
      }
    }
    return text.toString();
  }

  private static void swapLines(StringBuilder text, Random random) {
    String[] lines = text.toString().split("\n", -1);
    if (lines.length < 2) {
      return;
    }
    int a = random.nextInt(lines.length);
    int b = random.nextInt(lines.length);
    String line = lines[a];
    lines[a] = lines[b];
    lines[b] = line;
    text.setLength(0);
    text.append(String.join("\n", lines));
  }
}
