package dev.goodhart.ingest.claudecode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Claude Code's status line input, field by field. */
class StatusLineInputTest {
  private static StatusLineInput parse(String json) throws BadRecordException {
    return StatusLineInput.parse(json.getBytes(UTF_8));
  }

  @Test
  void readsTheFieldsTheLineNeedsAndPassesOverTheRest() throws BadRecordException {
    StatusLineInput input =
        parse(
            """
            {"session_id":"s-1","transcript_path":"/h/.claude/projects/-w/s-1.jsonl",
             "model":{"id":"claude-opus-4-6","display_name":"Opus 4.6"},
             "workspace":{"current_dir":"/w","nested":[{"deep":[1,2,{"x":null}]}]},
             "cost":{"total_duration_ms":5,"total_cost_usd":0.056266149999999994},
             "exceeds_200k_tokens":false}""");
    assertEquals("s-1", input.sessionId());
    assertEquals("/h/.claude/projects/-w/s-1.jsonl", input.transcriptPath());
    assertEquals("Opus 4.6", input.model());
    // The dollars exactly as written: never through a double.
    assertEquals(new BigDecimal("0.056266149999999994"), input.reportedCost());
  }

  @Test
  void theModelIdStandsInForAMissingNameAndTheCostMayBeAbsent() throws BadRecordException {
    StatusLineInput input =
        parse(
            "{\"session_id\":\"s\",\"transcript_path\":\"t\",\"model\":{\"id\":\"claude-x\",\"display_name\":\"\"}}");
    assertEquals("claude-x", input.model());
    assertNull(input.reportedCost());
    // No model at all.
    assertNull(parse("{\"session_id\":\"s\",\"transcript_path\":\"t\"}").model());
  }

  @Test
  void whatIsNotTheHooksInputIsABadRecordThatSaysWhy() {
    assertTrue(refusal("{\"transcript_path\":\"t\"}").contains("no 'session_id'"));
    assertTrue(refusal("{\"session_id\":\" \",\"transcript_path\":\"t\"}").contains("session_id"));
    assertTrue(refusal("{\"session_id\":\"s\"}").contains("no 'transcript_path'"));
    assertTrue(refusal("{\"session_id\":7,\"transcript_path\":\"t\"}").contains("session_id"));
    assertTrue(
        refusal("{\"session_id\":\"s\",\"transcript_path\":\"t\",\"cost\":{\"total_cost_usd\":-1}}")
            .contains("negative"));
    refusal("[]");
    refusal("{\"session_id\":\"s\",\"transcript_path\":\"t\"");
    refusal("{\"session_id\":\"s\",\"transcript_path\":\"t\"} trailing");
    refusal("{\"session_id\":\"s\",\"transcript_path\":\"a\\u0000b\"}");
  }

  private static String refusal(String json) {
    return assertThrows(BadRecordException.class, () -> parse(json)).getMessage();
  }
}
