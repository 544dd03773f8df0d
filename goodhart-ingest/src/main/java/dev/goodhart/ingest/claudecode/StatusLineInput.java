package dev.goodhart.ingest.claudecode;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.json.JsonScanner;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * What Claude Code sends its status line command on standard input (one JSON object), as far as
 * {@code goodhart statusline} needs it: the session, its transcript, the model's name ({@code
 * model.display_name}, else {@code model.id}) and Claude Code's own figure of the session's cost
 * ({@code cost.total_cost_usd}, dollars, kept exact). Every other field is passed over, so what a
 * newer Claude Code adds is read as well.
 *
 * @param reportedCost {@code cost.total_cost_usd}, null when absent
 */
public record StatusLineInput(
    String sessionId,
    String transcriptPath,
    @Nullable String model,
    @Nullable BigDecimal reportedCost) {
  public StatusLineInput {
    requireNonNull(sessionId, "sessionId is null");
    requireNonNull(transcriptPath, "transcriptPath is null");
  }

  /** Reads the hook's JSON; {@link BadRecordException} saying what is wrong when it is not that. */
  public static StatusLineInput parse(byte[] input) throws BadRecordException {
    Fields fields = new Fields();
    JsonScanner json = new JsonScanner();
    json.reset(input, 0, input.length).beginObject();
    while (json.nextField()) {
      switch (json.field()) {
        case "session_id" -> fields.sessionId = json.text("session_id");
        case "transcript_path" -> fields.transcript = json.text("transcript_path");
        case "model" -> readModel(json, fields);
        case "cost" -> readCost(json, fields);
        default -> json.skipValue();
      }
    }
    json.endOfRecord();
    if (fields.sessionId == null || fields.sessionId.isBlank()) {
      throw new BadRecordException("it has no 'session_id'");
    }
    if (fields.transcript == null || fields.transcript.isBlank()) {
      throw new BadRecordException("it has no 'transcript_path'");
    }
    if (fields.transcript.indexOf('\0') >= 0) {
      throw new BadRecordException(
          "'transcript_path' holds a NUL character: no file has that name");
    }
    return new StatusLineInput(fields.sessionId, fields.transcript, fields.model, fields.cost);
  }

  private static void readModel(JsonScanner json, Fields fields) throws BadRecordException {
    if (!json.object("model")) {
      return;
    }
    String id = null;
    String display = null;
    while (json.nextField()) {
      switch (json.field()) {
        case "id" -> id = json.text("model.id");
        case "display_name" -> display = json.text("model.display_name");
        default -> json.skipValue();
      }
    }
    fields.model = display != null && !display.isBlank() ? display : id;
  }

  private static void readCost(JsonScanner json, Fields fields) throws BadRecordException {
    if (!json.object("cost")) {
      return;
    }
    while (json.nextField()) {
      if (json.field().equals("total_cost_usd")) {
        fields.cost = json.money("cost.total_cost_usd");
      } else {
        json.skipValue();
      }
    }
  }

  private static final class Fields {
    @Nullable String sessionId;
    @Nullable String transcript;
    @Nullable String model;
    @Nullable BigDecimal cost;
  }
}
