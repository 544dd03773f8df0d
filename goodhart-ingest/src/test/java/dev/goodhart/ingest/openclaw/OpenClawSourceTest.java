package dev.goodhart.ingest.openclaw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.GoldenEventLines;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.UsageEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenClawSourceTest {
  static final String FILE = "main/sessions/5f1c2d3e-aaaa-4bbb-8ccc-000000000001.jsonl";
  final ParserHarness openclaw = new ParserHarness(new OpenClawSource(), FILE);

  @Test
  void readsTheGoldenSession() throws BadRecordException {
    GoldenEventLines.assertMatches(
        "openclaw-session", openclaw.lines(ParserHarness.sample("openclaw/session.jsonl")));
  }

  @Test
  void aResetSessionsArchiveHasTheSameKeys() throws BadRecordException {
    String session = ParserHarness.sample("openclaw/session.jsonl");
    ParserHarness archived =
        new ParserHarness(
            new OpenClawSource(),
            "main/sessions/5f1c2d3e-aaaa-4bbb-8ccc-000000000001.jsonl.reset.2026-03-20T06-34-44.520Z");

    List<UsageEvent> copies = archived.lines(session);

    assertEquals(
        openclaw.lines(session).stream().map(UsageEvent::eventKey).toList(),
        copies.stream().map(UsageEvent::eventKey).toList());
    assertEquals("5f1c2d3e-aaaa-4bbb-8ccc-000000000001", copies.getFirst().sessionId());
  }

  @Test
  void withoutAHeaderTheSessionIsTheFileNameAndTheProjectTheAgent() throws BadRecordException {
    String line =
        """
        {"type":"message","id":"x","timestamp":"2026-01-30T06:18:55.279Z","message":{"role":"assistant","model":"gpt-5.2","usage":{"input":1,"output":1,"totalTokens":2}}}""";
    ParserHarness deleted =
        new ParserHarness(new OpenClawSource(), "ops/sessions/abc.jsonl.deleted.1769753935279");

    UsageEvent event = deleted.lines(line).getFirst();

    assertEquals("abc", event.sessionId());
    assertEquals("ops", event.project());
  }

  @Test
  void theModelOfAModelChangeLastsAcrossImports() throws BadRecordException {
    String[] lines = ParserHarness.sample("openclaw/session.jsonl").split("\n");
    List<UsageEvent> whole = openclaw.lines(String.join("\n", lines));
    for (int split = 1; split < lines.length; split++) {
      List<UsageEvent> resumed =
          new ArrayList<>(openclaw.lines(String.join("\n", Arrays.copyOf(lines, split))));
      resumed.addAll(
          openclaw.lines(
              String.join("\n", Arrays.copyOfRange(lines, split, lines.length)),
              openclaw.lastState()));

      assertEquals(whole, resumed, "split after line " + split);
    }
  }

  @Test
  void sessionsAreFoundInTheStateFolderOpenClawUses() {
    OpenClawSource source = new OpenClawSource();
    Path home = Path.of("/home/dev");

    assertEquals(
        List.of(
            home.resolve(".openclaw/agents"),
            home.resolve(".clawdbot/agents"),
            home.resolve(".moldbot/agents"),
            home.resolve(".moltbot/agents")),
        source.defaultRoots(new Environment(Map.of(), home)));
    assertEquals(
        List.of(Path.of("/srv/claw/agents")),
        source.defaultRoots(new Environment(Map.of("OPENCLAW_STATE_DIR", "/srv/claw"), home)));
    assertEquals(
        List.of(Path.of("/old/agents")),
        source.defaultRoots(new Environment(Map.of("CLAWDBOT_STATE_DIR", "/old"), home)));
    assertEquals(
        List.of(Path.of("/h2/.openclaw/agents")),
        source.defaultRoots(new Environment(Map.of("OPENCLAW_HOME", "/h2"), home)).subList(0, 1));
    assertEquals(
        List.of(Path.of("/a/agents"), Path.of("/b/agents")),
        source.defaultRoots(
            new Environment(Map.of("OPENCLAW_DIR", "/a,/b", "OPENCLAW_STATE_DIR", "/x"), home)));
  }

  @Test
  void sessionFilesAndTheirArchivesAreLogs() {
    OpenClawSource source = new OpenClawSource();
    Path root = Path.of("/h/.openclaw/agents");

    assertTrue(source.isLogFile(root, root.resolve("main/sessions/a.jsonl")));
    assertTrue(source.isLogFile(root, root.resolve("main/sessions/a.jsonl.deleted.1700000000000")));
    assertTrue(
        source.isLogFile(
            root, root.resolve("main/sessions/a.jsonl.reset.2026-03-20T06-34-44.520Z")));
    assertFalse(source.isLogFile(root, root.resolve("main/sessions/sessions.json")));
    assertFalse(source.isLogFile(root, root.resolve("main/memory/a.jsonl")));
    assertFalse(source.isLogFile(root, root.resolve("main/sessions/a.jsonl.bak")));
  }
}
