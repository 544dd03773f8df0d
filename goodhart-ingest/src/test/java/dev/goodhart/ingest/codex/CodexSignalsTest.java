package dev.goodhart.ingest.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.SessionSignal.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a rollout shows a Codex session did: prompts, patches and the commits shells printed. */
class CodexSignalsTest {
  final ParserHarness codex =
      new ParserHarness(
          new CodexSource(),
          "sessions/2026/11/02/rollout-2026-11-02T10-00-00-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl");

  @Test
  void readsPromptsPatchesAndCommits() throws BadRecordException {
    String rollout =
        String.join(
            "\n",
            "{\"timestamp\":\"2026-11-02T10:00:00Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"s-9\","
                + "\"cwd\":\"/w/beta\",\"git\":{\"branch\":\"main\",\"repository_url\":\"git@example.com:o/beta.git\"}}}",
            "{\"timestamp\":\"2026-11-02T10:00:01Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\","
                + "\"message\":\"fix the test\",\"images\":[]}}",
            "{\"timestamp\":\"2026-11-02T10:00:02Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"reasoning\","
                + "\"summary\":[]}}",
            "{\"timestamp\":\"2026-11-02T10:00:03Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"custom_tool_call\","
                + "\"name\":\"apply_patch\",\"call_id\":\"call_1\",\"input\":\"*** Begin Patch\\n*** Update File: a.rs\\n@@\\n-old\\n+new\\n+more\\n*** End Patch\\n\"}}",
            "{\"timestamp\":\"2026-11-02T10:00:04Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"function_call\","
                + "\"name\":\"shell\",\"arguments\":\"{\\\"command\\\":[\\\"apply_patch\\\",\\\"*** Begin Patch\\\\n*** Add File: b.rs\\\\n+one\\\\n*** End Patch\\\"]}\",\"call_id\":\"call_2\"}}",
            "{\"timestamp\":\"2026-11-02T10:00:05Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"function_call\","
                + "\"name\":\"shell\",\"arguments\":\"{\\\"command\\\":[\\\"bash\\\",\\\"-lc\\\",\\\"git commit -m fix\\\"]}\",\"call_id\":\"call_3\"}}",
            "{\"timestamp\":\"2026-11-02T10:00:06Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"function_call_output\","
                + "\"call_id\":\"call_3\",\"output\":\"{\\\"output\\\":\\\"[main 0123abcd] fix\\\\n 1 file changed\\\",\\\"metadata\\\":{\\\"exit_code\\\":0}}\"}}");

    List<SessionSignal> signals = codex.signals(rollout);

    assertEquals(
        List.of(Kind.PROMPT, Kind.EDIT, Kind.EDIT, Kind.COMMIT),
        signals.stream().map(SessionSignal::kind).toList());
    assertEquals("s-9", signals.getFirst().sessionId());
    assertEquals("git@example.com:o/beta.git", signals.getFirst().repositoryUrl());
    assertEquals("/w/beta", signals.getFirst().cwd());
    assertEquals(2, signals.get(1).lines());
    assertEquals(1, signals.get(2).lines());
    assertEquals("0123abcd", signals.get(3).commitRef());
    assertEquals("main", signals.get(3).commitBranch());
  }
}
