package dev.goodhart.ingest.otlp;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.model.Hashes;
import dev.goodhart.model.SessionSignal;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One log record as an agent's event: its source, its name and what every fact of it shares. */
final class LogEvent {
  final String source;

  /** The name without the agent's prefix ({@code api_request}); other names as they are. */
  final String name;

  final OtlpAttributes attributes;
  final String machineId;
  private final LogRecord record;
  private final Resource resource;
  private final String scope;
  private @Nullable Instant time;

  LogEvent(
      String source,
      String name,
      OtlpAttributes attributes,
      String machineId,
      LogRecord record,
      Resource resource,
      String scope) {
    this.source = source;
    this.name = name;
    this.attributes = attributes;
    this.machineId = machineId;
    this.record = record;
    this.resource = resource;
    this.scope = scope;
  }

  /** The event's name: {@code event.name}, else the record's event name, else a string body. */
  static @Nullable String nameOf(LogRecord record, OtlpAttributes attributes) {
    String name = attributes.ownText("event.name");
    if (name == null && !record.getEventName().isEmpty()) {
      name = record.getEventName();
    }
    if (name == null && record.getBody().hasStringValue()) {
      name = record.getBody().getStringValue();
    }
    return name == null || name.isBlank() ? null : name.strip();
  }

  /**
   * When it happened: {@code event.timestamp} (the agent's own clock, ISO-8601), else the record's
   * time, else the time the exporter observed it.
   */
  Instant time() throws BadRecordException {
    if (time == null) {
      String iso = attributes.ownText("event.timestamp");
      if (iso != null) {
        time = IsoTimes.parse(iso, "event.timestamp");
      } else if (record.getTimeUnixNano() != 0) {
        time = OtlpValues.instant(record.getTimeUnixNano(), "timeUnixNano");
      } else if (record.getObservedTimeUnixNano() != 0) {
        time = OtlpValues.instant(record.getObservedTimeUnixNano(), "observedTimeUnixNano");
      } else {
        throw new BadRecordException(
            "it has no time: no 'event.timestamp' attribute, no 'timeUnixNano', no"
                + " 'observedTimeUnixNano'");
      }
    }
    return time;
  }

  /** The session: the first of the attributes present; a record without one is bad. */
  String sessionId(String... keys) throws BadRecordException {
    String session = attributes.text(keys);
    if (session == null) {
      throw new BadRecordException(
          "it has no session id ('%s')".formatted(String.join("' or '", keys)));
    }
    return session;
  }

  SessionSignal.Context context(String sessionId) throws BadRecordException {
    return new SessionSignal.Context(source, sessionId, machineId, time(), null, null, null);
  }

  /**
   * A hash of the record as sent, with its resource and scope: an exporter that retries a request
   * sends the same bytes, so a record without an id of its own still gets the same key.
   */
  String recordHash() {
    byte[] resourceBytes = resource.toByteArray();
    byte[] scopeBytes = scope.getBytes(StandardCharsets.UTF_8);
    byte[] recordBytes = record.toByteArray();
    byte[] all = new byte[resourceBytes.length + scopeBytes.length + recordBytes.length + 2];
    System.arraycopy(resourceBytes, 0, all, 0, resourceBytes.length);
    System.arraycopy(scopeBytes, 0, all, resourceBytes.length + 1, scopeBytes.length);
    System.arraycopy(
        recordBytes, 0, all, resourceBytes.length + scopeBytes.length + 2, recordBytes.length);
    Hashes.Hash128 hash = Hashes.murmur3(all, 0, all.length, 0);
    return "h:%016x%016x".formatted(hash.high(), hash.low());
  }

  /** The record's own id from the first attribute present, else its hash. */
  String idOrHash(String... keys) {
    String id = attributes.text(keys);
    return id != null ? id : recordHash();
  }
}
