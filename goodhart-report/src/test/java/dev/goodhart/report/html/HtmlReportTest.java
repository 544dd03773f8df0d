package dev.goodhart.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlReportTest {
  private static final String DATA_OPEN = "<script type=\"application/json\" id=\"goodhart-data\">";
  private static final Pattern SCRIPT_ELEMENT =
      Pattern.compile("<script\\b[^>]*>.*?</script>", Pattern.DOTALL);

  @Test
  void textThatWouldEndTheDataElementStaysInside() throws IOException {
    String hostile = "</script><script>alert(1)</script><!--<script>";
    String page =
        write("{\"sessions\": [{\"branch\": \"" + hostile + "\"}], \"note\": \"a\\\\<b\"}");

    String data =
        page.substring(
            page.indexOf(DATA_OPEN) + DATA_OPEN.length(),
            page.indexOf("</script>", page.indexOf(DATA_OPEN)));
    assertFalse(data.contains("<"), data);
    assertEquals(hostile, stringField(data, "branch"));
    assertEquals("a\\<b", stringField(data, "note"));
    // The data, the charting library and the page's own script: nothing else closes a script.
    assertEquals(3, page.split("</script>", -1).length - 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "\"text\"", "{", "{} {}", "{\"a\": \"\\<\"}", "{\"a\": 1,}"})
  void refusesWhatIsNotOneJsonObject(String document) {
    GoodhartException error = assertThrows(GoodhartException.class, () -> write(document));
    assertEquals(ErrorCode.INTERNAL_ERROR, error.code());
    assertTrue(
        error.getMessage().startsWith("the report document cannot be embedded"),
        error.getMessage());
  }

  @Test
  void emptyDocumentMakesAPageThatNeedsNothingElse() throws IOException {
    String page = write(SampleReport.EMPTY);

    assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
    for (String id :
        new String[] {
          "chart-spend", "chart-yield", "chart-survival", "chart-efficiency", "chart-waste"
        }) {
      assertTrue(page.contains("id=\"" + id + "\""), id);
    }
    assertTrue(page.contains("Licensed to the Apache Software Foundation"), "ECharts is inlined");
    assertTrue(page.contains("document.body.dataset.chartsReady"), "the page's script is inlined");
    // Outside the inlined scripts, no element may point anywhere but into the page itself.
    String markup = SCRIPT_ELEMENT.matcher(page).replaceAll("");
    Matcher reference = Pattern.compile("\\b(src|href)\\s*=\\s*\"([^\"]*)\"").matcher(markup);
    while (reference.find()) {
      assertTrue(reference.group(2).startsWith("data:"), "external reference " + reference.group());
    }
    assertFalse(markup.contains("@@"), "a template slot was left unfilled");
  }

  private static String write(String document) throws IOException {
    StringWriter out = new StringWriter();
    HtmlReport.write(document, out);
    return out.toString();
  }

  /** The first string value of the named field anywhere in the document. */
  private static String stringField(String json, String field) throws IOException {
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME && parser.currentName().equals(field)) {
          parser.nextToken();
          return parser.getText();
        }
      }
    }
    throw new AssertionError("no field '" + field + "' in " + json);
  }
}
