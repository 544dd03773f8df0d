package dev.goodhart.ingest.otlp;

import static dev.goodhart.ingest.otlp.Otlp.PSEUDONYMS;
import static dev.goodhart.ingest.otlp.Otlp.bytes;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holds decoding and mapping to their contract on damaged input: decoding returns a request or
 * throws {@link OtlpFormatException}, nothing else; mapping a decoded request never throws and
 * never hits its own safety net (a problem saying "a goodhart bug"). A failure names the seed, the
 * case and the input.
 *
 * <p>Longer runs: {@code ./mvnw -pl goodhart-model,goodhart-ingest install -Dtest=OtlpFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dgoodhart.otlp.fuzz.cases=200000
 * -Dgoodhart.otlp.fuzz.seed=7}.
 */
class OtlpFuzzTest {
  private static final long SEED = Long.getLong("goodhart.otlp.fuzz.seed", 20_261_201L);
  private static final int CASES = Integer.getInteger("goodhart.otlp.fuzz.cases", 4_000);
  private static final Duration TIME_LIMIT = Duration.ofSeconds(Math.max(60, CASES / 100));

  /** Bits of JSON that make damage a parser has to think about. */
  private static final String[] JSON_SNIPPETS = {
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "-1",
    "1e999",
    "-0",
    "0.5",
    "\"abc\"",
    "true",
    "\"18446744073709551616\"",
    "\"-9223372036854775809\"",
    "\\u0000",
    "\\ud800",
    "\"\\ud800\"",
    "99999999999999999999",
    "\"NaN\"",
    "\"Infinity\"",
    "{\"stringValue\":\"x\"}",
    "{\"intValue\":\"x\"}",
    "\"traceId\":\"zz\"",
    "\"aggregationTemporality\":7",
    "[[[[[[[[[[",
  };

  private static final OtlpLogMapper LOGS = new OtlpLogMapper(PSEUDONYMS);
  private static final OtlpMetricMapper METRICS = new OtlpMetricMapper(PSEUDONYMS);

  private enum Kind {
    LOGS,
    METRICS,
    TRACES
  }

  private record Payload(String name, Kind kind, OtlpEncoding encoding, byte[] bytes) {}

  @Test
  void damagedBodiesDecodeOrFailWithOtlpFormatExceptionOnly() {
    assertTimeoutPreemptively(
        TIME_LIMIT,
        () -> {
          List<Payload> seeds = seeds();
          Random random = new Random(SEED);
          int decoded = 0;
          int refused = 0;
          for (int c = 0; c < CASES; c++) {
            Payload seed = seeds.get(c % seeds.size());
            byte[] mutant = mutate(seed, random);
            try {
              decodeAndMap(seed.kind(), seed.encoding(), mutant);
              decoded++;
            } catch (OtlpFormatException e) {
              assertFalse(e.getMessage().isBlank());
              refused++;
            } catch (Throwable t) {
              throw new AssertionError(
                  "seed %d, case %d (%s %s): %s; the input, base64: %s"
                      .formatted(
                          SEED,
                          c,
                          seed.name(),
                          seed.encoding(),
                          t,
                          Base64.getEncoder().encodeToString(mutant)),
                  t);
            }
          }
          // Both sides of the contract have to be exercised for the test to mean anything.
          assertTrue(decoded > CASES / 20, "only " + decoded + " mutants decoded");
          assertTrue(refused > CASES / 20, "only " + refused + " mutants were refused");
        });
  }

  @Test
  void recordsWithAnyAttributeValueMapWithoutFailing() throws OtlpFormatException {
    List<ExportLogsServiceRequest> logs = new ArrayList<>();
    for (String sample :
        List.of(OtlpSamples.CLAUDE_LOGS, OtlpSamples.CODEX_LOGS, OtlpSamples.GEMINI_LOGS)) {
      logs.add(OtlpDecoder.decodeLogs(bytes(sample), OtlpEncoding.JSON));
    }
    ExportMetricsServiceRequest metrics =
        OtlpDecoder.decodeMetrics(bytes(OtlpSamples.CLAUDE_METRICS), OtlpEncoding.JSON);
    Random random = new Random(SEED);
    assertTimeoutPreemptively(
        TIME_LIMIT,
        () -> {
          for (int c = 0; c < CASES; c++) {
            ExportLogsServiceRequest log = damageAttributes(logs.get(c % logs.size()), random);
            ExportMetricsServiceRequest metric = damageAttributes(metrics, random);
            try {
              check(LOGS.map(log).problems());
              check(METRICS.map(metric).problems());
            } catch (Throwable t) {
              throw new AssertionError(
                  "seed %d, case %d: %s; the requests: %s %s".formatted(SEED, c, t, log, metric),
                  t);
            }
          }
        });
  }

  private static void decodeAndMap(Kind kind, OtlpEncoding encoding, byte[] body)
      throws OtlpFormatException {
    switch (kind) {
      case LOGS -> check(LOGS.map(OtlpDecoder.decodeLogs(body, encoding)).problems());
      case METRICS -> check(METRICS.map(OtlpDecoder.decodeMetrics(body, encoding)).problems());
      case TRACES -> OtlpTraces.spans(OtlpDecoder.decodeTraces(body, encoding));
    }
  }

  private static void check(List<OtlpProblem> problems) {
    for (OtlpProblem problem : problems) {
      if (problem.reason().contains("goodhart bug")) {
        fail(problem.message());
      }
    }
  }

  private static List<Payload> seeds() throws OtlpFormatException {
    List<Payload> seeds = new ArrayList<>();
    for (var sample :
        List.of(
            List.of("claude logs", OtlpSamples.CLAUDE_LOGS),
            List.of("codex logs", OtlpSamples.CODEX_LOGS),
            List.of("gemini logs", OtlpSamples.GEMINI_LOGS))) {
      byte[] json = bytes(sample.get(1));
      seeds.add(new Payload(sample.get(0), Kind.LOGS, OtlpEncoding.JSON, json));
      seeds.add(
          new Payload(
              sample.get(0),
              Kind.LOGS,
              OtlpEncoding.PROTOBUF,
              OtlpDecoder.decodeLogs(json, OtlpEncoding.JSON).toByteArray()));
    }
    byte[] metrics = bytes(OtlpSamples.CLAUDE_METRICS);
    seeds.add(new Payload("claude metrics", Kind.METRICS, OtlpEncoding.JSON, metrics));
    seeds.add(
        new Payload(
            "claude metrics",
            Kind.METRICS,
            OtlpEncoding.PROTOBUF,
            OtlpDecoder.decodeMetrics(metrics, OtlpEncoding.JSON).toByteArray()));
    byte[] traces =
        bytes(
            """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"claude-code"}}]},
              "scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
                "parentSpanId":"eee19b7ec3c1b175","name":"claude_code.llm_request","kind":1,
                "startTimeUnixNano":"1787650012345000000","endTimeUnixNano":"1787650018465000000",
                "attributes":[{"key":"input_tokens","value":{"intValue":"1834"}}],
                "status":{"code":"STATUS_CODE_OK"}}]}]}]}
            """);
    seeds.add(new Payload("traces", Kind.TRACES, OtlpEncoding.JSON, traces));
    seeds.add(
        new Payload(
            "traces",
            Kind.TRACES,
            OtlpEncoding.PROTOBUF,
            OtlpDecoder.decodeTraces(traces, OtlpEncoding.JSON).toByteArray()));
    return seeds;
  }

  /** One to three random damages: bit flips, cuts, insertions, deletions, repeats. */
  private static byte[] mutate(Payload seed, Random random) {
    byte[] bytes = seed.bytes();
    int damages = 1 + random.nextInt(3);
    for (int d = 0; d < damages && bytes.length > 0; d++) {
      int at = random.nextInt(bytes.length);
      bytes =
          switch (random.nextInt(seed.encoding() == OtlpEncoding.JSON ? 7 : 6)) {
            case 0 -> {
              byte[] flipped = bytes.clone();
              flipped[at] ^= (byte) (1 << random.nextInt(8));
              yield flipped;
            }
            case 1 -> Arrays.copyOf(bytes, at);
            case 2 -> {
              byte[] inserted = new byte[1 + random.nextInt(16)];
              random.nextBytes(inserted);
              yield splice(bytes, at, 0, inserted);
            }
            case 3 ->
                splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(32)), new byte[0]);
            case 4 -> {
              int length = Math.min(bytes.length - at, 1 + random.nextInt(64));
              yield splice(
                  bytes,
                  random.nextInt(bytes.length),
                  0,
                  Arrays.copyOfRange(bytes, at, at + length));
            }
            case 5 -> {
              byte[] changed = bytes.clone();
              changed[at] = (byte) new int[] {0, 0xff, 0x80, 0x7f, '0', '9'}[random.nextInt(6)];
              yield changed;
            }
            default -> {
              byte[] snippet = bytes(JSON_SNIPPETS[random.nextInt(JSON_SNIPPETS.length)]);
              yield splice(bytes, at, random.nextInt(3), snippet);
            }
          };
    }
    return bytes;
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    int removed = Math.min(remove, bytes.length - at);
    byte[] result = new byte[bytes.length - removed + insert.length];
    System.arraycopy(bytes, 0, result, 0, at);
    System.arraycopy(insert, 0, result, at, insert.length);
    System.arraycopy(bytes, at + removed, result, at + insert.length, bytes.length - at - removed);
    return result;
  }

  /** The request with random attributes and times of its records replaced by odd values. */
  private static ExportLogsServiceRequest damageAttributes(
      ExportLogsServiceRequest request, Random random) {
    ExportLogsServiceRequest.Builder damaged = request.toBuilder();
    for (ResourceLogs.Builder resource : damaged.getResourceLogsBuilderList()) {
      resource
          .getResourceBuilder()
          .clearAttributes()
          .addAllAttributes(damage(resource.getResource().getAttributesList(), random));
      for (ScopeLogs.Builder scope : resource.getScopeLogsBuilderList()) {
        for (LogRecord.Builder record : scope.getLogRecordsBuilderList()) {
          List<KeyValue> attributes = damage(record.getAttributesList(), random);
          record.clearAttributes().addAllAttributes(attributes);
          if (random.nextInt(4) == 0) {
            record.setTimeUnixNano(oddLong(random));
          }
          if (random.nextInt(8) == 0) {
            record.setObservedTimeUnixNano(oddLong(random));
          }
        }
      }
    }
    return damaged.build();
  }

  private static ExportMetricsServiceRequest damageAttributes(
      ExportMetricsServiceRequest request, Random random) {
    ExportMetricsServiceRequest.Builder damaged = request.toBuilder();
    for (ResourceMetrics.Builder resource : damaged.getResourceMetricsBuilderList()) {
      for (ScopeMetrics.Builder scope : resource.getScopeMetricsBuilderList()) {
        for (Metric.Builder metric : scope.getMetricsBuilderList()) {
          for (NumberDataPoint.Builder point : metric.getSumBuilder().getDataPointsBuilderList()) {
            point.clearAttributes().addAllAttributes(damage(point.getAttributesList(), random));
            switch (random.nextInt(6)) {
              case 0 -> point.setTimeUnixNano(oddLong(random));
              case 1 -> point.setStartTimeUnixNano(oddLong(random));
              case 2 -> point.setAsDouble(oddDouble(random));
              case 3 -> point.setAsInt(oddLong(random));
              default -> {}
            }
          }
        }
      }
    }
    return damaged.build();
  }

  private static List<KeyValue> damage(List<KeyValue> attributes, Random random) {
    List<KeyValue> damaged = new ArrayList<>(attributes);
    for (int i = 0; i < damaged.size(); i++) {
      if (random.nextInt(3) == 0) {
        damaged.set(i, damaged.get(i).toBuilder().setValue(oddValue(random, 0)).build());
      }
    }
    if (random.nextInt(4) == 0 && !damaged.isEmpty()) {
      damaged.remove(random.nextInt(damaged.size()));
    }
    return damaged;
  }

  private static AnyValue oddValue(Random random, int depth) {
    AnyValue.Builder value = AnyValue.newBuilder();
    switch (random.nextInt(depth > 2 ? 6 : 8)) {
      case 0 -> value.setIntValue(oddLong(random));
      case 1 -> value.setDoubleValue(oddDouble(random));
      case 2 -> value.setBoolValue(random.nextBoolean());
      case 3 -> value.setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3}));
      case 4 -> {} // no value at all
      case 5 ->
          value.setStringValue(
              new String[] {
                    "",
                    " ",
                    "12",
                    "-3",
                    "1e3",
                    "1e999",
                    "0.25",
                    "9223372036854775808",
                    "NaN",
                    "<REDACTED>",
                    "[main 0123abc] x",
                    "{\"git_commit_id\":\"xyz\"}",
                    "{\"git_commit_id\":\"0123abcd\"}",
                    "{\"output\":7}",
                    "response.completed",
                    "2026-02-30T00:00:00Z",
                    "2026-08-25T09:40:12.345Z",
                    "\ud800",
                    "fast",
                    "api_request",
                    "claude_code.user_prompt",
                    "codex.tool_result",
                    "gemini_cli.tool_call",
                    "gen_ai.client.inference.operation.details",
                  }
                  [random.nextInt(24)]);
      case 6 -> {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        for (int i = random.nextInt(3); i > 0; i--) {
          array.addValues(oddValue(random, depth + 1));
        }
        value.setArrayValue(array);
      }
      default -> {
        KeyValueList.Builder list = KeyValueList.newBuilder();
        for (int i = random.nextInt(3); i > 0; i--) {
          list.addValues(
              KeyValue.newBuilder()
                  .setKey(random.nextBoolean() ? "model_added_lines" : "git_commit_id")
                  .setValue(oddValue(random, depth + 1)));
        }
        value.setKvlistValue(list);
      }
    }
    return value.build();
  }

  private static long oddLong(Random random) {
    return new long[] {
          0,
          -1,
          1,
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          1_000_000_000_000_000_001L,
          1_787_650_012_345_000_000L,
          4_102_444_800_000_000_000L,
          random.nextLong()
        }
        [random.nextInt(9)];
  }

  private static double oddDouble(Random random) {
    return new double[] {
          Double.NaN,
          Double.POSITIVE_INFINITY,
          -0.0,
          1e300,
          -1e300,
          0.5,
          1e15 + 0.5,
          Double.MIN_VALUE,
          random.nextDouble() * 1e6
        }
        [random.nextInt(9)];
  }
}
