package dev.goodhart.ingest.otlp;

import dev.goodhart.ingest.BadRecordException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of a log record or a data point, falling back to those of its resource: agents put
 * identity and session on either, depending on the agent and on how the organisation injects them
 * ({@code OTEL_RESOURCE_ATTRIBUTES}).
 */
final class OtlpAttributes {
  private final Map<String, AnyValue> own;
  private final Map<String, AnyValue> resource;

  private OtlpAttributes(Map<String, AnyValue> own, Map<String, AnyValue> resource) {
    this.own = own;
    this.resource = resource;
  }

  static OtlpAttributes of(List<KeyValue> own, Map<String, AnyValue> resource) {
    return new OtlpAttributes(index(own), resource);
  }

  /** Attributes by key; of a key sent twice (which OTLP forbids), the first. */
  static Map<String, AnyValue> index(List<KeyValue> pairs) {
    Map<String, AnyValue> byKey = new HashMap<>(pairs.size() * 2);
    for (KeyValue pair : pairs) {
      byKey.putIfAbsent(pair.getKey(), pair.getValue());
    }
    return byKey;
  }

  /** The value of the first key present, on the record or point before the resource. */
  @Nullable AnyValue value(String key) {
    AnyValue value = own.get(key);
    return value != null ? value : resource.get(key);
  }

  /** The record's or point's own value, never the resource's. */
  @Nullable AnyValue ownValue(String key) {
    return own.get(key);
  }

  /** The text of the first of the keys that has some, each looked up on the record first. */
  @Nullable String text(String... keys) {
    for (String key : keys) {
      String text = OtlpValues.text(value(key));
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  @Nullable String ownText(String key) {
    return OtlpValues.text(own.get(key));
  }

  /** A count; null when absent. */
  @Nullable Long count(String key) throws BadRecordException {
    return OtlpValues.count(value(key), key);
  }

  /** A count; 0 when absent. */
  long countOrZero(String key) throws BadRecordException {
    Long count = count(key);
    return count == null ? 0 : count;
  }

  @Nullable BigDecimal decimal(String key) throws BadRecordException {
    return OtlpValues.decimal(value(key), key);
  }
}
