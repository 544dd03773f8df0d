package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agents whose logs are JSON (pi, OpenClaw, Kimi CLI, Qwen Code, Codebuff, GitHub Copilot CLI),
 * imported from where each agent keeps them and reported: every figure below was worked out by hand
 * from the ingest module's sample files (their golden files say how).
 */
class JsonAgentsTest {
  static final String PI =
      ".pi/agent/sessions/--home-dev-work-alpha--/2026-03-01T09-00-00-000Z_0b5e3c1a-7f44-4d1e-9a8e-5a1f2c3d4e5f.jsonl";
  static final String OPENCLAW =
      ".openclaw/agents/main/sessions/5f1c2d3e-aaaa-4bbb-8ccc-000000000001.jsonl";
  static final String KIMI_GROUP = "d2f3c4a0e1b2c3d4e5f60718293a4b5c";
  static final String KIMI = ".kimi/sessions/" + KIMI_GROUP + "/session-k1/wire.jsonl";
  static final String QWEN = ".qwen/projects/-home-dev-work-beta/chats/qs-1.jsonl";
  static final String CODEBUFF =
      ".config/manicode/projects/demo/chats/2026-01-02T03-04-05.000Z/chat-messages.json";
  static final String COPILOT = ".copilot/otel/copilot-otel-20260411.jsonl";

  @TempDir Path folder;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(folder);
  }

  /**
   * Hand-counted totals of one agent's sample: tokens, requests, and the dollars its logs carry.
   */
  record Totals(
      String source,
      long input,
      long output,
      long cacheRead,
      long cacheWrite,
      long requests,
      String loggedCost) {}

  static Stream<Arguments> agents() {
    return Stream.of(
        // 1200+800+0 input, 300+120+333 output, 5000+2000 read, 800 written; pi priced the first
        // request at $0.0126 and the second at $0, which is no price.
        Arguments.of(new Totals("pi", 2_000, 753, 7_000, 800, 3, "0.0126")),
        // Both requests, once: the reset archive repeats them under the same keys.
        Arguments.of(new Totals("openclaw", 1_672, 535, 198_928, 2_100, 2, "0.1091")),
        // The session's step, the sub-agent's (also in its own wire file: once), and a total.
        Arguments.of(new Totals("kimi", 2_400, 732, 4_000, 300, 3, "0")),
        // 12000-8000 + 5000 + 100-5 + 0 input; 300 + 200+50 + 50 + 77 output.
        Arguments.of(new Totals("qwen", 9_095, 677, 8_005, 0, 4, "0")),
        // 100 + (1000-400) + 700 input; 50 + 200 + 70 + 789 output.
        Arguments.of(new Totals("codebuff", 1_400, 1_109, 410, 20, 4, "0")),
        // The two chat spans and the turn of the trace that has none; the inference record and
        // the invoke_agent span of the first trace repeat its chat spans and do not count.
        Arguments.of(new Totals("copilot", 10_927, 381, 12_000, 25, 3, "0")));
  }

  @ParameterizedTest
  @MethodSource("agents")
  void importThenDailyReportGivesTheHandCountedTotals(Totals expected) {
    placeAll();

    CliHarness.Result imported =
        cli.run("import", "usage", "--source", expected.source(), "--json");
    assertEquals(0, imported.exitCode(), imported::toString);
    assertEquals(0, imported.json().get("badRecords").asLong(), imported::toString);
    CliHarness.Result daily =
        cli.run("usage", "daily", "--json", "--tz", "UTC", "--source", expected.source());
    assertEquals(0, daily.exitCode(), daily::toString);
    JsonNode totals = daily.json().get("totals");

    assertEquals(expected.input(), totals.get("inputTokens").asLong(), "input");
    assertEquals(expected.output(), totals.get("outputTokens").asLong(), "output");
    assertEquals(expected.cacheRead(), totals.get("cacheReadTokens").asLong(), "cache reads");
    assertEquals(expected.cacheWrite(), totals.get("cacheCreationTokens").asLong(), "cache writes");
    assertEquals(expected.requests(), totals.get("requests").asLong(), "requests");
    JsonNode display =
        cli.run(
                "usage",
                "daily",
                "--json",
                "--tz",
                "UTC",
                "--mode",
                "display",
                "--source",
                expected.source())
            .json()
            .get("totals");
    assertEquals(
        0,
        new BigDecimal(expected.loggedCost()).compareTo(display.get("totalCost").decimalValue()),
        "the dollars the logs carry: " + display.get("totalCost"));
  }

  @Test
  void everyAgentIsFoundWithoutNamingIt() {
    placeAll();

    CliHarness.Result imported = cli.run("import", "usage", "--json");

    assertEquals(0, imported.exitCode(), imported::toString);
    // pi 3, OpenClaw 2 + 2 in the archive, Kimi 3 + 1 in the sub-agent's wire, Qwen 4,
    // Codebuff 4, Copilot 5 records with usage (3 of them counted).
    assertEquals(3 + 4 + 4 + 4 + 4 + 5, imported.json().get("eventsRead").asLong());
    assertEquals(3 + 2 + 3 + 4 + 4 + 3, imported.json().get("countedEvents").asLong());
  }

  @Test
  void theHelpOfSourceNamesEveryAgent() {
    String help = cli.run("import", "usage", "--help").out().replaceAll("\\s+", " ");

    for (String name : List.of("codebuff", "copilot", "kimi", "openclaw", "pi", "qwen")) {
      assertTrue(help.matches(".*: [a-z, ]*\\b" + name + "\\b[a-z, ]* \\(default.*"), help);
    }
  }

  /**
   * Appending to a JSON lines log reads only the appended lines: the second import parses only the
   * requests after the split, and the totals are those of the whole file.
   */
  @ParameterizedTest
  @MethodSource("appendedLogs")
  void anAppendedLogIsReadFromWhereTheLastImportStopped(
      String source,
      String sample,
      String target,
      int splitLine,
      long eventsBefore,
      long eventsAfter) {
    List<String> lines = sample(sample).lines().toList();
    String head = String.join("\n", lines.subList(0, splitLine)) + "\n";
    String tail = String.join("\n", lines.subList(splitLine, lines.size())) + "\n";
    cli.write(target, head);

    JsonNode first = importUsage(source);
    cli.append(target, tail);
    JsonNode second = importUsage(source);

    assertEquals(eventsBefore, first.get("eventsRead").asLong());
    assertEquals(eventsAfter, second.get("eventsRead").asLong(), "only the appended lines");
    assertEquals(
        tail.getBytes(StandardCharsets.UTF_8).length,
        second.get("bytesRead").asLong(),
        "only the appended bytes");
    assertEquals(0, second.get("badRecords").asLong());
    assertEquals(
        eventsBefore + eventsAfter, second.get("storedEvents").asLong(), "every request stored");
  }

  static Stream<Arguments> appendedLogs() {
    return Stream.of(
        // pi: lines 1-5 hold the first request; the header's session and cwd carry over.
        Arguments.of("pi", "pi/session.jsonl", PI, 5, 1, 2),
        // OpenClaw: the model of the model-snapshot before the split names the request after it.
        Arguments.of("openclaw", "openclaw/session.jsonl", OPENCLAW, 5, 1, 1),
        Arguments.of("kimi", "kimi/wire.jsonl", KIMI, 4, 1, 2),
        Arguments.of("qwen", "qwen/chat.jsonl", QWEN, 3, 1, 3),
        // Copilot: the session learnt from the first chat span names the second.
        Arguments.of("copilot", "copilot/otel.jsonl", COPILOT, 3, 2, 3));
  }

  @Test
  void anAppendedCopilotExportKeepsWhatItLearntOfATrace() {
    List<String> lines = sample("copilot/otel.jsonl").lines().toList();
    cli.write(COPILOT, String.join("\n", lines.subList(0, 3)) + "\n");
    importUsage("copilot");
    cli.append(COPILOT, String.join("\n", lines.subList(3, lines.size())) + "\n");
    importUsage("copilot");

    JsonNode sessions =
        cli.run("usage", "session", "--json", "--source", "copilot").json().get("session");

    // The second chat span names no session: the first span's conversation, read by the first
    // import, is still known to the second.
    List<String> ids = sessions.findValuesAsText("sessionId");
    assertEquals(List.of("conv-1", "conv-2"), ids.stream().sorted().toList());
  }

  private JsonNode importUsage(String source) {
    CliHarness.Result result = cli.run("import", "usage", "--source", source, "--json");
    assertEquals(0, result.exitCode(), result::toString);
    return result.json();
  }

  private void placeAll() {
    cli.sample("pi/session.jsonl", PI);
    cli.sample("openclaw/session.jsonl", OPENCLAW);
    cli.sample("openclaw/session.jsonl", OPENCLAW + ".reset.2026-03-20T06-34-44.520Z");
    cli.sample("kimi/wire.jsonl", KIMI);
    cli.write(
        ".kimi/sessions/" + KIMI_GROUP + "/session-k1/subagents/agent-7/wire.jsonl",
        """
        {"type": "metadata", "protocol_version": "1.3"}
        {"timestamp": 1772355609.9, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 900, "output": 80, "input_cache_read": 0, "input_cache_creation": 0}, "message_id": "chatcmpl-kimi-002"}}}
        """);
    cli.write(
        ".kimi/config.toml",
        """
        default_model = "kimi-for-coding"
        [models."kimi-for-coding"]
        provider = "managed:kimi-code"
        model = "kimi-k2-turbo-preview"
        max_context_size = 262144
        """);
    cli.sample("qwen/chat.jsonl", QWEN);
    cli.sample("codebuff/chat-messages.json", CODEBUFF);
    cli.sample("copilot/otel.jsonl", COPILOT);
  }

  private static String sample(String name) {
    try (InputStream in = JsonAgentsTest.class.getResourceAsStream("/samples/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
