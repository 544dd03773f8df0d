package dev.goodhart.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The bodies {@link OtlpLoad} sends: {@code ExportLogsServiceRequest}s of Claude Code {@code
 * api_request} log records, as its OpenTelemetry exporter writes them (FORMATS.md §1.4).
 *
 * <p>Building protobuf messages costs more CPU than sending them, and the generator shares a
 * machine with the server it measures. So a few batches are built and encoded once, with
 * placeholders of fixed width where a request's own values go: the request ids ({@code req_<run>_}
 * and twelve digits), the ISO timestamp string and the two fixed64 nanosecond times. A body is then
 * a copy of a template with those bytes overwritten, which keeps every length and so the encoding
 * valid.
 */
final class ApiRequestBodies {
  static final int USERS = 50;
  static final int SESSIONS_PER_USER = 20;
  private static final int TEMPLATES = 16;
  private static final int ID_DIGITS = 12;
  private static final long MAX_EVENTS = 1_000_000_000_000L;
  private static final String[] MODELS = {
    "claude-sonnet-4-5",
    "claude-sonnet-4-5",
    "claude-sonnet-4-5",
    "claude-haiku-4-5",
    "claude-opus-4-1"
  };
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String TIMESTAMP_PLACEHOLDER = "2000-01-01T00:00:00.000Z";

  /** Tags of LogRecord's fixed64 fields time_unix_nano (1) and observed_time_unix_nano (11). */
  private static final byte TIME_TAG = (1 << 3) | 1;

  private static final byte OBSERVED_TIME_TAG = (11 << 3) | 1;

  /** Far from any real time, so its eight bytes after the tag are found only where it was put. */
  private static final long NANOS_PLACEHOLDER = 0x7A5E_5A5E_0D0C_0B0AL;

  /** A batch encoded once, and where in it each record's own values are. */
  private record Template(
      byte[] bytes, int[] requestIds, int[] timestamps, int[] times, int[] observedTimes) {}

  private final long seed;
  private final byte[] idPrefix;
  private final Map<Integer, List<Template>> templates = new ConcurrentHashMap<>();

  ApiRequestBodies(long seed, String run) {
    requireNonNull(run, "run is null");
    this.seed = seed;
    this.idPrefix = ("req_" + run + "_").getBytes(US_ASCII);
  }

  /** Builds the templates of batches of {@code events} records now, before the clock starts. */
  void prepare(int events) {
    templates.computeIfAbsent(events, this::build);
  }

  /** The request id of the event numbered {@code event}. */
  String requestId(long event) {
    return new String(idPrefix, US_ASCII) + digits(event);
  }

  /**
   * The encoded request of {@code events} records whose request ids are those of events {@code
   * first} onwards, all stamped with {@code now}. The same first event gives the same users,
   * sessions and tokens in every run of one seed.
   */
  byte[] body(long first, int events, Instant now) {
    if (first < 0 || events < 1 || first + events > MAX_EVENTS) {
      throw new IllegalArgumentException(
          "events %d..%d are outside 0..%d".formatted(first, first + events, MAX_EVENTS));
    }
    List<Template> forSize = templates.computeIfAbsent(events, this::build);
    Template template = forSize.get((int) (first / events % forSize.size()));
    byte[] body = template.bytes().clone();
    for (int i = 0; i < events; i++) {
      write(body, template.requestIds()[i], digits(first + i));
    }
    byte[] timestamp = ISO_MILLIS.format(now).getBytes(US_ASCII);
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    for (int i = 0; i < events; i++) {
      System.arraycopy(timestamp, 0, body, template.timestamps()[i], timestamp.length);
      writeFixed64(body, template.times()[i], nanos);
      writeFixed64(body, template.observedTimes()[i], nanos);
    }
    return body;
  }

  /**
   * The body gzip-compressed at the fastest level: the server inflates any level at about the same
   * cost, and the default level cost the generator's one core ~6 ms per 500 records, which made it
   * the bottleneck near the throughput target.
   */
  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream zip =
        new GZIPOutputStream(out, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      zip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress in memory", e);
    }
    return out.toByteArray();
  }

  private List<Template> build(int events) {
    List<Template> built = new ArrayList<>(TEMPLATES);
    for (int t = 0; t < TEMPLATES; t++) {
      SplittableRandom random = new SplittableRandom(seed * 1_000_003L + events * 31L + t);
      ExportLogsServiceRequest request = request(random, events);
      byte[] bytes = request.toByteArray();
      Template template =
          new Template(
              bytes,
              find(bytes, idPrefix, events, "request_id"),
              find(bytes, TIMESTAMP_PLACEHOLDER.getBytes(US_ASCII), events, "event.timestamp"),
              offsetsAfter(find(bytes, fixed64(TIME_TAG), events, "time_unix_nano")),
              offsetsAfter(find(bytes, fixed64(OBSERVED_TIME_TAG), events, "observed_time")));
      for (int i = 0; i < events; i++) {
        template.requestIds()[i] += idPrefix.length;
      }
      built.add(template);
    }
    return List.copyOf(built);
  }

  private ExportLogsServiceRequest request(SplittableRandom random, int events) {
    ScopeLogs.Builder scope =
        ScopeLogs.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder()
                    .setName("com.anthropic.claude_code")
                    .setVersion("2.1.240"));
    String placeholderId = new String(idPrefix, US_ASCII) + "0".repeat(ID_DIGITS);
    for (int i = 0; i < events; i++) {
      int user = random.nextInt(USERS);
      int session = random.nextInt(SESSIONS_PER_USER);
      String model = MODELS[random.nextInt(MODELS.length)];
      long input = 1 + random.nextInt(6_000);
      long output = 20 + random.nextInt(2_000);
      long cacheRead = random.nextInt(4) == 0 ? 0 : random.nextInt(120_000);
      long cacheCreation = random.nextInt(3) == 0 ? random.nextInt(10_000) : 0;
      // Sonnet's list prices per million tokens; the server prices the tokens itself anyway.
      double cost = (input * 3.0 + output * 15.0 + cacheRead * 0.3 + cacheCreation * 3.75) / 1e6;
      scope.addLogRecords(
          LogRecord.newBuilder()
              .setTimeUnixNano(NANOS_PLACEHOLDER)
              .setObservedTimeUnixNano(NANOS_PLACEHOLDER)
              .setBody(text("claude_code.api_request"))
              .addAttributes(attribute("event.name", text("api_request")))
              .addAttributes(attribute("event.timestamp", text(TIMESTAMP_PLACEHOLDER)))
              .addAttributes(attribute("session.id", text(sessionId(user, session))))
              .addAttributes(attribute("user.email", text(email(user))))
              .addAttributes(attribute("model", text(model)))
              .addAttributes(attribute("input_tokens", integer(input)))
              .addAttributes(attribute("output_tokens", integer(output)))
              .addAttributes(attribute("cache_read_tokens", integer(cacheRead)))
              .addAttributes(attribute("cache_creation_tokens", integer(cacheCreation)))
              .addAttributes(attribute("cost_usd", AnyValue.newBuilder().setDoubleValue(cost)))
              .addAttributes(attribute("duration_ms", integer(500 + random.nextInt(20_000))))
              .addAttributes(attribute("request_id", text(placeholderId))));
    }
    Resource resource =
        Resource.newBuilder()
            .addAttributes(attribute("service.name", text("claude-code")))
            .addAttributes(attribute("service.version", text("2.1.240")))
            .build();
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope))
        .build();
  }

  static String email(int user) {
    return "user%02d@example.com".formatted(user);
  }

  String sessionId(int user, int session) {
    return UUID.nameUUIDFromBytes(
            ("goodhart-bench/" + seed + "/" + user + "/" + session).getBytes(US_ASCII))
        .toString();
  }

  private static KeyValue attribute(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static AnyValue.Builder text(String value) {
    return AnyValue.newBuilder().setStringValue(value);
  }

  private static AnyValue.Builder integer(long value) {
    return AnyValue.newBuilder().setIntValue(value);
  }

  private static byte[] digits(long event) {
    byte[] digits = new byte[ID_DIGITS];
    long rest = event;
    for (int i = ID_DIGITS - 1; i >= 0; i--) {
      digits[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    return digits;
  }

  private static void write(byte[] body, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, body, at, bytes.length);
  }

  private static byte[] fixed64(byte tag) {
    byte[] pattern = new byte[9];
    pattern[0] = tag;
    writeFixed64(pattern, 1, NANOS_PLACEHOLDER);
    return pattern;
  }

  private static void writeFixed64(byte[] bytes, int at, long value) {
    for (int i = 0; i < 8; i++) {
      bytes[at + i] = (byte) (value >>> (8 * i)); // protobuf's fixed64 is little-endian
    }
  }

  /** The offsets of the value after each tag byte. */
  private static int[] offsetsAfter(int[] tags) {
    for (int i = 0; i < tags.length; i++) {
      tags[i]++;
    }
    return tags;
  }

  /** Where each of the {@code expected} occurrences of {@code pattern} starts, in order. */
  private static int[] find(byte[] bytes, byte[] pattern, int expected, String what) {
    int[] found = new int[expected];
    int n = 0;
    outer:
    for (int at = 0; at <= bytes.length - pattern.length; at++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[at + j] != pattern[j]) {
          continue outer;
        }
      }
      if (n == expected) {
        throw new IllegalStateException("more than " + expected + " " + what + " placeholders");
      }
      found[n++] = at;
      at += pattern.length - 1;
    }
    if (n != expected) {
      throw new IllegalStateException(
          "found %d %s placeholders in a batch of %d".formatted(n, what, expected));
    }
    return found;
  }
}
