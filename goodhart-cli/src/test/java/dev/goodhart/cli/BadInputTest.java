package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad records are reported with file and line and skipped; --strict makes the first one fatal, exit
 * code 3.
 */
class BadInputTest {
  static final String FILE = ".claude/projects/-home-dev-work-alpha/s-1.jsonl";

  @TempDir Path folder;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(folder);
  }

  String damaged() {
    return ClaudeLines.request("m-1", "r-1", "2026-03-01T10:00:00.000Z", 100, 1)
        + "this is not json\n"
        + ClaudeLines.request("m-2", "r-2", "2026-03-01T10:01:00.000Z", 200, 1)
        + ClaudeLines.request("m-3", "r-3", "2026-03-01T10:02:00.000Z", 300, 1)
            .replace("\"input_tokens\":300", "\"input_tokens\":\"300\"")
        + "\u0000\u0001\u00ff binary garbage\n"
        + ClaudeLines.request("m-4", "r-4", "2026-03-01T10:03:00.000Z", 400, 1).substring(0, 120);
  }

  @Test
  void badRecordsAreListedWithFileAndLineAndGoodOnesKept() {
    Path file = cli.write(FILE, damaged());

    CliHarness.Result result = cli.run("usage", "daily", "--json");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(
        300, result.json().get("totals").get("inputTokens").asLong(), "lines 1 and 3 count");
    assertTrue(
        result.err().contains(file + ":2: not a JSON object: the line starts with 't'"),
        result.err());
    assertTrue(
        result
            .err()
            .contains(
                file
                    + ":4: field 'message.usage.input_tokens' must be a whole number, found '\"300\"'"),
        result.err());
    assertTrue(
        result.err().contains(file + ":5: not a JSON object: the line starts with byte 0x00"),
        result.err());
    assertTrue(result.err().contains(file + ":6: incomplete JSON object"), result.err());
    assertTrue(result.err().contains("read again once the file grows"), result.err());
  }

  @Test
  void theUnfinishedLastLineIsReadOnceItIsComplete() {
    String complete = ClaudeLines.request("m-4", "r-4", "2026-03-01T10:03:00.000Z", 400, 1);
    cli.write(
        FILE,
        ClaudeLines.request("m-1", "r-1", "2026-03-01T10:00:00.000Z", 100, 1)
            + complete.substring(0, 90));
    assertEquals(
        100, cli.run("usage", "daily", "--json").json().get("totals").get("inputTokens").asLong());

    cli.append(FILE, complete.substring(90));

    CliHarness.Result result = cli.run("usage", "daily", "--json");
    assertEquals(500, result.json().get("totals").get("inputTokens").asLong(), result::toString);
    assertFalse(result.err().contains("skipped"), result.err());
  }

  @Test
  void strictStopsAtTheFirstBadRecordWithExitCodeThree() {
    cli.write(".claude/projects/-home-dev-work-alpha/good.jsonl", ImportTest.requests(7, 7));
    assertEquals(0, cli.run("import", "usage").exitCode());
    Path file = cli.write(FILE, damaged());

    CliHarness.Result result = cli.run("--strict", "usage", "daily", "--json");

    assertEquals(3, result.exitCode(), result::toString);
    assertTrue(
        result.err().contains(file + ":2: not a JSON object: the line starts with 't'"),
        result.err());
    assertTrue(result.err().contains("--strict"), result.err());
    assertEquals("", result.out());
    CliHarness.Result after = cli.run("usage", "daily", "--json");
    assertTrue(
        after.json().get("totals").get("inputTokens").asLong() >= 700,
        "what was stored before the failed run is still there: " + after);
  }

  @Test
  void anUnreadableFileIsReportedAndTheRestImported() throws Exception {
    cli.write(FILE, ImportTest.requests(1, 1));
    Path dangling = cli.home.resolve(".claude/projects/-home-dev-work-alpha/gone.jsonl");
    Files.createSymbolicLink(dangling, folder.resolve("does-not-exist.jsonl"));

    CliHarness.Result result = cli.run("usage", "daily", "--json");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(100, result.json().get("totals").get("inputTokens").asLong());
    assertTrue(result.err().contains("gone.jsonl: cannot read"), result.err());
  }

  @Test
  void aTwentyMegabyteLineIsSkippedAndTheNextLinesRead() {
    String huge =
        "{\"type\":\"user\",\"message\":{\"content\":\""
            + "x".repeat(20 << 20)
            + "\"},\"usage\" broken\n";
    cli.write(FILE, huge + ImportTest.requests(1, 2));

    CliHarness.Result result = cli.run("usage", "daily", "--json");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(300, result.json().get("totals").get("inputTokens").asLong());
    assertTrue(result.err().contains("s-1.jsonl:1: invalid JSON"), result.err());
  }
}
