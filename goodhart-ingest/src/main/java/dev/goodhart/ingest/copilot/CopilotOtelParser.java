package dev.goodhart.ingest.copilot;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.EpochTimes;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.ingest.json.ParserState;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * GitHub Copilot CLI's OpenTelemetry file export, one span or log record a line. One request shows
 * up to four times: as its {@code chat} span, as an inference log record, summed into its turn's
 * {@code copilot_chat.agent.turn} record, and summed into the {@code invoke_agent} span of the run.
 * The chat spans are the requests; the others stand in only for a trace that has no chat span (an
 * export that kept logs but not spans). So every usage record of a trace joins one de-duplication
 * group: chat spans are its counted copies, the others its fallback copies, which the store counts
 * only when the group has no chat span, and then only the largest (the run's total). Spans are
 * written when they end, after the log records they contain, so this cannot be decided line by
 * line; the store decides it. Records of a trace that name its session or model lend them to its
 * later records that do not.
 */
final class CopilotOtelParser implements RecordParser {
  static final String SOURCE = "copilot";
  private static final byte[] GEN_AI = LineProbe.marker("\"gen_ai.");

  /** Traces whose session and model are remembered: a run's records are written close together. */
  private static final int REMEMBERED_TRACES = 16;

  private static final Set<String> ATTRIBUTES =
      Set.of(
          "gen_ai.operation.name",
          "event.name",
          "gen_ai.response.model",
          "gen_ai.request.model",
          "gen_ai.response.id",
          "gen_ai.conversation.id",
          "copilot_chat.session_id",
          "copilot_chat.chat_session_id",
          "session.id",
          "github.copilot.interaction_id",
          "gen_ai.provider.name",
          "gen_ai.system",
          "turn.index",
          "copilot_chat.turn.index",
          "gen_ai.usage.input_tokens",
          "gen_ai.usage.prompt_tokens",
          "gen_ai.usage.output_tokens",
          "gen_ai.usage.completion_tokens",
          "gen_ai.usage.cache_read.input_tokens",
          "gen_ai.usage.cache_write.input_tokens",
          "gen_ai.usage.cache_creation.input_tokens",
          "gen_ai.usage.reasoning.output_tokens",
          "gen_ai.usage.reasoning_tokens",
          "gen_ai.usage.total_tokens",
          "gen_ai.usage.total.token_count");

  /** Session attributes, most specific first; a response id names a session only at a pinch. */
  private static final String[] SESSION_ATTRIBUTES = {
    "gen_ai.conversation.id",
    "copilot_chat.session_id",
    "copilot_chat.chat_session_id",
    "session.id",
    "github.copilot.interaction_id"
  };

  private static final int MAX_ATTRIBUTE = 4096;

  /** The longest trace id, session or model kept in the parser's state. */
  private static final int MAX_REMEMBERED = 256;

  private final LogFile file;
  private final JsonScanner json = new JsonScanner();

  /** Trace id to {@code session \n model}, oldest first. */
  private final LinkedHashMap<String, String> traces = new LinkedHashMap<>();

  CopilotOtelParser(LogFile file, String state) {
    this.file = file;
    for (Map.Entry<String, String> saved : ParserState.decode(state).entrySet()) {
      String trace = saved.getKey().substring(Math.min(2, saved.getKey().length()));
      String context = saved.getValue();
      int newline = context.indexOf('\n');
      if (saved.getKey().startsWith("t:")
          && newline >= 0
          && context.indexOf('\n', newline + 1) < 0
          && trace.length() <= MAX_REMEMBERED
          && context.length() <= 2 * MAX_REMEMBERED + 1) {
        remember(trace, context);
      }
    }
  }

  @Override
  public String state() {
    Map<String, String> state = new LinkedHashMap<>();
    traces.forEach((trace, context) -> state.put("t:" + trace, context));
    return ParserState.encode(state);
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    if (!LineProbe.mentions(bytes, offset, length, GEN_AI)) {
      // Metrics, tool spans, other services' records: nothing of a request's usage.
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    CopilotRecord record = new CopilotRecord();
    json.reset(bytes, offset, length).beginObject();
    Instant[] times = new Instant[TIME_FIELDS.length];
    while (json.nextField()) {
      String field = json.field();
      int timeSlot = timeSlot(field);
      if (timeSlot >= 0) {
        times[timeSlot] = readTime(field);
        continue;
      }
      switch (field) {
        case "type" -> record.type = json.atString() ? json.repeatedText(field) : skip();
        case "name" ->
            record.name = json.atString() ? json.shortText(field, MAX_ATTRIBUTE) : skip();
        case "body", "_body" ->
            record.body = json.atString() ? json.shortText(field, MAX_ATTRIBUTE) : skip();
        case "traceId" -> {
          record.traceId = json.text(field);
          record.isSpanShaped = true;
        }
        case "spanId" -> {
          record.spanId = json.text(field);
          record.isSpanShaped = true;
        }
        case "spanContext" -> {
          if (json.object(field)) {
            readSpanContext(record);
          }
        }
        case "kind", "duration", "parentSpanId", "ended" -> {
          record.isSpanShaped = true;
          json.skipValue();
        }
        case "attributes" -> {
          if (json.object(field)) {
            readAttributes(record);
          }
        }
        default -> json.skipValue();
      }
    }
    json.endOfRecord();
    record.isSpanShaped |= times[0] != null || times[1] != null;
    for (Instant time : times) {
      if (time != null) {
        record.time = time;
        break;
      }
    }
    String session = sessionOf(record);
    String model = record.attribute("gen_ai.response.model", "gen_ai.request.model");
    if (record.traceId != null) {
      learn(record.traceId, session, model);
    }
    CopilotRecord.Kind kind = record.kind();
    if (kind == CopilotRecord.Kind.OTHER) {
      return;
    }
    TokenCounts tokens = record.tokens();
    if (tokens.total() == 0) {
      return;
    }
    if (record.time == null) {
      throw new BadRecordException(
          "a record with GenAI usage has no time ('endTime', 'hrTime', ...)");
    }
    String[] context = record.traceId != null ? context(record.traceId) : null;
    if (session == null) {
      session = context != null && !context[0].isEmpty() ? context[0] : record.traceId;
    }
    if (model == null && context != null && !context[1].isEmpty()) {
      model = context[1];
    }
    String responseId = record.attribute("gen_ai.response.id");
    String group =
        record.traceId != null
            ? "t:" + record.traceId
            : responseId != null ? "r:" + responseId : null;
    sink.accept(
        new UsageEvent(
            SOURCE,
            key(record, kind, session, lineNumber),
            group,
            group != null && kind != CopilotRecord.Kind.CHAT_SPAN,
            record.time,
            session != null ? session : "unknown",
            file.project(),
            null,
            null,
            file.machineId(),
            record.attribute("gen_ai.provider.name", "gen_ai.system"),
            model != null ? model : "unknown",
            false,
            tokens,
            null));
  }

  /**
   * A span is its trace and span ids, a log record the span it was written in; a turn record its
   * trace and turn. Without ids, the file and line: the export is only ever appended to.
   */
  private String key(
      CopilotRecord record, CopilotRecord.Kind kind, @Nullable String session, long lineNumber) {
    String place = "%s:%s".formatted(file.relativeName(), lineNumber);
    return switch (kind) {
      case CHAT_SPAN, AGENT_SPAN ->
          record.traceId != null && record.spanId != null
              ? "s:" + record.traceId + ":" + record.spanId
              : "s:" + session + ":" + place;
      case INFERENCE_LOG ->
          record.traceId != null && record.spanId != null
              ? "l:" + record.traceId + ":" + record.spanId
              : "l:" + session + ":" + place;
      case AGENT_TURN_LOG -> {
        String turn = record.attribute("turn.index", "copilot_chat.turn.index");
        yield record.traceId != null && turn != null
            ? "a:" + record.traceId + ":" + turn
            : "a:" + session + ":" + place;
      }
      case OTHER -> throw new IllegalStateException("no usage is read from other records");
    };
  }

  private static @Nullable String sessionOf(CopilotRecord record) {
    return record.attribute(SESSION_ATTRIBUTES);
  }

  /** What earlier records of the trace said: {@code [session, model]}, empty when unknown. */
  private String @Nullable [] context(String trace) {
    String known = traces.get(trace);
    if (known == null) {
      return null;
    }
    int newline = known.indexOf('\n');
    return new String[] {known.substring(0, newline), known.substring(newline + 1)};
  }

  private void learn(String trace, @Nullable String session, @Nullable String model) {
    // A trace id is 32 hex digits; anything long or odd is not remembered, so that the state
    // stays small and always reads back.
    if (trace.length() > MAX_REMEMBERED || trace.indexOf('\n') >= 0) {
      return;
    }
    if (session != null && session.length() > MAX_REMEMBERED) {
      session = null;
    }
    if (model != null && model.length() > MAX_REMEMBERED) {
      model = null;
    }
    String[] known = context(trace);
    String knownSession = known != null ? known[0] : "";
    String knownModel = known != null ? known[1] : "";
    String newSession = knownSession.isEmpty() && session != null ? clean(session) : knownSession;
    String newModel = knownModel.isEmpty() && model != null ? clean(model) : knownModel;
    if (newSession.isEmpty() && newModel.isEmpty()) {
      return;
    }
    traces.remove(trace);
    remember(trace, newSession + "\n" + newModel);
  }

  private static String clean(String text) {
    return text.replace('\n', ' ');
  }

  private void remember(String trace, String context) {
    traces.put(trace, context);
    Iterator<String> oldest = traces.keySet().iterator();
    while (traces.size() > REMEMBERED_TRACES) {
      oldest.next();
      oldest.remove();
    }
  }

  private void readSpanContext(CopilotRecord record) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "traceId" -> record.traceId = json.text("spanContext.traceId");
        case "spanId" -> record.spanId = json.text("spanContext.spanId");
        default -> json.skipValue();
      }
    }
  }

  /** The attributes usage needs; numbers are kept as their text, other values are passed over. */
  private void readAttributes(CopilotRecord record) throws BadRecordException {
    while (json.nextField()) {
      String name = json.field();
      if (!ATTRIBUTES.contains(name)) {
        json.skipValue();
      } else if (json.atString()) {
        String value = json.shortText("attributes." + name, MAX_ATTRIBUTE);
        if (value != null) {
          record.attributes.put(name, value);
        }
      } else if (isNumberStart()) {
        BigDecimal value = json.number("attributes." + name);
        if (value != null) {
          record.attributes.put(name, value.toString());
        }
      } else {
        json.skipValue();
      }
    }
  }

  private boolean isNumberStart() throws BadRecordException {
    return !json.atString()
        && !json.atArray()
        && json.restMatches(
            (bytes, from, to) ->
                from < to && (bytes[from] == '-' || (bytes[from] >= '0' && bytes[from] <= '9')));
  }

  private static final String[] TIME_FIELDS = {
    "endTime",
    "startTime",
    "hrTime",
    "_hrTime",
    "time",
    "timestamp",
    "observedTimestamp",
    "timeUnixNano"
  };

  private static int timeSlot(String field) {
    for (int i = 0; i < TIME_FIELDS.length; i++) {
      if (TIME_FIELDS[i].equals(field)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code [seconds, nanoseconds]} arrays; a scalar {@code timestamp} in seconds, milliseconds,
   * microseconds or nanoseconds (judged by its size); {@code timeUnixNano} in nanoseconds.
   */
  private @Nullable Instant readTime(String field) throws BadRecordException {
    if (json.atArray()) {
      return CopilotRecord.hrTime(json, field);
    }
    BigDecimal value;
    if (json.atString()) {
      String text = json.shortText(field, 40);
      if (text == null || !text.strip().matches("[0-9]{1,30}")) {
        throw new BadRecordException(
            "field '%s' must be a time since the epoch, found '%s'".formatted(field, text));
      }
      value = new BigDecimal(text.strip());
    } else {
      value = json.number(field);
      if (value == null) {
        return null;
      }
    }
    EpochTimes.requireModest(value, field);
    if (value.signum() <= 0) {
      throw new BadRecordException(
          "field '%s' is not a plausible time (1970 to 2100): '%s'".formatted(field, value));
    }
    if (field.equals("timeUnixNano") || value.compareTo(NANOS_FROM) >= 0) {
      return CopilotRecord.unixNanos(value, field);
    }
    if (value.compareTo(MICROS_FROM) >= 0) {
      return EpochTimes.ofSeconds(value.movePointLeft(6), field);
    }
    return EpochTimes.ofSecondsOrMillis(value, field);
  }

  private static final BigDecimal NANOS_FROM = new BigDecimal("1e17");
  private static final BigDecimal MICROS_FROM = new BigDecimal("1e14");

  private @Nullable String skip() throws BadRecordException {
    json.skipValue();
    return null;
  }
}
