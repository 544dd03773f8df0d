package dev.goodhart.ingest.claudecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.SessionSignal.Kind;
import dev.goodhart.model.git.LineHash;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a transcript shows a session did: the prompts, the lines its edits wrote, its commits. */
class ClaudeCodeSignalsTest {
  final ParserHarness claude =
      new ParserHarness(new ClaudeCodeSource(), "-home-dev-work-alpha/s.jsonl");

  static final String HEAD =
      "\"sessionId\":\"s-1\",\"cwd\":\"/home/dev/work/alpha\",\"gitBranch\":\"feature/x\",";

  static String user(String uuid, String time, String message) {
    return "{\"parentUuid\":null,\"isSidechain\":false,"
        + HEAD
        + "\"type\":\"user\",\"message\":"
        + message
        + ",\"uuid\":\""
        + uuid
        + "\",\"timestamp\":\""
        + time
        + "\"}";
  }

  static String assistant(String id, String time, String content) {
    return "{\"parentUuid\":\"u\",\"isSidechain\":false,"
        + HEAD
        + "\"message\":{\"id\":\"msg_"
        + id
        + "\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":["
        + content
        + "],"
        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":20}},\"requestId\":\"req_"
        + id
        + "\",\"type\":\"assistant\",\"uuid\":\"a-"
        + id
        + "\",\"timestamp\":\""
        + time
        + "\"}";
  }

  @Test
  void readsPromptsEditsAndTheCommitsToolOutputPrinted() throws BadRecordException {
    String transcript =
        String.join(
            "\n",
            user(
                "u-1",
                "2026-11-02T10:00:00Z",
                "{\"role\":\"user\",\"content\":\"Add  the parser\"}"),
            assistant(
                "1",
                "2026-11-02T10:00:05Z",
                "{\"type\":\"text\",\"text\":\"I will edit it.\"},"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Edit\",\"input\":"
                    + "{\"file_path\":\"/home/dev/work/alpha/a.py\",\"old_string\":\"x = 1\\ny = 2\","
                    + "\"new_string\":\"x = 1\\ny = 3\\nz = 4\\n\"}}"),
            assistant(
                "2",
                "2026-11-02T10:00:09Z",
                "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"Write\",\"input\":"
                    + "{\"file_path\":\"/home/dev/work/alpha/b.py\",\"content\":\"a\\nb\\nc\\n\"}},"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_3\",\"name\":\"MultiEdit\",\"input\":"
                    + "{\"file_path\":\"/x\",\"edits\":[{\"old_string\":\"p\",\"new_string\":\"q\"},"
                    + "{\"old_string\":\"\",\"new_string\":\"r\\ns\"}]}}"),
            assistant(
                "3",
                "2026-11-02T10:01:00Z",
                "{\"type\":\"tool_use\",\"id\":\"toolu_4\",\"name\":\"Bash\",\"input\":"
                    + "{\"command\":\"git commit -m \\\"Add the parser\\\"\",\"description\":\"Commit\"}}"),
            user(
                "u-2",
                "2026-11-02T10:01:02Z",
                "{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"toolu_4\",\"type\":\"tool_result\","
                    + "\"content\":\"black....Passed\\n[feature/x 1a2b3c4] Add the parser\\n 2 files changed\","
                    + "\"is_error\":false}]}"),
            user(
                "u-3",
                "2026-11-02T10:02:00Z",
                "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"add the   parser\"}]}"),
            user(
                "u-4",
                "2026-11-02T10:03:00Z",
                "{\"role\":\"user\",\"content\":\"<command-name>/clear</command-name>\"}"));

    List<SessionSignal> signals = claude.signals(transcript);

    assertEquals(
        List.of(Kind.PROMPT, Kind.EDIT, Kind.EDIT, Kind.EDIT, Kind.COMMIT, Kind.PROMPT),
        signals.stream().map(SessionSignal::kind).toList());
    SessionSignal prompt = signals.getFirst();
    assertEquals("s-1", prompt.sessionId());
    assertEquals("/home/dev/work/alpha", prompt.cwd());
    assertEquals("feature/x", prompt.gitBranch());
    assertEquals(15, prompt.textLength());
    assertEquals(
        prompt.textHash(),
        signals.get(5).textHash(),
        "case and white space do not tell prompts apart");
    assertEquals(2, signals.get(1).lines(), "y = 3 and z = 4 are new; x = 1 was there");
    assertEquals(3, signals.get(2).lines());
    assertEquals(3, signals.get(3).lines(), "q, r and s");
    SessionSignal commit = signals.get(4);
    assertEquals("1a2b3c4", commit.commitRef());
    assertEquals("feature/x", commit.commitBranch());
    assertEquals(Instant.parse("2026-11-02T10:01:02Z"), commit.timestamp());
  }

  @Test
  void keepsTheFileAndAHashOfEveryLineAnEditWroteNeverItsText() throws BadRecordException {
    String transcript =
        String.join(
            "\n",
            assistant(
                "1",
                "2026-11-02T10:00:05Z",
                // JSON escapes decode before hashing: a tab, a quote, a backslash, a non-ASCII
                // letter, a CRLF line end and trailing blanks are the text git will hold.
                "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Write\",\"input\":"
                    + "{\"file_path\":\"/home/dev/work/alpha/src/t.py\","
                    + "\"content\":\"def f():\\r\\n\\treturn \\\"a\\\\b\\u00e9\\\"  \\n\\n\"}}"),
            assistant(
                "2",
                "2026-11-02T10:00:09Z",
                "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"Edit\",\"input\":"
                    + "{\"file_path\":\"src/u.py\",\"old_string\":\"x = 1\\ny = 2\","
                    + "\"new_string\":\"x = 1\\ny = 3\"}},"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_3\",\"name\":\"NotebookEdit\",\"input\":"
                    + "{\"notebook_path\":\"/home/dev/work/alpha/n.ipynb\",\"cell_id\":\"c1\","
                    + "\"new_source\":\"import os\\nprint(os.sep)\"}}"));

    List<SessionSignal> signals = claude.signals(transcript);

    assertEquals(3, signals.size());
    SessionSignal write = signals.get(0);
    assertEquals("/home/dev/work/alpha/src/t.py", write.filePath());
    assertEquals(
        java.util.Arrays.toString(LineHash.ofText("def f():\n\treturn \"a\\b\u00e9\"\n\n")),
        java.util.Arrays.toString(write.lineHashes()),
        "decoded, trailing blanks and the CR ignored, the blank last line kept");
    assertEquals(3, write.lines());
    SessionSignal edit = signals.get(1);
    assertEquals(
        "/home/dev/work/alpha/src/u.py", edit.filePath(), "relative to the session's folder");
    assertEquals(
        java.util.Arrays.toString(new long[] {LineHash.of("y = 3")}),
        java.util.Arrays.toString(edit.lineHashes()),
        "only what the old text did not have");
    SessionSignal notebook = signals.get(2);
    assertEquals("/home/dev/work/alpha/n.ipynb", notebook.filePath());
    assertEquals(2, notebook.lineHashCount());
    assertTrue(LineHash.isTrivial(write.lineHash(2)), "a blank line carries no information");
    assertTrue(!transcript.isEmpty() && !signals.toString().contains("return"), "no code text");
  }

  @Test
  void aSubAgentsTaskAndLongToolOutputAreNoSignals() throws BadRecordException {
    String longOutput = "[main 1a2b3c4] inside a file\\n" + "x".repeat(70_000);
    String transcript =
        String.join(
            "\n",
            user("u-1", "2026-11-02T10:00:00Z", "{\"role\":\"user\",\"content\":\"go\"}")
                .replace("\"isSidechain\":false", "\"isSidechain\":true"),
            user(
                "u-2",
                "2026-11-02T10:01:02Z",
                "{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"t\",\"type\":\"tool_result\","
                    + "\"content\":\""
                    + longOutput
                    + "\"}]}"),
            user(
                "u-3",
                "2026-11-02T10:01:03Z",
                "{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"t2\",\"type\":\"tool_result\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"[main (root-commit) abcdef1] first\"}]}]}"));

    List<SessionSignal> signals = claude.signals(transcript);

    assertEquals(1, signals.size());
    assertEquals("abcdef1", signals.getFirst().commitRef());
    assertEquals("main", signals.getFirst().commitBranch());
    assertNull(signals.getFirst().textHash());
  }
}
