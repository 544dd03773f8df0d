package dev.goodhart.ingest.codex;

import static dev.goodhart.ingest.json.JsonRecords.count;
import static dev.goodhart.ingest.json.JsonRecords.object;
import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.ingest.json.ParserState;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
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
  private static final byte[] TOKEN_COUNT = LineProbe.marker("\"token_count\"");
  private static final byte[] TURN_CONTEXT = LineProbe.marker("\"turn_context\"");
  private static final byte[] SESSION_META = LineProbe.marker("\"session_meta\"");
  private static final Pattern ROLLOUT_ID =
      Pattern.compile(
          "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$");

  private final LogFile file;
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
    if (!LineProbe.mentions(bytes, offset, length, TOKEN_COUNT)
        && !LineProbe.mentions(bytes, offset, length, TURN_CONTEXT)
        && !LineProbe.mentions(bytes, offset, length, SESSION_META)) {
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    Line line = new Line();
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "timestamp" -> line.timestamp = text(parser, field);
          case "type" -> line.type = text(parser, field);
          case "payload" -> {
            if (object(parser, field)) {
              readPayload(parser, line);
            }
          }
          default -> parser.skipChildren();
        }
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
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

  private static void readPayload(JsonParser parser, Line line)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "type" -> line.payloadType = text(parser, "payload.type");
        case "id" -> line.id = text(parser, "payload.id");
        case "cwd" -> line.cwd = text(parser, "payload.cwd");
        case "model" -> line.model = text(parser, "payload.model");
        case "model_provider" -> line.provider = text(parser, "payload.model_provider");
        case "git" -> {
          if (object(parser, "payload.git")) {
            readGit(parser, line);
          }
        }
        case "info" -> {
          if (object(parser, "payload.info")) {
            line.hasInfo = true;
            readInfo(parser, line);
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  private static void readGit(JsonParser parser, Line line) throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("branch")) {
        line.branch = text(parser, "payload.git.branch");
      } else {
        parser.skipChildren();
      }
    }
  }

  private static void readInfo(JsonParser parser, Line line)
      throws IOException, BadRecordException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "total_token_usage" ->
            line.total = readUsage(parser, "payload.info.total_token_usage");
        case "last_token_usage" -> line.last = readUsage(parser, "payload.info.last_token_usage");
        case "model" -> line.infoModel = text(parser, "payload.info.model");
        default -> parser.skipChildren();
      }
    }
  }

  private static @Nullable CodexTokenUsage readUsage(JsonParser parser, String path)
      throws IOException, BadRecordException {
    if (!object(parser, path)) {
      return null;
    }
    long input = 0;
    long cached = 0;
    long cacheWrite = 0;
    long output = 0;
    long reasoning = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "input_tokens" -> input = count(parser, path + ".input_tokens");
        case "cached_input_tokens" -> cached = count(parser, path + ".cached_input_tokens");
        case "cache_write_input_tokens" ->
            cacheWrite = count(parser, path + ".cache_write_input_tokens");
        case "output_tokens" -> output = count(parser, path + ".output_tokens");
        case "reasoning_output_tokens" ->
            reasoning = count(parser, path + ".reasoning_output_tokens");
        default -> parser.skipChildren();
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
