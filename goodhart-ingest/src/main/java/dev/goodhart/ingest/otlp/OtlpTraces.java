package dev.goodhart.ingest.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * Traces are accepted, so that an agent exporting all three signals to one endpoint gets no errors,
 * and counted; nothing in them is stored. The log events carry the same usage with keys that make
 * them idempotent.
 */
public final class OtlpTraces {
  private OtlpTraces() {}

  /** The spans of a request. */
  public static int spans(ExportTraceServiceRequest request) {
    long spans = 0;
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        spans += scope.getSpansCount();
      }
    }
    return (int) Math.min(spans, Integer.MAX_VALUE);
  }
}
