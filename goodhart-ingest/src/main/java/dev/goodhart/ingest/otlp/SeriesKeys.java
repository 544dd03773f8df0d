package dev.goodhart.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.goodhart.model.Hashes;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A metric point's series: a hash of its resource's attributes, its scope's name, the metric's name
 * and its own attributes, each set sorted by key so that the order an exporter lists them in does
 * not matter. Two points of one series share it; any attribute that differs gives another. The
 * store differences cumulative points per series, so the key has to be exactly that.
 */
final class SeriesKeys {
  private static final JsonFactory JSON = new JsonFactory();

  private SeriesKeys() {}

  /** The resource's part of the keys of all its points, encoded once. */
  record Resource(byte[] encoded) {}

  static Resource resource(List<KeyValue> attributes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pairs(attributes, out);
    return new Resource(out.toByteArray());
  }

  static String of(Resource resource, String scope, String metric, List<KeyValue> attributes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    field(resource.encoded(), out);
    field(scope.getBytes(StandardCharsets.UTF_8), out);
    field(metric.getBytes(StandardCharsets.UTF_8), out);
    pairs(attributes, out);
    byte[] bytes = out.toByteArray();
    Hashes.Hash128 hash = Hashes.murmur3(bytes, 0, bytes.length, 0);
    return "%016x%016x".formatted(hash.high(), hash.low());
  }

  /** Each pair length-prefixed, so that no two different sets of pairs encode alike. */
  private static void pairs(List<KeyValue> attributes, ByteArrayOutputStream out) {
    List<KeyValue> sorted = OtlpValues.sorted(attributes);
    field(Integer.toString(sorted.size()).getBytes(StandardCharsets.UTF_8), out);
    for (KeyValue pair : sorted) {
      field(pair.getKey().getBytes(StandardCharsets.UTF_8), out);
      field(pair.getValue().toByteArray(), out);
    }
  }

  private static void field(byte[] bytes, ByteArrayOutputStream out) {
    int length = bytes.length;
    out.write(length >>> 24);
    out.write(length >>> 16);
    out.write(length >>> 8);
    out.write(length);
    out.write(bytes, 0, length);
  }

  /**
   * A point's attributes as a JSON object with sorted keys, less those that identify a person or an
   * account: the point keeps a person only as a pseudonym.
   */
  static String contentFreeJson(List<KeyValue> attributes) {
    List<KeyValue> kept = new ArrayList<>(attributes.size());
    for (KeyValue pair : attributes) {
      if (!OtlpIdentity.IDENTITY_KEYS.contains(pair.getKey())) {
        kept.add(pair);
      }
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JSON.createGenerator(text)) {
      OtlpValues.writeJson(kept, out);
    } catch (IOException e) {
      throw new UncheckedIOException("a string writer does not fail", e);
    }
    return text.toString();
  }
}
