package dev.goodhart.ingest.qwen;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.gemini.GeminiTokenCounts;
import dev.goodhart.ingest.json.IsoTimes;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import org.jspecify.annotations.Nullable;

/**
 * A Qwen Code chat recording: one record per line, each self-contained ({@code uuid}, {@code
 * sessionId}, {@code timestamp}, {@code type}, {@code cwd}, {@code gitBranch}, ...). An {@code
 * assistant} record is one model response; its {@code usageMetadata} is the Gemini API's, which
 * Qwen Code keeps from its Gemini CLI origin (see {@link GeminiTokenCounts}). Qwen Code reaches
 * most models through OpenAI-compatible APIs and converts their usage, so thinking tokens are taken
 * to be inside the candidates unless the total shows them apart. {@code /branch} copies a session's
 * records into a new session with their {@code uuid}s unchanged, so a response is keyed by its
 * {@code uuid} alone and counted once.
 */
final class QwenChatParser implements RecordParser {
  static final String SOURCE = "qwen";
  private static final byte[] USAGE = LineProbe.marker("\"usageMetadata\"");

  private final LogFile file;
  private final JsonScanner json = new JsonScanner();

  QwenChatParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    if (!LineProbe.mentions(bytes, offset, length, USAGE)) {
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
    if (!"assistant".equals(record.type) || record.tokens == null || record.tokens.total() == 0) {
      return;
    }
    if (record.timestamp == null) {
      throw new BadRecordException("an assistant record with 'usageMetadata' has no 'timestamp'");
    }
    String session =
        record.sessionId != null && !record.sessionId.isBlank() ? record.sessionId : file.stem();
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
        default -> json.skipValue();
      }
    }
    return true;
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
  }
}
