package dev.goodhart.ingest.kimi;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.EpochTimes;
import dev.goodhart.ingest.json.JsonScanner;
import dev.goodhart.ingest.json.LineProbe;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A Kimi CLI wire file: a {@code metadata} line, then {@code {timestamp, message: {type, payload}}}
 * records, the timestamp in seconds with a fraction. A {@code StatusUpdate} whose payload has
 * {@code token_usage} is one step's request: {@code input_other} (input without cache), {@code
 * output}, {@code input_cache_read}, {@code input_cache_creation}, and the provider's {@code
 * message_id}. A sub-agent's steps reach the parent's wire wrapped in {@code SubagentEvent}
 * records, and its own wire file under {@code subagents/<agent>/} too; both count in the parent
 * session. Requests are keyed by their message id alone, so that a sub-agent's step read from both
 * files, or a forked session's copied lines, count once.
 */
final class KimiWireParser implements RecordParser {
  static final String SOURCE = "kimi";
  static final String PROVIDER = "moonshot";
  private static final byte[] TOKEN_USAGE = LineProbe.marker("\"token_usage\"");

  private final LogFile file;
  private final String sessionId;
  private final @Nullable String agentId;
  private final @Nullable String workDir;
  private final String model;
  private final JsonScanner json = new JsonScanner();

  /**
   * @param agentId the sub-agent whose own wire file this is, or null for a session's wire
   */
  KimiWireParser(
      LogFile file,
      String sessionId,
      @Nullable String agentId,
      @Nullable String workDir,
      String model) {
    this.file = file;
    this.sessionId = sessionId;
    this.agentId = agentId;
    this.workDir = workDir;
    this.model = model;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    if (!LineProbe.mentions(bytes, offset, length, TOKEN_USAGE)) {
      // Turns, tool calls, approvals: everything but the usage the wire records.
      LineProbe.requireObjectFraming(bytes, offset, length);
      return;
    }
    Record record = new Record();
    json.reset(bytes, offset, length).beginObject();
    while (json.nextField()) {
      switch (json.field()) {
        case "timestamp" -> record.timestamp = json.number("timestamp");
        case "message" -> {
          if (json.object("message")) {
            readMessage(record, "message", false);
          }
        }
        default -> json.skipValue();
      }
    }
    json.endOfRecord();
    if (record.usage == null || record.usage.total() == 0) {
      return;
    }
    if (record.timestamp == null) {
      throw new BadRecordException("a StatusUpdate with 'token_usage' has no 'timestamp'");
    }
    sink.accept(
        new UsageEvent(
            SOURCE,
            key(record),
            null,
            false,
            EpochTimes.ofSeconds(record.timestamp, "timestamp"),
            sessionId,
            workDir != null ? workDir : file.project(),
            workDir,
            null,
            file.machineId(),
            PROVIDER,
            model,
            false,
            record.usage,
            null));
  }

  /**
   * The provider's message id when the step has one. Without it: a step of the session's own is its
   * session and time; a sub-agent's step is its agent and token counts, which its own wire file and
   * the parent's copy share (their times differ).
   */
  private String key(Record record) {
    if (record.messageId != null && !record.messageId.isBlank()) {
      return "m:" + record.messageId;
    }
    String agent = record.agentId != null ? record.agentId : agentId;
    TokenCounts tokens = record.usage;
    if (agent != null && tokens != null) {
      return "a:%s|%d,%d,%d,%d"
          .formatted(
              agent, tokens.input(), tokens.output(), tokens.cacheRead(), tokens.cacheWrite5m());
    }
    return "s:" + sessionId + "@" + record.timestamp;
  }

  /** A {@code {type, payload}} envelope; a {@code SubagentEvent} carries another in its payload. */
  private void readMessage(Record record, String path, boolean nested) throws BadRecordException {
    String type = null;
    while (json.nextField()) {
      switch (json.field()) {
        case "type" -> type = json.repeatedText(path + ".type");
        case "payload" -> {
          if (!json.object(path + ".payload")) {
            continue;
          }
          if ("StatusUpdate".equals(type)) {
            readStatus(record, path + ".payload");
          } else if ("SubagentEvent".equals(type) && !nested) {
            readSubagentEvent(record, path + ".payload");
          } else {
            skipRest();
          }
        }
        default -> json.skipValue();
      }
    }
  }

  private void readSubagentEvent(Record record, String path) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "agent_id" -> record.agentId = json.text(path + ".agent_id");
        case "event" -> {
          if (json.object(path + ".event")) {
            readMessage(record, path + ".event", true);
          }
        }
        default -> json.skipValue();
      }
    }
  }

  private void readStatus(Record record, String path) throws BadRecordException {
    while (json.nextField()) {
      switch (json.field()) {
        case "message_id" -> record.messageId = json.text(path + ".message_id");
        case "token_usage" -> {
          if (json.object(path + ".token_usage")) {
            record.usage = readUsage(path + ".token_usage");
          }
        }
        default -> json.skipValue();
      }
    }
  }

  /** The rest of an object whose fields do not matter. */
  private void skipRest() throws BadRecordException {
    while (json.nextField()) {
      json.skipValue();
    }
  }

  /**
   * Kimi's own convention (kosong's {@code TokenUsage}): {@code input_other} excludes cache reads
   * and writes, {@code output} is all output. A usage that gives only {@code total} counts it as
   * output, as ccusage does.
   */
  private TokenCounts readUsage(String path) throws BadRecordException {
    long input = 0;
    long output = 0;
    long cacheRead = 0;
    long cacheWrite = 0;
    long total = 0;
    while (json.nextField()) {
      switch (json.field()) {
        case "input_other" -> input = json.count(path + ".input_other");
        case "output" -> output = json.count(path + ".output");
        case "input_cache_read" -> cacheRead = json.count(path + ".input_cache_read");
        case "input_cache_creation" -> cacheWrite = json.count(path + ".input_cache_creation");
        case "total" -> total = json.count(path + ".total");
        default -> json.skipValue();
      }
    }
    if (input == 0 && output == 0 && cacheRead == 0 && cacheWrite == 0) {
      output = total;
    }
    return new TokenCounts(input, output, cacheRead, cacheWrite, 0, 0);
  }

  private static final class Record {
    @Nullable BigDecimal timestamp;
    @Nullable String messageId;
    @Nullable String agentId;
    @Nullable TokenCounts usage;
  }
}
