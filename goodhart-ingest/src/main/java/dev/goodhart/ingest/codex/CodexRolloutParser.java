package dev.goodhart.ingest.codex;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.ingest.json.ParserState;
import dev.goodhart.model.UsageEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a rollout line by line, carrying the session, working directory, branch and model from
 * earlier lines and the session's running token total. A {@code token_count} event counts its
 * {@code last_token_usage}, else the growth of {@code total_token_usage}; an event whose total did
 * not grow repeats the previous one and counts nothing. The key of an event is its session and
 * running total, so the same event in {@code sessions/} and {@code archived_sessions/}, or replayed
 * into a forked session after its parent's {@code session_meta}, is stored once.
 */
final class CodexRolloutParser implements RecordParser {
  static final String SOURCE = "codex";
  private static final Pattern ROLLOUT_ID =
      Pattern.compile(
          "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$");

  private final LogFile file;
  private final JsonScanner json = new JsonScanner();
  private String sessionId;
  private @Nullable String cwd;
  private @Nullable String branch;
  private @Nullable String model;
  private @Nullable String provider;
  private @Nullable CodexTokenUsage runningTotal;

  CodexRolloutParser(LogFile file, String state) {
    this.file = file;
    Matcher id = ROLLOUT_ID.matcher(file.stem());
    this.sessionId = id.find() ? id.group(1) : file.stem();
    Map<String, String> saved = ParserState.decode(state);
    this.sessionId = saved.getOrDefault("session", sessionId);
    this.cwd = saved.get("cwd");
    this.branch = saved.get("branch");
    this.model = saved.get("model");
    this.provider = saved.get("provider");
    String total = saved.get("total");
    try {
      this.runningTotal = total == null ? null : CodexTokenUsage.parseSignature(total);
    } catch (IllegalArgumentException e) {
      this.runningTotal = null; // damaged state: the next cumulative total starts a new baseline
    }
  }

  @Override
  public String state() {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("session", sessionId);
    putIfPresent(state, "cwd", cwd);
    putIfPresent(state, "branch", branch);
    putIfPresent(state, "model", model);
    putIfPresent(state, "provider", provider);
    if (runningTotal != null) {
      state.put("total", runningTotal.signature());
    }
    return ParserState.encode(state);
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    Line line = new Line();
    json.reset(bytes, offset, length).beginObject();
    if (!readLine(json, line)) {
      // Response items and other events: most of the bytes, none of the usage.
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    json.endOfRecord();
    if (line.type == null) {
      return;
    }
    switch (line.type) {
      case "session_meta" -> {
        if (line.id != null) {
          sessionId = line.id;
        }
        cwd = line.cwd != null ? line.cwd : cwd;
        branch = line.branch != null ? line.branch : branch;
        provider = line.provider != null ? line.provider : provider;
      }
      case "turn_context" -> {
        model = line.model != null ? line.model : model;
        cwd = line.cwd != null ? line.cwd : cwd;
      }
      case "event_msg" -> {
        if ("token_count".equals(line.payloadType) && line.hasInfo) {
          countTokens(line, sink);
        }
      }
      default -> {}
    }
  }

  private void countTokens(Line line, RecordSink sink) throws BadRecordException {
    CodexTokenUsage used;
    String key;
    if (line.total != null) {
      if (line.total.equals(runningTotal)) {
        return; // the same event written again
      }
      CodexTokenUsage growth = runningTotal == null ? line.total : line.total.minus(runningTotal);
      // A total that went backwards restarted the counter: it is all new usage.
      used = line.last != null ? line.last : growth != null ? growth : line.total;
      runningTotal = line.total;
      key = sessionId + "|t:" + line.total.signature();
    } else if (line.last != null) {
      used = line.last;
      runningTotal = (runningTotal == null ? CodexTokenUsage.ZERO : runningTotal).plus(line.last);
      key = sessionId + "|at:" + line.timestamp + "|l:" + line.last.signature();
    } else {
      return;
    }
    if (used.isZero()) {
      return;
    }
    if (line.timestamp == null) {
      throw new BadRecordException("a token_count event has no 'timestamp'");
    }
    String eventModel = line.infoModel != null ? line.infoModel : model;
    sink.accept(
        new UsageEvent(
            SOURCE,
            key,
            null,
            false,
            IsoTimes.parse(line.timestamp, "timestamp"),
            sessionId,
            cwd,
            cwd,
            branch,
            file.machineId(),
            provider != null ? provider : "openai",
            eventModel != null ? eventModel : "unknown",
            false,
            used.toTokenCounts(),
            null));
  }

  /**
   * Reads the fields of a line; stops and returns false as soon as its types show it is a record
   * the parser does not use. Codex writes {@code type} before {@code payload}, and an event's
   * {@code payload.type} first in the payload, so the large records are never scanned.
   */
  private static boolean readLine(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      String field = json.field();
      switch (field) {
        case "timestamp" -> line.timestamp = json.text(field);
        case "type" -> {
          line.type = json.repeatedText(field);
          if (line.type != null && !isRead(line.type)) {
            return false;
          }
        }
        case "payload" -> {
          if (json.object(field) && !readPayload(json, line)) {
            return false;
          }
        }
        default -> json.skipValue();
      }
    }
    return true;
  }

  private static boolean isRead(String type) {
    return type.equals("session_meta") || type.equals("turn_context") || type.equals("event_msg");
  }

  private static boolean readPayload(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "type" -> {
          line.payloadType = json.repeatedText("payload.type");
          if ("event_msg".equals(line.type) && !"token_count".equals(line.payloadType)) {
            return false;
          }
        }
        case "id" -> line.id = json.text("payload.id");
        case "cwd" -> line.cwd = json.text("payload.cwd");
        case "model" -> line.model = json.text("payload.model");
        case "model_provider" -> line.provider = json.text("payload.model_provider");
        case "git" -> {
          if (json.object("payload.git")) {
            readGit(json, line);
          }
        }
        case "info" -> {
          if (json.object("payload.info")) {
            line.hasInfo = true;
            readInfo(json, line);
          }
        }
        default -> json.skipValue();
      }
    }
    return true;
  }

  private static void readGit(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      if (json.field().equals("branch")) {
        line.branch = json.text("payload.git.branch");
      } else {
        json.skipValue();
      }
    }
  }

  private static void readInfo(JsonScanner json, Line line) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "total_token_usage" -> line.total = readUsage(json, "payload.info.total_token_usage");
        case "last_token_usage" -> line.last = readUsage(json, "payload.info.last_token_usage");
        case "model" -> line.infoModel = json.text("payload.info.model");
        default -> json.skipValue();
      }
    }
  }

  private static @Nullable CodexTokenUsage readUsage(JsonScanner json, String path)
      throws BadRecordException {
    if (!json.object(path)) {
      return null;
    }
    long input = 0;
    long cached = 0;
    long cacheWrite = 0;
    long output = 0;
    long reasoning = 0;
    while (json.nextField()) {
      switch (json.field()) {
        case "input_tokens" -> input = json.count(path + ".input_tokens");
        case "cached_input_tokens" -> cached = json.count(path + ".cached_input_tokens");
        case "cache_write_input_tokens" ->
            cacheWrite = json.count(path + ".cache_write_input_tokens");
        case "output_tokens" -> output = json.count(path + ".output_tokens");
        case "reasoning_output_tokens" -> reasoning = json.count(path + ".reasoning_output_tokens");
        default -> json.skipValue();
      }
    }
    return new CodexTokenUsage(input, cached, cacheWrite, output, reasoning);
  }

  private static void putIfPresent(Map<String, String> map, String key, @Nullable String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static final class Line {
    @Nullable String timestamp;
    @Nullable String type;
    @Nullable String payloadType;
    @Nullable String id;
    @Nullable String cwd;
    @Nullable String branch;
    @Nullable String model;
    @Nullable String provider;
    @Nullable String infoModel;
    boolean hasInfo;
    @Nullable CodexTokenUsage total;
    @Nullable CodexTokenUsage last;
  }
}
