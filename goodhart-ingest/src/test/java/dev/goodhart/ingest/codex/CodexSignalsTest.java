package dev.goodhart.ingest.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.SessionSignal.Kind;
import dev.goodhart.model.git.LineHash;
import java.util.Arrays;
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

  static final String META =
      "{\"timestamp\":\"2026-11-02T10:00:00Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"s-9\","
          + "\"cwd\":\"/w/beta\",\"git\":{\"branch\":\"main\"}}}";

  /** A response item line of the rollout at second {@code second}. */
  static String item(int second, String payload) {
    return "{\"timestamp\":\"2026-11-02T10:00:%02dZ\",\"type\":\"response_item\",\"payload\":%s}"
        .formatted(second, payload);
  }

  static String event(int second, String payload) {
    return "{\"timestamp\":\"2026-11-02T10:00:%02dZ\",\"type\":\"event_msg\",\"payload\":%s}"
        .formatted(second, payload);
  }

  /** Each edit as "key | file | hashes". */
  static List<String> edits(List<SessionSignal> signals) {
    return signals.stream()
        .filter(signal -> signal.kind() == Kind.EDIT)
        .map(s -> s.signalKey() + " | " + s.filePath() + " | " + Arrays.toString(s.lineHashes()))
        .toList();
  }

  static String edit(String key, String file, String... lines) {
    return key
        + " | "
        + file
        + " | "
        + Arrays.toString(Arrays.stream(lines).mapToLong(LineHash::of).toArray());
  }

  @Test
  void keepsEachFileAPatchWroteAndAHashOfEveryLineItWroteNeverItsText() throws BadRecordException {
    String rollout =
        String.join(
            "\n",
            META,
            item(
                1,
                // JSON escapes decode before hashing: a tab, quotes, a backslash, a non-ASCII
                // letter.
                "{\"type\":\"custom_tool_call\",\"name\":\"apply_patch\",\"call_id\":\"call_1\",\"input\":"
                    + "\"*** Begin Patch\\n"
                    + "*** Add File: src/new.py\\n+def f():\\n+\\treturn \\\"a\\\\b\\u00e9\\\"\\n"
                    + "*** Update File: ../beta/src/old.py\\n*** Move to: src/renamed.py\\n@@ def g():\\n"
                    + " ctx = 0\\n-x = 1\\n+x = 2\\n-same = 1\\n+same = 1\\n"
                    + "*** Delete File: src/gone.py\\n"
                    + "*** Update File: /etc/absolute.conf\\n@@\\n+key = value\\n"
                    + "*** End Patch\\n\"}"));

    List<SessionSignal> signals = codex.signals(rollout);

    assertEquals(
        List.of(
            // Paths relative to the session's folder are resolved against it.
            edit(
                "e:call_1:/w/beta/src/new.py",
                "/w/beta/src/new.py",
                "def f():",
                "\treturn \"a\\b\u00e9\""),
            // A moved file is written under its new name; a line removed and added again is no
            // line written.
            edit("e:call_1:/w/beta/src/renamed.py", "/w/beta/src/renamed.py", "x = 2"),
            // An absolute path stays as it is; a deleted file wrote nothing.
            edit("e:call_1:/etc/absolute.conf", "/etc/absolute.conf", "key = value")),
        edits(signals));
    assertEquals(2, signals.getFirst().lines());
    assertFalse(signals.toString().contains("return"), "no code text");
  }

  @Test
  void aShellCommandThatAppliesAPatchWritesItsFilesFromItsFolder() throws BadRecordException {
    String rollout =
        String.join(
            "\n",
            META,
            // bash -lc with a heredoc, after cd, in a workdir: paths start in /w/beta/pkg/sub.
            item(
                1,
                "{\"type\":\"function_call\",\"name\":\"shell\",\"call_id\":\"call_2\",\"arguments\":"
                    + "\"{\\\"command\\\":[\\\"bash\\\",\\\"-lc\\\",\\\"cd sub && apply_patch <<'EOF'\\\\n"
                    + "*** Begin Patch\\\\n*** Add File: a.go\\\\n+package sub\\\\n*** End Patch\\\\nEOF\\\\n\\\"],"
                    + "\\\"workdir\\\":\\\"pkg\\\"}\"}"),
            // A newer shell tool takes the script as one string.
            item(
                2,
                "{\"type\":\"function_call\",\"name\":\"shell_command\",\"call_id\":\"call_3\",\"arguments\":"
                    + "\"{\\\"command\\\":\\\"apply_patch <<'EOF'\\\\n*** Begin Patch\\\\n*** Add File: b.go\\\\n"
                    + "+package b\\\\n*** End Patch\\\\nEOF\\\"}\"}"),
            // A command that only prints a patch applies nothing.
            item(
                3,
                "{\"type\":\"function_call\",\"name\":\"shell\",\"call_id\":\"call_4\",\"arguments\":"
                    + "\"{\\\"command\\\":[\\\"bash\\\",\\\"-lc\\\",\\\"cat > p.diff <<'EOF'\\\\n"
                    + "*** Begin Patch\\\\n*** Add File: c.go\\\\n+package c\\\\n*** End Patch\\\\nEOF\\\"]}\"}"),
            // An older model's local shell runs the heredoc in its working directory.
            item(
                5,
                "{\"type\":\"local_shell_call\",\"call_id\":\"call_6\",\"status\":\"completed\","
                    + "\"action\":{\"type\":\"exec\",\"command\":[\"bash\",\"-lc\",\"apply_patch <<'EOF'\\n"
                    + "*** Begin Patch\\n*** Add File: e.go\\n+package e\\n*** End Patch\\nEOF\"],"
                    + "\"timeout_ms\":null,\"working_directory\":\"/w/beta/old\",\"env\":null,\"user\":null}}"),
            // The apply_patch function tool takes the patch as its input.
            item(
                4,
                "{\"type\":\"function_call\",\"name\":\"apply_patch\",\"call_id\":\"call_5\",\"arguments\":"
                    + "\"{\\\"input\\\":\\\"*** Begin Patch\\\\n*** Add File: d.go\\\\n+package d\\\\n*** End Patch\\\"}\"}"));

    assertEquals(
        List.of(
            edit("e:call_2:/w/beta/pkg/sub/a.go", "/w/beta/pkg/sub/a.go", "package sub"),
            edit("e:call_3:/w/beta/b.go", "/w/beta/b.go", "package b"),
            edit("e:call_6:/w/beta/old/e.go", "/w/beta/old/e.go", "package e"),
            edit("e:call_5:/w/beta/d.go", "/w/beta/d.go", "package d")),
        edits(codex.signals(rollout)));
  }

  @Test
  void anAppliedPatchEventCountsOnlyWhatItsCallDidNotShow() throws BadRecordException {
    String rollout =
        String.join(
            "\n",
            META,
            item(
                1,
                "{\"type\":\"custom_tool_call\",\"name\":\"apply_patch\",\"call_id\":\"call_1\",\"input\":"
                    + "\"*** Begin Patch\\n*** Add File: a.txt\\n+from the call\\n*** End Patch\"}"),
            // The same patch's event: already counted from its call.
            event(
                2,
                "{\"type\":\"patch_apply_end\",\"call_id\":\"call_1\",\"turn_id\":\"t\",\"stdout\":\"ok\","
                    + "\"stderr\":\"\",\"success\":true,\"changes\":{\"/w/beta/a.txt\":"
                    + "{\"type\":\"add\",\"content\":\"from the call\\n\"}}}"),
            // An event whose call the rollout does not show: add, update (moved) and delete.
            event(
                3,
                "{\"type\":\"patch_apply_end\",\"call_id\":\"call_7\",\"turn_id\":\"t\",\"stdout\":\"\","
                    + "\"stderr\":\"\",\"success\":true,\"changes\":{"
                    + "\"/w/beta/n.txt\":{\"type\":\"add\",\"content\":\"n1\\nn2\\n\"},"
                    + "\"u.txt\":{\"type\":\"update\",\"unified_diff\":\"@@ -1,2 +1,2 @@\\n keep\\n-old\\n+new\\n\","
                    + "\"move_path\":\"/w/beta/moved.txt\"},"
                    + "\"/w/beta/d.txt\":{\"type\":\"delete\",\"content\":\"was here\\n\"}}}"),
            // A patch that failed wrote nothing.
            event(
                4,
                "{\"type\":\"patch_apply_end\",\"call_id\":\"call_8\",\"stdout\":\"\",\"stderr\":\"bad\","
                    + "\"success\":false,\"changes\":{\"f.txt\":{\"type\":\"add\",\"content\":\"no\\n\"}}}"),
            // Older builds tagged a change by its only field's name, and wrote a deletion as a
            // word.
            event(
                5,
                "{\"type\":\"patch_apply_end\",\"call_id\":\"call_9\",\"stdout\":\"\",\"stderr\":\"\","
                    + "\"success\":true,\"changes\":{\"old.txt\":{\"add\":{\"content\":\"legacy\"}},"
                    + "\"x.txt\":\"delete\"}}"));

    assertEquals(
        List.of(
            edit("e:call_1:/w/beta/a.txt", "/w/beta/a.txt", "from the call"),
            edit("e:call_7:/w/beta/n.txt", "/w/beta/n.txt", "n1", "n2"),
            edit("e:call_7:/w/beta/moved.txt", "/w/beta/moved.txt", "new"),
            edit("e:call_9:/w/beta/old.txt", "/w/beta/old.txt", "legacy")),
        edits(codex.signals(rollout)));
  }

  @Test
  void readsTheSampleRolloutOfAnAppServerSession() throws BadRecordException {
    String rollout = ParserHarness.sample("codex_rollout_patches.jsonl");

    List<SessionSignal> signals = codex.signals(rollout);

    String folder = "/home/dev/work/ledger";
    assertEquals(
        List.of(
            // The patch call; its patch_apply_end repeats it and adds nothing.
            edit(
                "e:call_Fz1:" + folder + "/src/fees.py",
                folder + "/src/fees.py",
                "def fee(amount: int) -> int:",
                "    \"\"\"Two percent, at least one cent.\"\"\"",
                "    return max(1, amount * 2 // 100)"),
            edit(
                "e:call_Fz1:" + folder + "/src/invoice.py",
                folder + "/src/invoice.py",
                "    subtotal = sum(line.amount for line in lines)",
                "    return subtotal + fee(subtotal)",
                "from fees import fee"),
            // A shell heredoc after cd, in the call's workdir.
            edit(
                "e:call_Gq2:" + folder + "/tests/test_fees.py",
                folder + "/tests/test_fees.py",
                "from fees import fee",
                "",
                "def test_minimum():",
                "    assert fee(10) == 1"),
            // An event whose call the rollout does not show: a moved update; a deletion wrote
            // nothing.
            edit(
                "e:call_Hx3:" + folder + "/src/fee_rates.py",
                folder + "/src/fee_rates.py",
                "    \"eur\": 3,")),
        edits(signals));
    assertEquals(
        List.of(Kind.PROMPT, Kind.EDIT, Kind.EDIT, Kind.EDIT, Kind.EDIT, Kind.COMMIT),
        signals.stream().map(SessionSignal::kind).toList());
    assertEquals("3b9d0e1", signals.getLast().commitRef());
    assertEquals(2, codex.lines(rollout).size(), "two token counts");
  }

  @Test
  void anImportResumedBetweenAPatchCallAndItsEventReadsOnAlike() throws BadRecordException {
    String call =
        item(
            1,
            "{\"type\":\"custom_tool_call\",\"name\":\"apply_patch\",\"call_id\":\"call_1\",\"input\":"
                + "\"*** Begin Patch\\n*** Add File: a.txt\\n+a\\n*** End Patch\"}");
    String applied =
        event(
            2,
            "{\"type\":\"patch_apply_end\",\"call_id\":\"call_1\",\"success\":true,"
                + "\"changes\":{\"/w/beta/a.txt\":{\"type\":\"add\",\"content\":\"a\\n\"}}}");

    assertEquals(1, codex.signals(META + "\n" + call).size());
    // The next import starts at the event, with the state the last one saved.
    assertEquals(List.of(), codex.signals(applied, codex.lastState()));
    // Once its event came, the call is no longer kept.
    assertFalse(codex.lastState().contains("call_1"));
  }

  @Test
  void patchesBetweenTheTokenCountsChangeNoUsage() throws BadRecordException {
    String rollout = ParserHarness.sample("codex_rollout_synthetic.jsonl");
    StringBuilder withPatches = new StringBuilder();
    int second = 0;
    for (String line : rollout.split("\n")) {
      withPatches.append(line).append('\n');
      second++;
      withPatches
          .append(
              item(
                  second % 60,
                  "{\"type\":\"custom_tool_call\",\"name\":\"apply_patch\",\"call_id\":\"c"
                      + second
                      + "\",\"input\":\"*** Begin Patch\\n*** Add File: f.txt\\n+x\\n*** End Patch\"}"))
          .append('\n')
          .append(
              event(
                  second % 60,
                  "{\"type\":\"patch_apply_end\",\"call_id\":\"d"
                      + second
                      + "\",\"success\":true,\"changes\":{\"g.txt\":{\"type\":\"add\",\"content\":\"y\"}}}"))
          .append('\n');
    }

    assertEquals(
        codex.lines(rollout).stream().map(e -> e.eventKey() + " " + e.tokens()).toList(),
        codex.lines(withPatches.toString()).stream()
            .map(e -> e.eventKey() + " " + e.tokens())
            .toList());
  }
}
