package dev.goodhart.ingest.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.GoldenEventLines;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.git.LineHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiSourceTest {
  static final String FILE =
      "--home-dev-work-alpha--/2026-03-01T09-00-00-000Z_0b5e3c1a-7f44-4d1e-9a8e-5a1f2c3d4e5f.jsonl";
  final ParserHarness pi = new ParserHarness(new PiSource(), FILE);

  @Test
  void readsTheGoldenSession() throws BadRecordException {
    GoldenEventLines.assertMatches(
        "pi-session", pi.lines(ParserHarness.sample("pi/session.jsonl")));
  }

  @Test
  void writeAndEditToolCallsAreTheFilesTheSessionWrote() throws BadRecordException {
    List<SessionSignal> signals = pi.signals(ParserHarness.sample("pi/session.jsonl"));

    assertEquals(2, signals.size());
    SessionSignal write = signals.get(0);
    assertEquals("e:toolu_01", write.signalKey());
    assertEquals("/home/dev/work/alpha/src/parser.test.ts", write.filePath());
    assertEquals(2, write.lines());
    SessionSignal edit = signals.get(1);
    // The edit keeps "const a = 1;" and replaces "return a;": two lines written.
    assertEquals("/home/dev/work/alpha/src/parser.ts", edit.filePath());
    assertEquals(
        List.of(LineHash.of("const b = 2;"), LineHash.of("return a + b;")),
        Arrays.stream(edit.lineHashes()).boxed().toList());
  }

  @Test
  void aForkedSessionRepeatsTheSameKeys() throws BadRecordException {
    // pi's /fork copies the entries with their ids and times under a new header.
    String original = ParserHarness.sample("pi/session.jsonl");
    String fork =
        original.replace(
            "\"id\":\"0b5e3c1a-7f44-4d1e-9a8e-5a1f2c3d4e5f\"",
            "\"id\":\"99999999-7f44-4d1e-9a8e-5a1f2c3d4e5f\",\"parentSession\":\"/x.jsonl\"");
    ParserHarness forked =
        new ParserHarness(
            new PiSource(),
            "--home-dev-work-alpha--/2026-03-02T10-00-00-000Z_99999999-7f44-4d1e-9a8e-5a1f2c3d4e5f.jsonl");

    List<UsageEvent> copies = forked.lines(fork);

    assertEquals(keys(pi.lines(original)), keys(copies));
    assertEquals("99999999-7f44-4d1e-9a8e-5a1f2c3d4e5f", copies.getFirst().sessionId());
  }

  @Test
  void resumingFromTheSavedStateGivesTheSameEvents() throws BadRecordException {
    String[] lines = ParserHarness.sample("pi/session.jsonl").split("\n");
    List<UsageEvent> whole = pi.lines(String.join("\n", lines));
    for (int split = 1; split < lines.length; split++) {
      List<UsageEvent> resumed =
          new ArrayList<>(pi.lines(String.join("\n", Arrays.copyOf(lines, split))));
      resumed.addAll(
          pi.lines(
              String.join("\n", Arrays.copyOfRange(lines, split, lines.length)), pi.lastState()));

      assertEquals(whole, resumed, "split after line " + split);
    }
  }

  @Test
  void withoutAHeaderTheSessionIsTheFileName() throws BadRecordException {
    String line =
        """
        {"type":"message","id":"x1","timestamp":"2026-03-01T09:00:05.000Z","message":{"role":"assistant","model":"m","usage":{"input":1,"output":2}}}""";

    UsageEvent event = pi.lines(line).getFirst();

    assertEquals("0b5e3c1a-7f44-4d1e-9a8e-5a1f2c3d4e5f", event.sessionId());
    assertEquals("--home-dev-work-alpha--", event.project());
  }

  @Test
  void theMessagesTimeStandsInForAMissingEntryTime() throws BadRecordException {
    String line =
        """
        {"type":"message","id":"x1","message":{"role":"assistant","model":"m","usage":{"input":1,"output":2},"timestamp":1772355605000}}""";

    assertEquals("2026-03-01T09:00:05Z", pi.lines(line).getFirst().timestamp().toString());
  }

  @Test
  void badInputIsABadRecordThatSaysWhat() {
    assertBad(
        // Truncated while being written.
        """
        {"type":"message","id":"x1","timestamp":"2026-03-01T09:00:05.000Z","message":{"role":"assistant","usage":{"input":1""",
        "incomplete JSON object: the line ends inside a value (truncated, or still being written)");
    assertBad(
        // A count of the wrong type.
        """
        {"type":"message","id":"x1","timestamp":"2026-03-01T09:00:05.000Z","message":{"role":"assistant","usage":{"input":"many","output":2}}}""",
        "field 'message.usage.input' must be a whole number, found '\"many\"'");
    assertBad(
        // A negative count.
        """
        {"type":"message","id":"x1","timestamp":"2026-03-01T09:00:05.000Z","message":{"role":"assistant","usage":{"input":-5,"output":2}}}""",
        "field 'message.usage.input' must not be negative, found '-5'");
    assertBad(
        // No time at all.
        """
        {"type":"message","id":"x1","message":{"role":"assistant","usage":{"input":1,"output":2}}}""",
        "an assistant message with 'usage' has no 'timestamp'");
    assertBad(
        // A time that is no time.
        """
        {"type":"message","id":"x1","timestamp":"yesterday","message":{"role":"assistant","usage":{"input":1,"output":2}}}""",
        "field 'timestamp' is not an ISO-8601 time: 'yesterday'");
    assertBad(
        // A cost that is text.
        """
        {"type":"message","id":"x1","timestamp":"2026-03-01T09:00:05.000Z","message":{"role":"assistant","usage":{"input":1,"cost":{"total":"0.1"}}}}""",
        "field 'message.usage.cost.total' must be a number, found '\"0.1\"'");
  }

  @Test
  void aToolCallsOddArgumentsCostTheEditNotTheUsage() throws BadRecordException {
    String line =
        """
        {"type":"message","id":"x1","timestamp":"2026-03-01T09:00:05.000Z","message":{"role":"assistant","content":[{"type":"toolCall","id":"t1","name":"write","arguments":{"path":["a"],"content":7}}],"usage":{"input":1,"output":2}}}""";

    assertEquals(1, pi.lines(line).size());
    assertTrue(pi.signals(line).isEmpty());
  }

  @Test
  void sessionsAreFoundWhereThePiAgentKeepsThem() {
    PiSource source = new PiSource();
    Path home = Path.of("/home/dev");

    assertEquals(
        List.of(home.resolve(".pi/agent/sessions")),
        source.defaultRoots(new Environment(Map.of(), home)));
    assertEquals(
        List.of(Path.of("/srv/pi/sessions")),
        source.defaultRoots(new Environment(Map.of("PI_CODING_AGENT_DIR", "/srv/pi"), home)));
    // ccusage's variable names sessions folders, comma-separated, and wins.
    assertEquals(
        List.of(Path.of("/a/sessions"), home.resolve("b")),
        source.defaultRoots(
            new Environment(
                Map.of("PI_AGENT_DIR", "/a/sessions, ~/b", "PI_CODING_AGENT_DIR", "/srv/pi"),
                home)));
    assertEquals(
        List.of(Path.of("/copy/.pi/agent/sessions"), Path.of("/copy/agent/sessions")),
        source.rootsInCopy(Path.of("/copy")));
  }

  @Test
  void aFileGivenByNameIsRecognisedByItsHeaderAndName() {
    byte[] header =
        """
        {"type":"session","version":3,"id":"s","timestamp":"2026-03-01T09:00:00.000Z","cwd":"/w"}
        """
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    PiSource source = new PiSource();

    assertTrue(source.recognizes(Path.of("2026-03-01T09-00-00-000Z_s.jsonl"), header));
    assertFalse(source.recognizes(Path.of("s.jsonl"), header), "OpenClaw's, named by session");
    assertFalse(source.recognizes(Path.of("2026-03-01T09-00-00-000Z_s.jsonl"), new byte[0]));
  }

  private void assertBad(String line, String message) {
    BadRecordException e = assertThrows(BadRecordException.class, () -> pi.lines(line));
    assertEquals(message, e.getMessage());
  }

  private static List<String> keys(List<UsageEvent> events) {
    return events.stream().map(UsageEvent::eventKey).toList();
  }
}
