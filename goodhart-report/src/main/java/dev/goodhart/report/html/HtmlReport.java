package dev.goodhart.report.html;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the report document as one HTML file that needs nothing else at view time: the document
 * itself, the charting library and the page's own script and style are all inlined, so the file can
 * be mailed, archived or opened on a machine without network.
 */
public final class HtmlReport {
  private static final String RESOURCES = "dev/goodhart/report/html/";
  private static final Pattern SLOT = Pattern.compile("@@([a-z]+)@@");

  private HtmlReport() {}

  /**
   * @param reportJson the document {@code goodhart report --json} prints
   * @throws dev.goodhart.model.GoodhartException if the document is not a JSON object or the
   *     charting library is missing from the classpath
   */
  public static void write(String reportJson, Writer out) throws IOException {
    requireNonNull(reportJson, "reportJson is null");
    requireNonNull(out, "out is null");
    Map<String, String> slots =
        Map.of(
            "style", InlineText.style(ClasspathText.require(RESOURCES + "report.css")),
            "data", EmbeddedJson.scriptSafe(reportJson),
            "echarts", InlineText.script(EchartsLibrary.minifiedScript()),
            "script", InlineText.script(ClasspathText.require(RESOURCES + "report.js")));
    String page = ClasspathText.require(RESOURCES + "report.html");
    // Only the template is scanned for slots; the inlined texts are copied as they are.
    Matcher slot = SLOT.matcher(page);
    int copied = 0;
    while (slot.find()) {
      out.write(page, copied, slot.start() - copied);
      out.write(requireNonNull(slots.get(slot.group(1)), () -> "no text for " + slot.group()));
      copied = slot.end();
    }
    out.write(page, copied, page.length() - copied);
    out.flush();
  }
}
