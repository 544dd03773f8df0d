package dev.goodhart.ingest.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.FoundLog;
import dev.goodhart.ingest.LogDiscovery;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.git.LineHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files an OpenCode session's tools wrote, as its part files show them. */
class OpenCodeSignalsTest {
  final ParserHarness opencode = new ParserHarness(new OpenCodeSource(), "msg_1/prt_1.json");

  /** The signals and events of one part file. */
  List<SessionSignal> read(String part) throws BadRecordException {
    List<SessionSignal> signals = new ArrayList<>();
    List<UsageEvent> events = new ArrayList<>();
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    new OpenCodeSource()
        .newParser(opencode.file(), "")
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
    assertEquals(List.of(), events, "a part carries no usage");
    return signals;
  }

  static String part(String tool, String status, String input) {
    return "{\"id\":\"prt_1\",\"messageID\":\"msg_1\",\"sessionID\":\"ses_1\",\"type\":\"tool\","
        + "\"callID\":\"call_"
        + tool
        + "\",\"tool\":\""
        + tool
        + "\",\"state\":{\"status\":\""
        + status
        + "\",\"input\":"
        + input
        + ",\"output\":\"ok\",\"title\":\"t\",\"metadata\":{\"diff\":\"+secret\"},"
        + "\"time\":{\"start\":1767312000000,\"end\":1767312001000}}}";
  }

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

  @Test
  void aCompletedWriteKeepsItsFileAndAHashOfEveryLineNeverItsText() throws BadRecordException {
    List<SessionSignal> signals =
        read(
            part(
                "write",
                "completed",
                // Escapes decode before hashing.
                "{\"filePath\":\"/w/a.ts\",\"content\":\"const a = \\\"\\u00e9\\\"\\r\\n\\tb()\\n\"}"));

    assertEquals(
        List.of(edit("e:call_write", "/w/a.ts", "const a = \"\u00e9\"", "\tb()")), edits(signals));
    assertEquals("ses_1", signals.getFirst().sessionId());
    assertEquals(Instant.ofEpochMilli(1767312001000L), signals.getFirst().timestamp());
    assertFalse(signals.toString().contains("const"), "no code text");
  }

  @Test
  void editsWriteTheLinesTheirNewTextAdds() throws BadRecordException {
    // An edit: what the old string did not have.
    assertEquals(
        List.of(edit("e:call_edit", "/w/b.py", "y = 3")),
        edits(
            read(
                part(
                    "edit",
                    "completed",
                    "{\"filePath\":\"/w/b.py\",\"oldString\":\"x = 1\\ny = 2\","
                        + "\"newString\":\"x = 1\\ny = 3\",\"replaceAll\":false}"))));
    // A multiedit: each of its edits in turn, all in its one file.
    assertEquals(
        List.of(edit("e:call_multiedit", "/w/c.py", "q", "r", "s")),
        edits(
            read(
                part(
                    "multiedit",
                    "completed",
                    "{\"filePath\":\"/w/c.py\",\"edits\":[{\"filePath\":\"/w/c.py\",\"oldString\":\"p\","
                        + "\"newString\":\"q\"},{\"filePath\":\"/w/c.py\",\"oldString\":\"\","
                        + "\"newString\":\"r\\ns\"}]}"))));
  }

  @Test
  void aPatchWritesEachOfItsFilesUnderItsOwnKey() throws BadRecordException {
    String patch =
        "*** Begin Patch\\n*** Add File: src/new.ts\\n+export {}\\n"
            + "*** Update File: src/old.ts\\n*** Move to: src/moved.ts\\n@@\\n-a()\\n+b()\\n"
            + "*** Delete File: src/gone.ts\\n*** End Patch";
    List<String> expected =
        List.of(
            // Parts name no folder: a relative path stays relative.
            "e:call_%s:src/new.ts | src/new.ts | "
                + Arrays.toString(new long[] {LineHash.of("export {}")}),
            "e:call_%s:src/moved.ts | src/moved.ts | "
                + Arrays.toString(new long[] {LineHash.of("b()")}));

    for (String tool : List.of("patch", "apply_patch")) {
      assertEquals(
          expected.stream().map(row -> row.formatted(tool)).toList(),
          edits(read(part(tool, "completed", "{\"patchText\":\"" + patch + "\"}"))),
          tool);
    }
  }

  @Test
  void callsThatFailedOrAreRunningAndOtherPartsWriteNothing() throws BadRecordException {
    String write = "{\"filePath\":\"/w/a.ts\",\"content\":\"a\"}";
    // A failed call, and one still running.
    assertEquals(List.of(), read(part("write", "error", write)));
    assertEquals(List.of(), read(part("write", "running", write)));
    // Another tool.
    assertEquals(List.of(), read(part("bash", "completed", "{\"command\":\"echo a > a.ts\"}")));
    // Odd input costs the call and nothing else.
    assertEquals(List.of(), read(part("write", "completed", "{\"filePath\":[1],\"content\":7}")));
    // A text part is only checked for its framing.
    assertEquals(
        List.of(),
        read(
            "{\"id\":\"prt_2\",\"sessionID\":\"ses_1\",\"type\":\"text\",\"text\":\"{ not json\"}"));
    assertThrows(BadRecordException.class, () -> read("{\"id\":\"prt_3\",\"type\":\"text\""));
  }

  @Test
  void readsThePrettyPrintedSample() throws BadRecordException {
    List<SessionSignal> signals =
        read(ParserHarness.sample("opencode_storage_part_tool_fixture.json"));

    assertEquals(
        List.of(
            edit(
                "e:toolu_01HcYbq7ZkXw3Vt9ArQ2pLmN",
                "/home/dev/work/alpha/src/util.ts",
                "export function add(a: number, b: number): number {",
                "",
                "export const twice = (x: number) => add(x, x)")),
        edits(signals));
    assertEquals("ses_6f0e1d2c3ffeAbCdEfGhIjKlMn", signals.getFirst().sessionId());
  }

  @Test
  void partsAreFoundBesideTheMessages(@TempDir Path copy) throws IOException {
    Path storage = copy.resolve(".local/share/opencode/storage");
    write(
        storage.resolve("message/ses_1/msg_1.json"),
        ParserHarness.sample("opencode_storage_message_fixture.json"));
    write(
        storage.resolve("part/msg_1/prt_1.json"),
        part("write", "completed", "{\"filePath\":\"/a\",\"content\":\"a\"}"));
    write(
        storage.resolve("part/msg_1/prt_2.json"),
        "{\"id\":\"prt_2\",\"type\":\"text\",\"text\":\"hi\"}");

    List<String> found =
        LogDiscovery.inCopy(List.of(new OpenCodeSource()), copy).logs().stream()
            .map(FoundLog::path)
            .map(path -> storage.relativize(path).toString())
            .sorted()
            .toList();

    assertEquals(
        List.of("message/ses_1/msg_1.json", "part/msg_1/prt_1.json", "part/msg_1/prt_2.json"),
        found);
    // Named explicitly, a tool call's part is recognised by its call; a text part carries nothing.
    OpenCodeSource source = new OpenCodeSource();
    Path tool = storage.resolve("part/msg_1/prt_1.json");
    assertTrue(source.recognizes(tool, Files.readAllBytes(tool)));
    assertTrue(OpenCodeSource.isPart(tool));
    assertFalse(OpenCodeSource.isPart(storage.resolve("message/ses_1/msg_1.json")));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
