package dev.goodhart.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scope's report as the server keeps it between writes: the bytes of its document and of each
 * slice the read API serves, not the document's tree. A tree of one scope's report at 10M events
 * took 25 MB of the server's 256 MiB heap, eight times its text, and a dashboard keeps several
 * scopes.
 */
final class ReportDocument {
  private static final ObjectMapper JSON = GoodhartServer.JSON;

  private final byte[] whole;
  private final Map<String, byte[]> slices;

  private ReportDocument(byte[] whole, Map<String, byte[]> slices) {
    this.whole = whole;
    this.slices = slices;
  }

  /** The document and its slices by field: each answer's bytes, written once. */
  static ReportDocument of(JsonNode document, Collection<String> fields) {
    try {
      Map<String, byte[]> slices = new LinkedHashMap<>();
      for (String field : fields) {
        slices.put(field, JSON.writeValueAsBytes(slice(document, field)));
      }
      return new ReportDocument(JSON.writeValueAsBytes(document), slices);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report document is written as JSON", e);
    }
  }

  /** The whole document. */
  byte[] whole() {
    return whole;
  }

  /** The answer for one field: the scope, whether it is suppressed, and the field. */
  byte[] slice(String field) {
    byte[] slice = slices.get(field);
    if (slice == null) {
      throw new IllegalArgumentException("no slice " + field + " was kept");
    }
    return slice;
  }

  private static JsonNode slice(JsonNode report, String field) {
    ObjectNode answer = JSON.createObjectNode();
    answer.set("scope", report.get("scope"));
    if (report.path("suppressed").asBoolean(false)) {
      answer.put("suppressed", true);
      answer.set("reason", report.get("reason"));
      answer.putArray(field);
      return answer;
    }
    answer.put("suppressed", false);
    answer.set(field, report.get(field));
    return answer;
  }
}
