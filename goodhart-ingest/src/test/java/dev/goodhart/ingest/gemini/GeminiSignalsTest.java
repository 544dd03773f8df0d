package dev.goodhart.ingest.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.git.LineHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The files a Gemini CLI session's tools wrote, as its chat recording shows them. */
class GeminiSignalsTest {
  final ParserHarness lines = new ParserHarness(new GeminiSource(), "abc123/chats/session-1.jsonl");
  final ParserHarness document =
      new ParserHarness(new GeminiSource(), "abc123/chats/session-2.json");

  /** Each edit as "key | file | hashes". */
  static List<String> edits(List<SessionSignal> signals) {
    return signals.stream()
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

  static String call(String id, String name, String status, String args) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"args\":"
        + args
        + ",\"result\":[{\"functionResponse\":{\"id\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"response\":{\"output\":\"done\"}}}],\"status\":\""
        + status
        + "\",\"timestamp\":\"2026-05-17T11:00:05.000Z\",\"displayName\":\"WriteFile\","
        + "\"resultDisplay\":{\"fileDiff\":\"@@ -0,0 +1 @@\\n+secret\",\"fileName\":\"x\"}}";
  }

  @Test
  void keepsTheFileAndAHashOfEveryLineASuccessfulCallWroteNeverItsText() throws BadRecordException {
    String recording =
        String.join(
            "\n",
            // The workspace's first folder is where the session started.
            "{\"sessionId\":\"gem-7\",\"projectHash\":\"abc123\",\"startTime\":\"2026-05-17T11:00:00.000Z\","
                + "\"directories\":[\"/home/dev/proj\",\"/home/dev/lib\"]}",
            "{\"id\":\"g1\",\"timestamp\":\"2026-05-17T11:00:02.000Z\",\"type\":\"gemini\",\"content\":\"\","
                + "\"model\":\"gemini-3-pro\",\"toolCalls\":["
                // A relative path is resolved against the session's folder; escapes decode.
                + call(
                    "write_file-1-a",
                    "write_file",
                    "success",
                    "{\"file_path\":\"src/a.py\",\"content\":\"def f():\\n\\treturn \\\"\\u00e9\\\\\\\"\\n\"}")
                + ","
                // A replacement writes the lines the old text did not have.
                + call(
                    "replace-2-b",
                    "replace",
                    "success",
                    "{\"file_path\":\"/home/dev/proj/b.py\",\"instruction\":\"bump\","
                        + "\"old_string\":\"x = 1\\ny = 2\",\"new_string\":\"x = 1\\ny = 3\","
                        + "\"allow_multiple\":false}")
                + ","
                // A failed or cancelled call wrote nothing.
                + call(
                    "replace-3-c",
                    "replace",
                    "error",
                    "{\"file_path\":\"/c.py\",\"old_string\":\"a\",\"new_string\":\"b\"}")
                + ","
                + call(
                    "write_file-4-d",
                    "write_file",
                    "cancelled",
                    "{\"file_path\":\"/d.py\",\"content\":\"d\"}")
                + ","
                // Other tools write nothing; odd arguments cost nothing but their call.
                + call("read_file-5-e", "read_file", "success", "{\"file_path\":\"/e.py\"}")
                + ","
                + call(
                    "write_file-6-f", "write_file", "success", "{\"file_path\":7,\"content\":[1]}")
                + "]}");

    List<SessionSignal> signals = lines.signals(recording);

    assertEquals(
        List.of(
            edit(
                "e:write_file-1-a", "/home/dev/proj/src/a.py", "def f():", "\treturn \"\u00e9\\\""),
            edit("e:replace-2-b", "/home/dev/proj/b.py", "y = 3")),
        edits(signals));
    assertEquals("gem-7", signals.getFirst().sessionId());
    assertEquals("/home/dev/proj", signals.getFirst().cwd());
    assertEquals(Instant.parse("2026-05-17T11:00:05Z"), signals.getFirst().timestamp());
    assertFalse(signals.toString().contains("return"), "no code text");
  }

  @Test
  void aMessageWrittenAgainAsItsCallsRunGivesEachEditOneKey() throws BadRecordException {
    String running =
        "{\"id\":\"g1\",\"timestamp\":\"2026-05-17T11:00:02.000Z\",\"type\":\"gemini\",\"content\":\"\","
            + "\"toolCalls\":["
            + call(
                "write_file-1",
                "write_file",
                "executing",
                "{\"file_path\":\"/a\",\"content\":\"a\"}")
            + "]}";
    String recording =
        String.join(
            "\n",
            "{\"sessionId\":\"gem-7\",\"projectHash\":\"abc123\"}",
            running,
            running.replace("executing", "success"),
            // The tokens arrive: the message is written a third time, and now counts usage.
            running
                .replace("executing", "success")
                .replace(
                    "\"content\":\"\",",
                    "\"content\":\"\",\"tokens\":{\"input\":10,\"output\":2,\"cached\":0,\"total\":12},"),
            "{\"$set\":{\"directories\":[\"/later\"]}}");

    assertEquals(
        List.of("e:write_file-1", "e:write_file-1"),
        lines.signals(recording).stream().map(SessionSignal::signalKey).toList());
    assertEquals(
        List.of("gem-7|m:g1"), lines.lines(recording).stream().map(UsageEvent::eventKey).toList());
  }

  @Test
  void aDocumentWithoutItsFolderKeepsPathsAsTheToolsGaveThem() throws BadRecordException {
    String recording =
        "{\"sessionId\":\"gem-8\",\"projectHash\":\"abc123\",\"messages\":["
            + "{\"id\":\"u1\",\"timestamp\":\"2026-05-17T11:00:01.000Z\",\"type\":\"user\",\"content\":\"go\"},"
            + "{\"id\":\"g1\",\"timestamp\":\"2026-05-17T11:00:02.000Z\",\"type\":\"gemini\",\"content\":\"\","
            + "\"tokens\":{\"input\":100,\"output\":10,\"cached\":40,\"total\":110},\"toolCalls\":["
            + call(
                "write_file-9",
                "write_file",
                "success",
                "{\"file_path\":\"rel/x.txt\",\"content\":\"one\\ntwo\"}")
            + "]}]}";

    List<SessionSignal> signals = new ArrayList<>();
    List<UsageEvent> events = new ArrayList<>();
    byte[] bytes = recording.getBytes(StandardCharsets.UTF_8);
    new GeminiSource()
        .newParser(document.file(), "")
        .parse(
            bytes,
            0,
            bytes.length,
            1,
            new RecordSink() {
              @Override
              public void accept(UsageEvent event) {
                events.add(event);
              }

              @Override
              public void signal(SessionSignal signal) {
                signals.add(signal);
              }
            });

    assertEquals(List.of(edit("e:write_file-9", "rel/x.txt", "one", "two")), edits(signals));
    // Reading tool calls changes no usage.
    assertEquals(
        List.of(new TokenCounts(60, 10, 40, 0, 0, 0)),
        events.stream().map(UsageEvent::tokens).toList());
  }

  @Test
  void readsTheSampleRecording() throws BadRecordException {
    String recording = ParserHarness.sample("gemini_chat_record_tool_calls.jsonl");

    List<SessionSignal> signals = lines.signals(recording);

    String write =
        edit(
            "e:write_file-1781168420000-a1b2c3",
            "/home/dev/work/notes/src/slug.ts",
            "export function slug(title: string): string {",
            "  return title.toLowerCase().replace(/[^a-z0-9]+/g, \"-\")",
            "}");
    // Before the recording names its folder, a relative path stays as the tool gave it.
    String replace =
        edit("e:replace-1781168421000-d4e5f6", "src/index.ts", "export { slug } from \"./slug\"");
    assertEquals(
        List.of(
            // The message is written again when its tokens arrive: the same edits, the same keys.
            write,
            replace,
            write,
            replace,
            // After /dir add: the first folder is the session's.
            edit(
                "e:replace-1781168445000-f7f8f9",
                "/home/dev/work/notes/README.md",
                "",
                "- `slug(title)`: a URL-safe slug")),
        edits(signals));
    assertEquals(
        List.of(
            "7c3e9f20-5a1b-4d2c-9e8f-0a1b2c3d4e5f|m:m-1",
            "7c3e9f20-5a1b-4d2c-9e8f-0a1b2c3d4e5f|m:m-2"),
        lines.lines(recording).stream().map(UsageEvent::eventKey).toList());
  }
}
