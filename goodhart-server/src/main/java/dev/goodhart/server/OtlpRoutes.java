package dev.goodhart.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import dev.goodhart.ingest.otlp.OtlpDecoder;
import dev.goodhart.ingest.otlp.OtlpEncoding;
import dev.goodhart.ingest.otlp.OtlpFormatException;
import dev.goodhart.ingest.otlp.OtlpLogBatch;
import dev.goodhart.ingest.otlp.OtlpLogMapper;
import dev.goodhart.ingest.otlp.OtlpMetricBatch;
import dev.goodhart.ingest.otlp.OtlpMetricMapper;
import dev.goodhart.ingest.otlp.OtlpProblem;
import dev.goodhart.ingest.otlp.OtlpTraces;
import dev.goodhart.model.access.Scope;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * OTLP/HTTP: {@code POST /v1/logs}, {@code /v1/metrics}, {@code /v1/traces} with scope {@code
 * ingest}, protobuf or JSON, gzip or not. The whole body is decoded and mapped before anything is
 * queued, so a malformed request stores nothing; bad records inside a well-formed one are skipped
 * and reported in OTLP's partial success. The answer follows the request's encoding.
 */
final class OtlpRoutes {
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON_TYPE = "application/json";

  private final GoodhartServer server;
  private final OtlpLogMapper logs;
  private final OtlpMetricMapper metrics;
  private final AtomicLong spans = new AtomicLong();

  private OtlpRoutes(GoodhartServer server) {
    this.server = server;
    this.logs = new OtlpLogMapper(server.pseudonyms());
    this.metrics = new OtlpMetricMapper(server.pseudonyms());
  }

  static void register(GoodhartServer server, JavalinDefaultRoutingApi app) {
    OtlpRoutes routes = new OtlpRoutes(server);
    app.post("/v1/logs", routes::logs);
    app.post("/v1/metrics", routes::metrics);
    app.post("/v1/traces", routes::traces);
  }

  private void logs(Context ctx) {
    OtlpEncoding encoding = accept(ctx);
    byte[] body = server.bodies().read(ctx);
    OtlpLogBatch batch;
    try {
      batch = logs.map(OtlpDecoder.decodeLogs(body, encoding));
    } catch (OtlpFormatException e) {
      throw malformed("logs", e);
    }
    if (!batch.events().isEmpty() || !batch.signals().isEmpty()) {
      server.acknowledged(server.queue().usage(batch.events(), batch.signals()));
    }
    ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
    if (batch.skipped() > 0) {
      response.setPartialSuccess(
          ExportLogsPartialSuccess.newBuilder()
              .setRejectedLogRecords(batch.skipped())
              .setErrorMessage(problems(batch.skipped(), "log records", batch.problems())));
    }
    answer(ctx, encoding, response.build());
  }

  private void metrics(Context ctx) {
    OtlpEncoding encoding = accept(ctx);
    byte[] body = server.bodies().read(ctx);
    OtlpMetricBatch batch;
    try {
      batch = metrics.map(OtlpDecoder.decodeMetrics(body, encoding));
    } catch (OtlpFormatException e) {
      throw malformed("metrics", e);
    }
    if (!batch.points().isEmpty()) {
      server.acknowledged(server.queue().metrics(batch.points()));
    }
    ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
    if (batch.skipped() > 0) {
      response.setPartialSuccess(
          ExportMetricsPartialSuccess.newBuilder()
              .setRejectedDataPoints(batch.skipped())
              .setErrorMessage(problems(batch.skipped(), "data points", batch.problems())));
    }
    answer(ctx, encoding, response.build());
  }

  /** Traces are accepted and counted (agents send them with the rest) but not stored. */
  private void traces(Context ctx) {
    OtlpEncoding encoding = accept(ctx);
    byte[] body = server.bodies().read(ctx);
    try {
      spans.addAndGet(OtlpTraces.spans(OtlpDecoder.decodeTraces(body, encoding)));
    } catch (OtlpFormatException e) {
      throw malformed("traces", e);
    }
    answer(ctx, encoding, ExportTraceServiceResponse.getDefaultInstance());
  }

  private OtlpEncoding accept(Context ctx) {
    server.authenticator().require(ctx, Scope.INGEST);
    String type = GoodhartServer.requireContentType(ctx, PROTOBUF, JSON_TYPE);
    return type.equals(PROTOBUF) ? OtlpEncoding.PROTOBUF : OtlpEncoding.JSON;
  }

  private static ApiException malformed(String signal, OtlpFormatException e) {
    return ApiException.badRequest(
        "the OTLP %s request is malformed%s: %s; nothing of it was stored"
            .formatted(signal, e.location() == null ? "" : " at " + e.location(), e.getMessage()));
  }

  private static String problems(int skipped, String what, List<OtlpProblem> problems) {
    return "%d %s skipped: %s"
        .formatted(
            skipped,
            what,
            problems.stream().limit(5).map(OtlpProblem::message).collect(Collectors.joining("; ")));
  }

  private static void answer(Context ctx, OtlpEncoding encoding, Message response) {
    if (encoding == OtlpEncoding.PROTOBUF) {
      ctx.contentType(PROTOBUF).result(response.toByteArray());
      return;
    }
    try {
      String json =
          com.google.protobuf.util.JsonFormat.printer()
              .omittingInsignificantWhitespace()
              .print(response);
      ctx.contentType(JSON_TYPE).result(json);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      ObjectNode empty = GoodhartServer.JSON.createObjectNode();
      ctx.contentType(JSON_TYPE).result(empty.toString());
    }
  }
}
