package dev.goodhart.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * A JSON sample edited for one test case: {@code SampleJson.of("github/push.json").set("forced",
 * true).remove("head_commit").bytes()}. Paths are dotted field names, with a number for an array
 * element ({@code deployments.0.sha}).
 */
public final class SampleJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonNode root;

  private SampleJson(JsonNode root) {
    this.root = root;
  }

  /** A sample from {@code src/test/resources/samples}. */
  public static SampleJson of(String sample) {
    return parse(ParserHarness.sample(sample));
  }

  public static SampleJson parse(String json) {
    try {
      return new SampleJson(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the value at the path (a string, number, boolean, null, or JSON given as {@link Raw}). */
  public SampleJson set(String path, @Nullable Object value) {
    JsonNode node = value instanceof Raw raw ? parse(raw.json()).root : MAPPER.valueToTree(value);
    JsonNode parent = parent(path);
    String last = last(path);
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), node);
    } else {
      ((ObjectNode) parent).set(last, node);
    }
    return this;
  }

  /** Removes the field at the path. */
  public SampleJson remove(String path) {
    JsonNode parent = parent(path);
    if (parent instanceof ArrayNode array) {
      array.remove(Integer.parseInt(last(path)));
    } else {
      ((ObjectNode) parent).remove(last(path));
    }
    return this;
  }

  public byte[] bytes() {
    return root.toString().getBytes(UTF_8);
  }

  @Override
  public String toString() {
    return root.toString();
  }

  private JsonNode parent(String path) {
    JsonNode node = root;
    String[] steps = path.split("\\.");
    for (int i = 0; i < steps.length - 1; i++) {
      node = node.isArray() ? node.get(Integer.parseInt(steps[i])) : node.get(steps[i]);
      if (node == null) {
        throw new IllegalArgumentException("no " + steps[i] + " in " + path);
      }
    }
    return node;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** JSON text to set as it is, such as an object or an array. */
  public record Raw(String json) {}
}
