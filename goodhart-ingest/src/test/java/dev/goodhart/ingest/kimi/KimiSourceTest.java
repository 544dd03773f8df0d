package dev.goodhart.ingest.kimi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.GoldenEventLines;
import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KimiSourceTest {
  static final String GROUP = "3f2a8c1e9b7d4a6f0e5c2b1a9d8e7f60";
  final ParserHarness kimi = new ParserHarness(new KimiSource(), GROUP + "/session-k1/wire.jsonl");

  @TempDir Path folder;

  @Test
  void readsTheGoldenWire() throws BadRecordException {
    GoldenEventLines.assertMatches(
        "kimi-wire", kimi.lines(ParserHarness.sample("kimi/wire.jsonl")));
  }

  @Test
  void aSubAgentsOwnWireCountsInItsParentSessionUnderTheSameKeys() throws BadRecordException {
    ParserHarness subagent =
        new ParserHarness(new KimiSource(), GROUP + "/session-k1/subagents/agent-7/wire.jsonl");
    String line =
        """
        {"timestamp": 1772355609.9, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 900, "output": 80, "input_cache_read": 0, "input_cache_creation": 0}, "message_id": "chatcmpl-kimi-002"}}}""";

    UsageEvent event = subagent.lines(line).getFirst();

    assertEquals("session-k1", event.sessionId());
    assertEquals("m:chatcmpl-kimi-002", event.eventKey());
  }

  @Test
  void withoutMessageIdsASubAgentsStepIsKeyedByItsAgentAndCounts() throws BadRecordException {
    ParserHarness subagent =
        new ParserHarness(new KimiSource(), GROUP + "/session-k1/subagents/agent-7/wire.jsonl");
    String own =
        """
        {"timestamp": 1772355609.9, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 9, "output": 8}}}}""";
    String forwarded =
        """
        {"timestamp": 1772355610.1, "message": {"type": "SubagentEvent", "payload": {"agent_id": "agent-7", "event": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 9, "output": 8}}}}}}""";

    assertEquals(
        subagent.lines(own).getFirst().eventKey(), kimi.lines(forwarded).getFirst().eventKey());
  }

  @Test
  void theModelAndWorkingDirectoryComeFromTheShareFolder() throws IOException, BadRecordException {
    Path share = folder.resolve(".kimi");
    String workDir = "/home/dev/work/gamma";
    String group = KimiShareFolder.groupOf(workDir, "local");
    Path wire = share.resolve("sessions/" + group + "/s-1/wire.jsonl");
    Files.createDirectories(wire.getParent());
    Files.writeString(wire, ParserHarness.sample("kimi/wire.jsonl"));
    Files.writeString(
        share.resolve("config.toml"),
        """
        default_model = "kimi-for-coding"
        default_thinking = false

        [models."kimi-for-coding"]
        provider = "managed:kimi-code"
        model = "kimi-k2-turbo-preview"
        max_context_size = 262144

        [models.other]
        model = "not-this-one"
        """);
    Files.writeString(
        share.resolve("kimi.json"),
        """
        {"work_dirs": [{"path": "/elsewhere", "kaos": "local"}, {"path": "%s", "kaos": "local", "last_session_id": "s-1"}]}"""
            .formatted(workDir));
    KimiSource source = new KimiSource();
    Path root = share.resolve("sessions");
    LogFile file =
        new LogFile(
            "kimi", root, wire, "m", source.project(root, wire), root.relativize(wire).toString());
    List<UsageEvent> events = new ArrayList<>();
    byte[] line =
        ParserHarness.sample("kimi/wire.jsonl")
            .lines()
            .toList()
            .get(3)
            .getBytes(StandardCharsets.UTF_8);

    source.newParser(file, "").parse(line, 0, line.length, 4, events::add);

    assertEquals("kimi-k2-turbo-preview", events.getFirst().model());
    assertEquals(workDir, events.getFirst().project());
    assertEquals(workDir, events.getFirst().cwd());
  }

  @Test
  void theOlderJsonConfigNamesTheModelToo() {
    assertEquals(
        "kimi-k2",
        KimiToml.defaultModel("default_model = 'k2'\n[models.k2]\nmodel = \"kimi-k2\"\n"));
    assertEquals("plain", KimiToml.defaultModel("default_model = \"plain\"\n"));
    assertEquals(null, KimiToml.defaultModel("# nothing set\n[models.x]\nmodel = \"y\"\n"));
  }

  @Test
  void badInputIsABadRecordThatSaysWhat() {
    assertBad(
        """
        {"timestamp": "soon", "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 1}}}}""",
        "field 'timestamp' must be a number, found '\"soon\"'");
    assertBad(
        """
        {"timestamp": 99999999999999, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 1}}}}""",
        "field 'timestamp' is not a plausible time (1970 to 2100): '99999999999999'");
    assertBad(
        """
        {"message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 1}}}}""",
        "a StatusUpdate with 'token_usage' has no 'timestamp'");
    assertBad(
        """
        {"timestamp": 1772355603.5, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 1.5}}}}""",
        "field 'message.payload.token_usage.input_other' must be a whole number, found '1.5'");
    assertBad(
        """
        {"timestamp": 1772355603.5, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 1""",
        "incomplete JSON object: the line ends inside a value (truncated, or still being written)");
  }

  @Test
  void wireFilesAreFoundWhereKimiKeepsThem() {
    KimiSource source = new KimiSource();
    Path home = Path.of("/home/dev");

    assertEquals(
        List.of(home.resolve(".kimi/sessions")),
        source.defaultRoots(new Environment(Map.of(), home)));
    assertEquals(
        List.of(Path.of("/srv/kimi/sessions")),
        source.defaultRoots(new Environment(Map.of("KIMI_SHARE_DIR", "/srv/kimi"), home)));
    assertEquals(
        List.of(Path.of("/a/sessions"), Path.of("/b/sessions")),
        source.defaultRoots(
            new Environment(Map.of("KIMI_DATA_DIR", "/a,/b", "KIMI_SHARE_DIR", "/x"), home)));
    Path root = home.resolve(".kimi/sessions");
    assertTrue(source.isLogFile(root, root.resolve("g/s/wire.jsonl")));
    assertTrue(source.isLogFile(root, root.resolve("g/s/subagents/a/wire.jsonl")));
    assertFalse(source.isLogFile(root, root.resolve("g/s/context.jsonl")));
    assertFalse(source.isLogFile(root, root.resolve("g/wire.jsonl")));
    assertFalse(source.isLogFile(root, root.resolve("a/b/c/d/wire.jsonl")));
  }

  private void assertBad(String line, String message) {
    BadRecordException e = assertThrows(BadRecordException.class, () -> kimi.lines(line));
    assertEquals(message, e.getMessage());
  }
}
