package dev.goodhart.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * The report document as the text of a {@code <script type="application/json">} element. Such an
 * element ends at the first {@code </script}, and {@code <!--} changes how the parser looks for it,
 * so every {@code <} is written as a JSON unicode escape. That rewrite is exact only for valid
 * JSON, where {@code <} can appear inside strings alone, so the document is checked first.
 */
final class EmbeddedJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private EmbeddedJson() {}

  static String scriptSafe(String json) {
    requireOneObject(json);
    return json.replace("<", "\\u003c");
  }

  private static void requireOneObject(String json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw invalid("it is not a JSON object", parser.currentTokenLocation(), null);
      }
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
          parser.getText(); // decodes the escapes, so a bad one fails here rather than in the page
        } else if (parser.currentToken() == JsonToken.END_OBJECT
            && parser.getParsingContext().inRoot()
            && parser.nextToken() != null) {
          throw invalid("text follows the object", parser.currentTokenLocation(), null);
        }
      }
    } catch (JsonProcessingException e) {
      throw invalid(e.getOriginalMessage(), e.getLocation(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static GoodhartException invalid(
      String reason, @Nullable JsonLocation where, @Nullable JsonProcessingException cause) {
    String at =
        where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    return new GoodhartException(
        ErrorCode.INTERNAL_ERROR,
        "the report document cannot be embedded in the HTML page: " + reason + at,
        cause);
  }
}
