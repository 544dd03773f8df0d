package dev.goodhart.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Agents' log events into facts: usage events (one per model request) and session signals (prompts,
 * commits, edits). The agent is told by the event name's prefix or the resource's {@code
 * service.name}; attributes are read from the record, else from its resource. A bad record is
 * skipped and reported with its place in the request; mapping never fails a request.
 *
 * <p>Every fact gets an idempotent key, so that an exporter's retry of a request (OTLP delivers at
 * least once) stores nothing twice: the agent's own id where it sends one, else a hash of the
 * record as sent.
 */
public final class OtlpLogMapper {
  private final Pseudonyms pseudonyms;

  public OtlpLogMapper(Pseudonyms pseudonyms) {
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms is null");
  }

  public OtlpLogBatch map(ExportLogsServiceRequest request) {
    requireNonNull(request, "request is null");
    Tally tally = new Tally();
    for (int r = 0; r < request.getResourceLogsCount(); r++) {
      ResourceLogs resourceLogs = request.getResourceLogs(r);
      Map<String, AnyValue> resource =
          OtlpAttributes.index(resourceLogs.getResource().getAttributesList());
      String service = OtlpValues.text(resource.get("service.name"));
      for (int s = 0; s < resourceLogs.getScopeLogsCount(); s++) {
        ScopeLogs scopeLogs = resourceLogs.getScopeLogs(s);
        for (int l = 0; l < scopeLogs.getLogRecordsCount(); l++) {
          LogRecord record = scopeLogs.getLogRecords(l);
          tally.records++;
          try {
            LogEvent event = event(record, resource, service, resourceLogs, scopeLogs);
            if (event != null && map(event, tally.facts)) {
              tally.keep();
            } else {
              tally.ignore();
            }
          } catch (BadRecordException e) {
            tally.skip(r, s, l, record, e.getMessage());
          } catch (RuntimeException e) {
            // A bug, not the sender's mistake; one record must not cost the request.
            tally.skip(r, s, l, record, "it could not be mapped, a goodhart bug: " + e);
          }
        }
      }
    }
    return new OtlpLogBatch(
        tally.events, tally.signals, tally.records, tally.ignored, tally.skipped, tally.problems);
  }

  private @Nullable LogEvent event(
      LogRecord record,
      Map<String, AnyValue> resource,
      @Nullable String service,
      ResourceLogs resourceLogs,
      ScopeLogs scopeLogs) {
    OtlpAttributes attributes = OtlpAttributes.of(record.getAttributesList(), resource);
    String name = LogEvent.nameOf(record, attributes);
    if (name == null) {
      return null; // a plain log line, no event
    }
    return new LogEvent(
        OtlpSources.of(name, service),
        OtlpSources.split(name).bare(),
        attributes,
        OtlpIdentity.machineIdOf(pseudonyms, attributes),
        record,
        resourceLogs.getResource(),
        scopeLogs.getScope().getName());
  }

  private static boolean map(LogEvent event, Facts facts) throws BadRecordException {
    return switch (event.source) {
      case OtlpSources.CLAUDE -> ClaudeCodeEvents.map(event, facts);
      case OtlpSources.CODEX -> CodexEvents.map(event, facts);
      case OtlpSources.GEMINI -> GeminiEvents.map(event, facts);
      default -> GenAiEvents.map(event, facts);
    };
  }

  /** The batch as it grows. */
  private static final class Tally {
    final List<UsageEvent> events = new ArrayList<>();
    final List<SessionSignal> signals = new ArrayList<>();
    final List<OtlpProblem> problems = new ArrayList<>();
    final Facts facts = new Facts();
    int records;
    int ignored;
    int skipped;

    void ignore() {
      facts.clear();
      ignored++;
    }

    /**
     * One copy of each repeated string per batch. A server holds a batch's events until they are
     * stored, and each record decoded its own copy of the session, person and model: the copies
     * were about a third of what a waiting event kept alive.
     */
    private final Map<String, String> strings = new HashMap<>();

    void keep() {
      for (UsageEvent event : facts.events) {
        events.add(
            new UsageEvent(
                shared(event.source()),
                event.eventKey(),
                event.dedupGroup(),
                event.sidechain(),
                event.timestamp(),
                shared(event.sessionId()),
                sharedOrNull(event.project()),
                sharedOrNull(event.cwd()),
                sharedOrNull(event.gitBranch()),
                shared(event.machineId()),
                sharedOrNull(event.provider()),
                shared(event.model()),
                event.fast(),
                event.tokens(),
                event.reportedCostUsd()));
      }
      signals.addAll(facts.signals);
      facts.clear();
    }

    private String shared(String value) {
      String known = strings.putIfAbsent(value, value);
      return known == null ? value : known;
    }

    private @Nullable String sharedOrNull(@Nullable String value) {
      return value == null ? null : shared(value);
    }

    void skip(int r, int s, int l, LogRecord record, String reason) {
      facts.clear();
      skipped++;
      if (problems.size() < OtlpLogBatch.MAX_PROBLEMS) {
        String name =
            LogEvent.nameOf(record, OtlpAttributes.of(record.getAttributesList(), Map.of()));
        problems.add(
            new OtlpProblem(
                "resourceLogs[%d].scopeLogs[%d].logRecords[%d]".formatted(r, s, l),
                (name != null
                        ? "event '" + OtlpValues.abbreviate(name) + "' skipped: "
                        : "skipped: ")
                    + reason));
      }
    }
  }
}
