package dev.goodhart.ingest.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.WebhookPayloadException.Problem;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A request body read as a JSON tree, and the problems found in it. Reads never throw: a field that
 * is absent, of the wrong type or out of range is recorded as a problem with its path and value,
 * and the read returns null (or the default); {@link #check()} then throws them all at once. A
 * field below one already reported is not reported again, so one missing object makes one problem,
 * not one per field read from it.
 */
public final class JsonPayload {
  /** GitHub caps a delivery at 25 MB; nothing goodhart accepts is larger. */
  public static final int MAX_BODY_BYTES = 32 << 20;

  /** The longest identifier, name or ref kept. */
  public static final int MAX_TEXT_LENGTH = 512;

  private static final int SHOWN_CHARACTERS = 60;
  private static final int MAX_COMPLAINT = 120;
  private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxDocumentLength(MAX_BODY_BYTES)
                          .maxNestingDepth(200)
                          .maxNumberLength(100)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .build();

  private final String subject;
  private final List<Problem> problems = new ArrayList<>();
  private int problemCount;

  /**
   * @param subject what the body is, for the exception's message: {@code GitHub 'push' event}
   */
  public JsonPayload(String subject) {
    this.subject = requireNonNull(subject, "subject is null");
  }

  /** The body's top-level object; a body that is not one JSON object throws at once. */
  public JsonField read(byte[] body) throws WebhookPayloadException {
    requireNonNull(body, "body is null");
    JsonNode root;
    try (JsonParser parser = MAPPER.createParser(body)) {
      root = MAPPER.readTree(parser);
      if (root != null && parser.nextToken() != null) {
        report(
            "",
            "not JSON (more after the %s, at line %d, column %d)"
                .formatted(
                    root.isObject() ? "object" : "value",
                    parser.currentTokenLocation().getLineNr(),
                    parser.currentTokenLocation().getColumnNr()),
            "a JSON object");
        throw failure();
      }
    } catch (JsonProcessingException e) {
      report(
          breakPath(e),
          "not JSON (%s at line %d, column %d)"
              .formatted(
                  complaint(e.getOriginalMessage()),
                  e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                  e.getLocation() == null ? 0 : e.getLocation().getColumnNr()),
          "a JSON object");
      throw failure();
    } catch (IOException e) {
      // Reading a byte array does no I/O; whatever this is, the body is what it fails on.
      report("", "unreadable (" + complaint(e.getMessage()) + ")", "a JSON object");
      throw failure();
    }
    if (root == null || root.isMissingNode()) {
      report("", "empty", "a JSON object");
      throw failure();
    }
    if (!root.isObject()) {
      report("", render(root), "a JSON object");
      throw failure();
    }
    return new JsonField(this, root, "", false);
  }

  /**
   * A value parsed elsewhere (one item of a longer document, such as a page of a forge's answer),
   * read as this payload's root: paths start from it.
   */
  public JsonField root(JsonNode value) {
    requireNonNull(value, "value is null");
    return new JsonField(this, value, "", false);
  }

  /**
   * A value parsed elsewhere, deep in a longer document, read with paths that start where it stands
   * in that document ({@code data[3].results[2]}): one payload per row keeps a bad row's problems
   * its own, with the whole path in their message.
   */
  public JsonField at(JsonNode value, String path) {
    requireNonNull(value, "value is null");
    requireNonNull(path, "path is null");
    return new JsonField(this, value, path, false);
  }

  /** Throws every problem recorded so far, if there is any. */
  public void check() throws WebhookPayloadException {
    if (problemCount > 0) {
      throw failure();
    }
  }

  /** Records a problem with a path built by the caller, such as the body as a whole. */
  public void report(String path, String value, String expected) {
    problemCount++;
    if (problems.size() < WebhookPayloadException.MAX_PROBLEMS) {
      problems.add(new Problem(path, value, expected));
    }
  }

  private WebhookPayloadException failure() {
    return new WebhookPayloadException(subject, problems, problemCount);
  }

  /** A value as a problem shows it: its JSON text, short. */
  static String render(JsonNode node) {
    if (node.isMissingNode()) {
      return "missing";
    }
    if (node.isTextual()) {
      return quote(node.textValue());
    }
    if (node.isObject()) {
      return node.isEmpty() ? "{}" : "{...}";
    }
    if (node.isArray()) {
      return node.isEmpty() ? "[]" : "[...]";
    }
    return cut(node.toString());
  }

  /**
   * A string as JSON spells it, cut short. Besides what JSON must escape, whatever could hide or
   * rearrange text in a log or a terminal is escaped too: DEL and the C1 controls, format
   * characters such as bidirectional overrides, line separators and lone surrogates.
   */
  public static String quote(String text) {
    return '"' + escape(cut(text), true) + '"';
  }

  private static String escape(String text, boolean inQuotes) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes && (c == '"' || c == '\\')) {
        out.append('\\').append(c);
      } else if (c == '\n' && inQuotes) {
        out.append("\\n");
      } else if (c == '\t' && inQuotes) {
        out.append("\\t");
      } else if (hidden(text, i)) {
        out.append("\\u%04x".formatted((int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean hidden(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static String cut(String text) {
    if (text.length() <= SHOWN_CHARACTERS) {
      return text;
    }
    int end = SHOWN_CHARACTERS - 3;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...";
  }

  static String child(String path, String name) {
    String step = SIMPLE_NAME.matcher(name).matches() ? name : "[" + quote(name) + "]";
    return path.isEmpty() || step.startsWith("[") ? path + step : path + "." + step;
  }

  static String element(String path, int index) {
    return path + "[" + index + "]";
  }

  /** Where the parser stood when the text broke, as a path: {@code pull_request.head}. */
  private static String breakPath(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return "";
    }
    Deque<JsonStreamContext> contexts = new ArrayDeque<>();
    for (JsonStreamContext context = parser.getParsingContext();
        context != null && !context.inRoot();
        context = context.getParent()) {
      contexts.push(context);
    }
    String path = "";
    for (JsonStreamContext context : contexts) {
      if (context.inArray()) {
        path = element(path, Math.max(0, context.getCurrentIndex()));
      } else if (context.getCurrentName() != null) {
        path = child(path, context.getCurrentName());
      }
    }
    return path;
  }

  /**
   * Jackson's complaint without what repeats the location or quotes the body at length: its first
   * line, up to where it starts pointing at the source.
   */
  private static String complaint(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "broken";
    }
    String complaint = message;
    for (String tail : List.of("\n", " (start marker at", " at [Source")) {
      int at = complaint.indexOf(tail);
      if (at > 0) {
        complaint = complaint.substring(0, at);
      }
    }
    if (complaint.length() > MAX_COMPLAINT) {
      complaint = complaint.substring(0, MAX_COMPLAINT - 3) + "...";
    }
    // Jackson quotes the bad token as it found it, control characters and all.
    return escape(complaint, false);
  }

  static JsonNode missing() {
    return MissingNode.getInstance();
  }
}
