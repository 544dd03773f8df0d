package dev.goodhart.ingest.hermes;

import static dev.goodhart.ingest.json.JsonRecords.count;
import static dev.goodhart.ingest.json.JsonRecords.money;
import static dev.goodhart.ingest.json.JsonRecords.text;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.json.JsonRecords;
import dev.goodhart.ingest.sqlite.EpochTimes;
import dev.goodhart.ingest.sqlite.SessionRowParser;
import dev.goodhart.ingest.sqlite.SessionTotals;
import dev.goodhart.model.TokenCounts;
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
final class HermesSessionParser extends SessionRowParser {
  static final String SOURCE = "hermes";

  HermesSessionParser(LogFile file) {
    super(file);
  }

  @Override
  protected SessionTotals read(byte[] bytes, int offset, int length) throws BadRecordException {
    Session session = new Session();
    JsonRecords.readObject(
        bytes,
        offset,
        length,
        (parser, field) -> {
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
        });
    TokenCounts tokens =
        new TokenCounts(
            session.input,
            Math.addExact(session.output, session.reasoning),
            session.cacheRead,
            session.cacheWrite,
            0,
            session.reasoning);
    return new SessionTotals(
        session.id,
        session.startedAt,
        "started_at",
        session.cwd,
        session.branch,
        session.provider,
        session.model,
        tokens,
        cost(session));
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
