package dev.goodhart.ingest.pi;

import dev.goodhart.ingest.AgentWork;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.EpochTimes;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.ingest.json.ParserState;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pi session file line by line: a {@code session} header ({@code id}, {@code cwd}), then
 * entries {@code {type, id, parentId, timestamp, ...}}. An assistant {@code message} entry is one
 * request; its {@code usage} counts input without cache, output, cache reads and writes, and the
 * dollars pi priced them at ({@code cost.total}). pi writes an entry once, when its message is
 * complete. A fork ({@code /fork}, {@code /tree}) copies entries into a new session file with their
 * ids and times unchanged, so a request is keyed by its entry's id and time, not by its session: a
 * copied request is stored once. OpenClaw embeds pi's session manager and writes the same entries,
 * plus {@code model_change} and {@code model-snapshot} entries that name the model of messages that
 * do not.
 */
public final class PiSessionParser implements RecordParser {
  private static final int MAX_TEXT = 1 << 20;

  private final String source;
  private final LogFile file;
  private final JsonScanner json = new JsonScanner();
  private String sessionId;
  private @Nullable String cwd;
  private @Nullable String model;
  private @Nullable String provider;

  /**
   * @param source the name events carry ({@code pi}, {@code openclaw})
   * @param fallbackSessionId the session when the file has no header: the agents name their files
   *     after the session
   */
  public PiSessionParser(String source, LogFile file, String fallbackSessionId, String state) {
    this.source = source;
    this.file = file;
    Map<String, String> saved = ParserState.decode(state);
    this.sessionId = saved.getOrDefault("session", fallbackSessionId);
    this.cwd = saved.get("cwd");
    this.model = saved.get("model");
    this.provider = saved.get("provider");
  }

  @Override
  public String state() {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("session", sessionId);
    putIfPresent(state, "cwd", cwd);
    putIfPresent(state, "model", model);
    putIfPresent(state, "provider", provider);
    return ParserState.encode(state);
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    Entry entry = new Entry();
    json.reset(bytes, offset, length).beginObject();
    if (!readEntry(entry)) {
      // Tool results, user messages, compactions: most of the bytes, nothing counted.
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    json.endOfRecord();
    String type = entry.type != null ? entry.type : entry.message != null ? "message" : "";
    switch (type) {
      case "session" -> {
        sessionId = entry.id != null && !entry.id.isBlank() ? entry.id : sessionId;
        cwd = entry.cwd != null && !entry.cwd.isBlank() ? entry.cwd : cwd;
      }
      case "model_change", "custom" -> {
        model = entry.model != null ? entry.model : model;
        provider = entry.provider != null ? entry.provider : provider;
      }
      case "message" -> {
        if (entry.message != null && entry.message.usage != null) {
          emit(entry, entry.message, sink);
        }
      }
      default -> {}
    }
  }

  private void emit(Entry entry, Message message, RecordSink sink) throws BadRecordException {
    Instant time;
    String timeKey;
    if (entry.timestamp != null) {
      time = IsoTimes.parse(entry.timestamp, "timestamp");
      timeKey = entry.timestamp;
    } else if (message.timestampMillis >= 0) {
      time = EpochTimes.ofMillis(message.timestampMillis, "message.timestamp");
      timeKey = Long.toString(message.timestampMillis);
    } else {
      throw new BadRecordException("an assistant message with 'usage' has no 'timestamp'");
    }
    signalEdits(message, time, sink);
    Usage usage = message.usage;
    if (usage == null || usage.tokens.total() == 0) {
      return; // an aborted or failed request that read and wrote nothing
    }
    String key =
        entry.id != null
            ? "e:" + entry.id + "@" + timeKey
            : "t:" + sessionId + "@" + timeKey + ":" + message.timestampMillis;
    String eventModel = message.model != null ? message.model : model;
    sink.accept(
        new UsageEvent(
            source,
            key,
            null,
            false,
            time,
            sessionId,
            cwd != null ? cwd : file.project(),
            cwd,
            null,
            file.machineId(),
            message.provider != null ? message.provider : provider,
            eventModel != null && !eventModel.isBlank() ? eventModel : "unknown",
            false,
            usage.tokens,
            usage.cost));
  }

  /** The files the message's {@code write} and {@code edit} tool calls wrote, keyed by call. */
  private void signalEdits(Message message, Instant time, RecordSink sink) {
    if (message.edits.isEmpty()) {
      return;
    }
    SessionSignal.Context at =
        new SessionSignal.Context(source, sessionId, file.machineId(), time, cwd, null, null);
    for (Edit edit : message.edits) {
      long[] written = edit.written();
      if (written.length > 0 && edit.id != null) {
        sink.signal(SessionSignal.edit(at, "e:" + edit.id, edit.path, written));
      }
    }
  }

  /**
   * Reads the entry's fields; returns false as soon as its type shows it is one the parser does not
   * use. pi writes {@code type} first, and a message's {@code role} first in the message.
   */
  private boolean readEntry(Entry entry) throws BadRecordException {
    while (json.nextField()) {
      String field = json.field();
      switch (field) {
        case "type" -> {
          entry.type = json.repeatedText(field);
          if (entry.type != null && !isRead(entry.type)) {
            return false;
          }
        }
        case "customType" -> {
          if (!"model-snapshot".equals(json.repeatedText(field))) {
            return false;
          }
        }
        case "id" -> entry.id = json.text(field);
        case "timestamp" -> entry.timestamp = json.text(field);
        case "cwd" -> entry.cwd = json.repeatedText(field);
        case "provider" -> entry.provider = json.repeatedText(field);
        case "modelId", "model" -> entry.model = json.repeatedText(field);
        case "data" -> {
          if (json.object(field)) {
            readModelSnapshot(entry);
          }
        }
        case "message" -> {
          if (json.object(field)) {
            Message message = new Message();
            if (!readMessage(message)) {
              return false;
            }
            entry.message = message;
          }
        }
        default -> json.skipValue();
      }
    }
    return true;
  }

  private static boolean isRead(String type) {
    return type.equals("message")
        || type.equals("session")
        || type.equals("model_change")
        || type.equals("custom");
  }

  private void readModelSnapshot(Entry entry) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "provider" -> entry.provider = json.repeatedText("data.provider");
        case "modelId", "model" -> entry.model = json.repeatedText("data." + json.field());
        default -> json.skipValue();
      }
    }
  }

  private boolean readMessage(Message message) throws BadRecordException {
    while (json.nextField()) {
      String field = json.field();
      switch (field) {
        case "role" -> {
          if (!"assistant".equals(json.repeatedText("message.role"))) {
            return false;
          }
        }
        case "model" -> message.model = json.repeatedText("message.model");
        case "provider" -> message.provider = json.repeatedText("message.provider");
        case "timestamp" -> message.timestampMillis = json.count("message.timestamp");
        case "usage" -> {
          if (json.object("message.usage")) {
            message.usage = readUsage();
          }
        }
        case "content" -> {
          if (json.atArray() && json.restContains(TOOL_CALL)) {
            readContent(message);
          } else {
            json.skipValue();
          }
        }
        default -> json.skipValue();
      }
    }
    return true;
  }

  private static final byte[] TOOL_CALL = LineProbe.marker("\"toolCall\"");

  /** The tool calls of the message's content; text and thinking are passed over. */
  private void readContent(Message message) throws BadRecordException {
    json.array("message.content");
    while (json.nextElement()) {
      if (!json.object("message.content[]")) {
        continue;
      }
      Edit edit = new Edit();
      boolean toolCall = false;
      while (json.nextField()) {
        switch (json.field()) {
          case "type" -> toolCall = "toolCall".equals(json.repeatedText("message.content[].type"));
          case "id" -> edit.id = json.text("message.content[].id");
          case "name" -> edit.name = json.repeatedText("message.content[].name");
          case "arguments" -> {
            if (json.atString() || !json.object("message.content[].arguments")) {
              json.skipValue();
            } else {
              readArguments(edit);
            }
          }
          default -> json.skipValue();
        }
      }
      if (toolCall && ("write".equals(edit.name) || "edit".equals(edit.name))) {
        message.edits.add(edit);
      }
    }
  }

  /**
   * The arguments of a tool call are the model's: only strings are taken from them, and a value of
   * another type costs the call, not the message's usage.
   */
  private void readArguments(Edit edit) throws BadRecordException {
    while (json.nextField()) {
      String field = json.field();
      if (!json.atString()) {
        json.skipValue();
        continue;
      }
      switch (field) {
        case "path" -> edit.path = json.shortText("arguments.path", MAX_TEXT);
        case "content" -> edit.content = json.textLineHashes("arguments.content");
        case "oldText" -> edit.oldText = json.textLineHashes("arguments.oldText");
        case "newText" -> edit.newText = json.textLineHashes("arguments.newText");
        default -> json.skipValue();
      }
    }
  }

  /**
   * pi's usage is in Anthropic's convention whatever the provider (its OpenAI and Google adapters
   * take cached tokens out of input). A record that gives only {@code totalTokens} counts it as
   * output, as ccusage does, so that token totals agree.
   */
  private Usage readUsage() throws BadRecordException {
    long input = 0;
    long output = 0;
    long cacheRead = 0;
    long cacheWrite = 0;
    long total = 0;
    BigDecimal cost = null;
    while (json.nextField()) {
      switch (json.field()) {
        case "input" -> input = json.count("message.usage.input");
        case "output" -> output = json.count("message.usage.output");
        case "cacheRead" -> cacheRead = json.count("message.usage.cacheRead");
        case "cacheWrite" -> cacheWrite = json.count("message.usage.cacheWrite");
        case "totalTokens" -> total = json.count("message.usage.totalTokens");
        case "cost" -> cost = readCost();
        default -> json.skipValue();
      }
    }
    if (input == 0 && output == 0 && cacheRead == 0 && cacheWrite == 0) {
      output = total;
    }
    TokenCounts tokens = new TokenCounts(input, output, cacheRead, cacheWrite, 0, 0);
    // pi prices a model it does not know at zero: that is no price, and the price table decides.
    return new Usage(tokens, cost != null && cost.signum() > 0 ? cost : null);
  }

  private @Nullable BigDecimal readCost() throws BadRecordException {
    if (!json.object("message.usage.cost")) {
      return null;
    }
    BigDecimal total = null;
    while (json.nextField()) {
      if (json.field().equals("total")) {
        total = json.money("message.usage.cost.total");
      } else {
        json.skipValue();
      }
    }
    return total;
  }

  private static void putIfPresent(Map<String, String> map, String key, @Nullable String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private record Usage(TokenCounts tokens, @Nullable BigDecimal cost) {}

  private static final class Entry {
    @Nullable String type;
    @Nullable String id;
    @Nullable String timestamp;
    @Nullable String cwd;
    @Nullable String provider;
    @Nullable String model;
    @Nullable Message message;
  }

  private static final class Message {
    @Nullable String model;
    @Nullable String provider;
    long timestampMillis = -1;
    @Nullable Usage usage;
    final List<Edit> edits = new ArrayList<>(0);
  }

  /**
   * A {@code write} ({@code path}, {@code content}) or {@code edit} ({@code oldText}, {@code
   * newText}).
   */
  private static final class Edit {
    @Nullable String id;
    @Nullable String name;
    @Nullable String path;
    long @Nullable [] content;
    long @Nullable [] oldText;
    long @Nullable [] newText;

    long[] written() {
      if ("write".equals(name)) {
        return content != null ? content : NO_LINES;
      }
      if (newText == null) {
        return NO_LINES;
      }
      return AgentWork.replaced(oldText != null ? oldText : NO_LINES, newText);
    }
  }

  private static final long[] NO_LINES = {};
}
