package dev.goodhart.ingest.fuzz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Where the values of named fields sit in a JSON text, found by scanning rather than parsing: the
 * text may already be damaged by an earlier mutation, and a scan still finds the fields that
 * survived.
 */
final class JsonSpans {
  private JsonSpans() {}

  /**
   * One {@code "field": value} pair.
   *
   * @param keyStart the key's opening quote
   * @param valueStart the value's first character
   * @param valueEnd just after the value's last character
   */
  record Span(String field, int keyStart, int valueStart, int valueEnd) {}

  /**
   * A random {@code "field": value} pair of one of {@code fields}, or null when none is left whole.
   * Only the chosen pair's value is scanned to its end: a record of 10,000 nested copies of a key
   * would make scanning every pair quadratic.
   */
  static @Nullable Span pick(String text, Collection<String> fields, Random random) {
    List<Span> keys = new ArrayList<>(); // value ends not known yet
    for (String field : fields) {
      String key = "\"" + field + "\"";
      for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
        int colon = skipWhitespace(text, at + key.length());
        // Without a colon the name appeared as a value, not as a key.
        if (colon < text.length() && text.charAt(colon) == ':') {
          keys.add(new Span(field, at, skipWhitespace(text, colon + 1), -1));
        }
      }
    }
    for (int attempt = 0; attempt < 8 && !keys.isEmpty(); attempt++) {
      Span key = keys.get(random.nextInt(keys.size()));
      int end = valueEnd(text, key.valueStart());
      if (end > key.valueStart()) {
        return new Span(key.field(), key.keyStart(), key.valueStart(), end);
      }
    }
    return null;
  }

  /**
   * Just after the JSON value starting at {@code start}, or -1 when it does not end in the text.
   */
  static int valueEnd(String text, int start) {
    if (start >= text.length()) {
      return -1;
    }
    char first = text.charAt(start);
    if (first == '"') {
      return stringEnd(text, start);
    }
    if (first == '{' || first == '[') {
      int depth = 0;
      for (int i = start; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '"') {
          i = stringEnd(text, i) - 1;
          if (i < 0) {
            return -1;
          }
        } else if (c == '{' || c == '[') {
          depth++;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          return i + 1;
        }
      }
      return -1;
    }
    int i = start;
    while (i < text.length() && ",}] \t\r\n".indexOf(text.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  private static int stringEnd(String text, int quote) {
    for (int i = quote + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  private static int skipWhitespace(String text, int from) {
    int i = from;
    while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }
}
