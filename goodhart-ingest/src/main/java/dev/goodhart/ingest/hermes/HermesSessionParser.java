package dev.goodhart.ingest.hermes;

import static dev.goodhart.ingest.json.JsonRecords.count;
import static dev.goodhart.ingest.json.JsonRecords.money;
import static dev.goodhart.ingest.json.JsonRecords.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.ingest.sqlite.EpochTimes;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of Hermes Agent's {@code sessions} table as {@link HermesSource} selects it: a whole
 * session's tokens (input apart from cache reads and writes, output apart from reasoning), one
 * event keyed by the session, dated when it started ({@code started_at}: seconds since the epoch).
 * Reasoning is billed as output and added to it. The cost is the one Hermes recorded: the
 * provider's actual cost, else its estimate; a recorded zero (a subscription's included use) is no
 * cost, so goodhart prices the tokens, as ccusage does.
 */
final class HermesSessionParser implements RecordParser {
  static final String SOURCE = "hermes";

  private final LogFile file;

  HermesSessionParser(LogFile file) {
    this.file = file;
  }

  @Override
  public void parse(byte[] bytes, int offset, int length, long lineNumber, RecordSink sink)
      throws BadRecordException {
    Session session = new Session();
    try (JsonParser parser = JsonRecords.parser(bytes, offset, length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "id" -> session.id = text(parser, field);
          case "model" -> session.model = text(parser, field);
          case "billing_provider" -> session.provider = text(parser, field);
          case "started_at" -> session.startedAt = EpochTimes.read(parser, field);
          case "cwd" -> session.cwd = text(parser, field);
          case "git_branch" -> session.branch = text(parser, field);
          case "input_tokens" -> session.input = count(parser, field);
          case "output_tokens" -> session.output = count(parser, field);
          case "cache_read_tokens" -> session.cacheRead = count(parser, field);
          case "cache_write_tokens" -> session.cacheWrite = count(parser, field);
          case "reasoning_tokens" -> session.reasoning = count(parser, field);
          case "estimated_cost_usd" -> session.estimatedCost = money(parser, field);
          case "actual_cost_usd" -> session.actualCost = money(parser, field);
          default -> parser.skipChildren();
        }
      }
      JsonRecords.endOfRecord(parser);
    } catch (IOException e) {
      throw JsonRecords.malformed(e);
    }
    TokenCounts tokens =
        new TokenCounts(
            session.input,
            Math.addExact(session.output, session.reasoning),
            session.cacheRead,
            session.cacheWrite,
            0,
            session.reasoning);
    if (tokens.total() == 0) {
      return; // a session that made no request yet
    }
    if (session.id == null || session.id.isBlank()) {
      throw new BadRecordException("a session with tokens has no 'id'");
    }
    if (session.startedAt == null) {
      throw new BadRecordException("a session with tokens has no 'started_at'");
    }
    sink.accept(
        new UsageEvent(
            file.source(),
            "s:" + session.id,
            null,
            false,
            session.startedAt,
            session.id,
            session.cwd,
            session.cwd,
            session.branch,
            file.machineId(),
            blankToNull(session.provider),
            session.model != null && !session.model.isBlank() ? session.model.trim() : "unknown",
            false,
            tokens,
            cost(session)));
  }

  private static @Nullable BigDecimal cost(Session session) {
    if (session.actualCost != null && session.actualCost.signum() > 0) {
      return session.actualCost;
    }
    if (session.estimatedCost != null && session.estimatedCost.signum() > 0) {
      return session.estimatedCost;
    }
    return null;
  }

  private static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static final class Session {
    @Nullable String id;
    @Nullable String model;
    @Nullable String provider;
    @Nullable Instant startedAt;
    @Nullable String cwd;
    @Nullable String branch;
    @Nullable BigDecimal estimatedCost;
    @Nullable BigDecimal actualCost;
    long input;
    long output;
    long cacheRead;
    long cacheWrite;
    long reasoning;
  }
}
