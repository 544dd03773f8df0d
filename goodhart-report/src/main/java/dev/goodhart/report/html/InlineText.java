package dev.goodhart.report.html;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.util.Locale;

/**
 * Guards for text pasted between {@code <script>} or {@code <style>} tags: the HTML parser ends
 * such an element at the first closing tag, whatever the JavaScript or CSS around it means.
 */
final class InlineText {
  private InlineText() {}

  static String script(String text) {
    return requireNo(text, "</script");
  }

  static String style(String text) {
    return requireNo(text, "</style");
  }

  private static String requireNo(String text, String closingTag) {
    int at = text.toLowerCase(Locale.ROOT).indexOf(closingTag);
    if (at >= 0) {
      throw new GoodhartException(
          ErrorCode.INTERNAL_ERROR,
          "inlined text contains '"
              + closingTag
              + "' at offset "
              + at
              + ", which would end it early");
    }
    return text;
  }
}
