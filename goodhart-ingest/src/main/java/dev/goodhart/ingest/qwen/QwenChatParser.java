package dev.goodhart.ingest.qwen;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.gemini.GeminiEdits;
import dev.goodhart.ingest.gemini.GeminiTokenCounts;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Qwen Code chat recording: one record per line, each self-contained ({@code uuid}, {@code
 * sessionId}, {@code timestamp}, {@code type}, {@code cwd}, {@code gitBranch}, ...). An {@code
 * assistant} record is one model response; its {@code usageMetadata} is the Gemini API's, which
 * Qwen Code keeps from its Gemini CLI origin (see {@link GeminiTokenCounts}). Qwen Code reaches
 * most models through OpenAI-compatible APIs and converts their usage, so thinking tokens are taken
 * to be inside the candidates unless the total shows them apart. {@code /branch} copies a session's
 * records into a new session with their {@code uuid}s unchanged, so a response is keyed by its
 * {@code uuid} alone and counted once. The response's {@code functionCall} parts that call {@code
 * write_file} or {@code edit} show the files the session wrote (read as the Gemini package reads
 * Gemini CLI's, {@link GeminiEdits}); they are taken when called, as Codex patches are, since their
 * outcome is in a later record.
 */
final class QwenChatParser implements RecordParser {
  static final String SOURCE = "qwen";
  private static final byte[] USAGE = LineProbe.marker("\"usageMetadata\"");
  private static final byte[] FUNCTION_CALL = LineProbe.marker("\"functionCall\"");
  private static final int MAX_PATH = 1 << 16;

  private final LogFile file;
  private final JsonScanner json = new JsonScanner();

  QwenChatParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    if (!LineProbe.mentions(bytes, offset, length, USAGE)
        && !LineProbe.mentions(bytes, offset, length, FUNCTION_CALL)) {
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    Record record = new Record();
    json.reset(bytes, offset, length).beginObject();
    if (!readRecord(record)) {
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    json.endOfRecord();
    if (!"assistant".equals(record.type)) {
      return;
    }
    String session =
        record.sessionId != null && !record.sessionId.isBlank() ? record.sessionId : file.stem();
    if (record.timestamp != null && !record.edits.isEmpty()) {
      signalEdits(record, session, IsoTimes.parse(record.timestamp, "timestamp"), sink);
    }
    if (record.tokens == null || record.tokens.total() == 0) {
      return;
    }
    if (record.timestamp == null) {
      throw new BadRecordException("an assistant record with 'usageMetadata' has no 'timestamp'");
    }
    String key =
        record.uuid != null && !record.uuid.isBlank()
            ? "u:" + record.uuid
            : "l:"
                + session
                + "@"
                + record.timestamp
                + ":"
                + file.relativeName()
                + ":"
                + lineNumber;
    sink.accept(
        new UsageEvent(
            SOURCE,
            key,
            null,
            false,
            IsoTimes.parse(record.timestamp, "timestamp"),
            session,
            record.cwd != null ? record.cwd : file.project(),
            record.cwd,
            record.gitBranch,
            file.machineId(),
            null,
            record.model != null && !record.model.isBlank() ? record.model : "unknown",
            false,
            record.tokens,
            null));
  }

  private void signalEdits(Record record, String session, Instant time, RecordSink sink) {
    SessionSignal.Context at =
        new SessionSignal.Context(
            SOURCE, session, file.machineId(), time, record.cwd, record.gitBranch, null);
    for (Edit edit : record.edits) {
      long[] written = GeminiEdits.written(edit.name, edit.content, edit.oldString, edit.newString);
      if (written.length > 0 && edit.id != null && !edit.id.isBlank()) {
        sink.signal(SessionSignal.edit(at, "e:" + edit.id, edit.filePath, written));
      }
    }
  }

  /**
   * The record's fields; false as soon as its type shows it is no model response. Qwen Code writes
   * {@code type} before the {@code message}, which holds most of a record's bytes.
   */
  private boolean readRecord(Record record) throws BadRecordException {
    while (json.nextField()) {
      String field = json.field();
      switch (field) {
        case "type" -> {
          record.type = json.repeatedText(field);
          if (!"assistant".equals(record.type)) {
            return false;
          }
        }
        case "uuid" -> record.uuid = json.text(field);
        case "sessionId" -> record.sessionId = json.repeatedText(field);
        case "timestamp" -> record.timestamp = json.text(field);
        case "cwd" -> record.cwd = json.repeatedText(field);
        case "gitBranch" -> record.gitBranch = json.repeatedText(field);
        case "model" -> record.model = json.repeatedText(field);
        case "usageMetadata" -> {
          if (json.object(field)) {
            record.tokens = readUsage();
          }
        }
        case "message" -> {
          if (json.restContains(FUNCTION_CALL) && json.object(field)) {
            readMessage(record);
          } else {
            json.skipValue();
          }
        }
        default -> json.skipValue();
      }
    }
    return true;
  }

  /** The {@code functionCall} parts of the response's {@code Content}; text is passed over. */
  private void readMessage(Record record) throws BadRecordException {
    while (json.nextField()) {
      if (!json.field().equals("parts")) {
        json.skipValue();
        continue;
      }
      if (!json.array("message.parts")) {
        continue;
      }
      while (json.nextElement()) {
        if (!json.object("message.parts[]")) {
          continue;
        }
        while (json.nextField()) {
          if (json.field().equals("functionCall") && json.object("message.parts[].functionCall")) {
            Edit edit = readFunctionCall();
            if (GeminiEdits.writes(edit.name)) {
              record.edits.add(edit);
            }
          } else {
            json.skipValue();
          }
        }
      }
    }
  }

  private Edit readFunctionCall() throws BadRecordException {
    Edit edit = new Edit();
    while (json.nextField()) {
      switch (json.field()) {
        case "id" ->
            edit.id = json.atString() ? json.shortText("functionCall.id", MAX_PATH) : skip();
        case "name" ->
            edit.name = json.atString() ? json.repeatedText("functionCall.name") : skip();
        case "args" -> {
          if (json.atString() || !json.object("functionCall.args")) {
            json.skipValue();
          } else {
            readArguments(edit);
          }
        }
        default -> json.skipValue();
      }
    }
    return edit;
  }

  /**
   * The model's arguments: only strings are taken, and an odd one costs the edit, not the usage.
   */
  private void readArguments(Edit edit) throws BadRecordException {
    while (json.nextField()) {
      String field = json.field();
      if (!json.atString()) {
        json.skipValue();
        continue;
      }
      switch (field) {
        case "file_path" -> edit.filePath = json.shortText("args.file_path", MAX_PATH);
        case "content" -> edit.content = json.textLineHashes("args.content");
        case "old_string" -> edit.oldString = json.textLineHashes("args.old_string");
        case "new_string" -> edit.newString = json.textLineHashes("args.new_string");
        default -> json.skipValue();
      }
    }
  }

  private @Nullable String skip() throws BadRecordException {
    json.skipValue();
    return null;
  }

  private TokenCounts readUsage() throws BadRecordException {
    long prompt = 0;
    long candidates = 0;
    long cached = 0;
    long thoughts = 0;
    long tool = 0;
    long total = 0;
    while (json.nextField()) {
      String field = json.field();
      String path = "usageMetadata." + field;
      switch (field) {
        case "promptTokenCount" -> prompt = json.count(path);
        case "candidatesTokenCount" -> candidates = json.count(path);
        case "cachedContentTokenCount" -> cached = json.count(path);
        case "thoughtsTokenCount" -> thoughts = json.count(path);
        case "toolUsePromptTokenCount" -> tool = json.count(path);
        case "totalTokenCount" -> total = json.count(path);
        default -> json.skipValue();
      }
    }
    return GeminiTokenCounts.of(
        prompt,
        candidates,
        cached,
        thoughts,
        tool,
        total,
        GeminiTokenCounts.Thoughts.INSIDE_CANDIDATES,
        "usageMetadata.promptTokenCount",
        "usageMetadata.cachedContentTokenCount");
  }

  private static final class Record {
    @Nullable String type;
    @Nullable String uuid;
    @Nullable String sessionId;
    @Nullable String timestamp;
    @Nullable String cwd;
    @Nullable String gitBranch;
    @Nullable String model;
    @Nullable TokenCounts tokens;
    final List<Edit> edits = new ArrayList<>(0);
  }

  private static final class Edit {
    @Nullable String id;
    @Nullable String name;
    @Nullable String filePath;
    long @Nullable [] content;
    long @Nullable [] oldString;
    long @Nullable [] newString;
  }
}
