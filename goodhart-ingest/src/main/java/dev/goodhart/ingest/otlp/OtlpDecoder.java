package dev.goodhart.ingest.otlp;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * OTLP/HTTP request bodies into OTLP's messages: {@code /v1/logs}, {@code /v1/metrics} and {@code
 * /v1/traces}, as protobuf or as OTLP/JSON. The body comes already decompressed. An empty body is
 * an empty request; anything else that is no request of the expected kind is an {@link
 * OtlpFormatException} whose message says what is wrong and where.
 */
public final class OtlpDecoder {
  private OtlpDecoder() {}

  public static ExportLogsServiceRequest decodeLogs(byte[] body, OtlpEncoding encoding)
      throws OtlpFormatException {
    check(body, encoding);
    if (encoding == OtlpEncoding.JSON) {
      ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
      OtlpJson.merge(body, request);
      return request.build();
    }
    try {
      return ExportLogsServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw damaged(body, ExportLogsServiceRequest.getDescriptor(), e);
    }
  }

  public static ExportMetricsServiceRequest decodeMetrics(byte[] body, OtlpEncoding encoding)
      throws OtlpFormatException {
    check(body, encoding);
    if (encoding == OtlpEncoding.JSON) {
      ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
      OtlpJson.merge(body, request);
      return request.build();
    }
    try {
      return ExportMetricsServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw damaged(body, ExportMetricsServiceRequest.getDescriptor(), e);
    }
  }

  public static ExportTraceServiceRequest decodeTraces(byte[] body, OtlpEncoding encoding)
      throws OtlpFormatException {
    check(body, encoding);
    if (encoding == OtlpEncoding.JSON) {
      ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
      OtlpJson.merge(body, request);
      return request.build();
    }
    try {
      return ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw damaged(body, ExportTraceServiceRequest.getDescriptor(), e);
    }
  }

  private static void check(byte[] body, OtlpEncoding encoding) {
    requireNonNull(body, "body is null");
    requireNonNull(encoding, "encoding is null");
  }

  private static OtlpFormatException damaged(
      byte[] body, Descriptor type, InvalidProtocolBufferException e) {
    ProtobufDamage.Damage damage = ProtobufDamage.find(body, type);
    String hint = hint(body, OtlpEncoding.PROTOBUF);
    if (damage == null) {
      return new OtlpFormatException(
          "the OTLP protobuf body is no valid %s: %s%s"
              .formatted(type.getName(), e.getMessage(), hint),
          null,
          e);
    }
    String in = damage.path().isEmpty() ? "" : ", in " + damage.path();
    return new OtlpFormatException(
        "the OTLP protobuf body is no valid %s at byte %d of %d%s: %s%s"
            .formatted(type.getName(), damage.offset(), body.length, in, damage.reason(), hint),
        (damage.path().isEmpty() ? "" : damage.path() + " ") + "(byte " + damage.offset() + ")",
        e);
  }

  /**
   * What the body looks like when it is not what its Content-Type says: the usual mistakes are JSON
   * sent as protobuf, protobuf sent as JSON, and a compressed body without its Content-Encoding.
   */
  static String hint(byte[] body, OtlpEncoding expected) {
    if (body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
      return "; it looks gzip-compressed: send it with 'Content-Encoding: gzip'";
    }
    int first = 0;
    while (first < body.length && Character.isWhitespace(body[first])) {
      first++;
    }
    if (first == body.length) {
      return "";
    }
    byte start = body[first];
    if (expected == OtlpEncoding.PROTOBUF && (start == '{' || start == '[')) {
      return "; it looks like JSON: send it with 'Content-Type: application/json'";
    }
    if (expected == OtlpEncoding.JSON && isBinary(body)) {
      return "; it looks like protobuf: send it with 'Content-Type: application/x-protobuf'";
    }
    return "";
  }

  /** Control characters other than white space near the start: JSON text has none. */
  private static boolean isBinary(byte[] body) {
    for (int i = 0; i < Math.min(body.length, 64); i++) {
      byte b = body[i];
      if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
        return true;
      }
    }
    return false;
  }
}
