package dev.goodhart.ingest.otlp;

/** How an OTLP/HTTP request body is encoded, as its {@code Content-Type} says. */
public enum OtlpEncoding {
  /** {@code application/x-protobuf}: the binary protobuf messages. */
  PROTOBUF,
  /** {@code application/json}: protobuf's JSON mapping with OTLP's rules (hex ids). */
  JSON
}
