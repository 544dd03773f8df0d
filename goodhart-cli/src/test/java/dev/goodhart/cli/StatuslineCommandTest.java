package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code goodhart statusline}: Claude Code's status line input on standard input, one line out.
 * Each request below costs $0.45 (claude-sonnet-4-5: 100,000 input tokens at $3/M, 10,000 output at
 * $15/M). The clock stands at 2026-03-10T12:00Z, 01:45 of 11 March in Pacific/Chatham (+13:45),
 * whose day began at 10:15Z.
 */
class StatuslineCommandTest {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  @TempDir Path folder;
  CliHarness cli;
  Path alpha;
  Path beta;

  @BeforeEach
  void logs() throws IOException {
    cli = new CliHarness(folder);
    cli.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    alpha = cli.home.resolve(".claude/projects/-home-dev-alpha/s-a.jsonl");
    beta = cli.home.resolve(".claude/projects/-home-dev-beta/s-b.jsonl");
    cli.write(
        alpha,
        request("s-a", "m1", "r1", "2026-03-09T12:00:00Z", false) // yesterday, an old block
            + request("s-a", "m2", "r2", "2026-03-10T10:30:00Z", false) // today
            + request("s-a", "m2", "r2", "2026-03-10T10:30:00Z", false) // its second content block
            + request("s-a", "m3", "r3", "2026-03-10T11:00:00Z", false) // today
            + request("s-a", "m3", "r4", "2026-03-10T11:01:00Z", true)); // a sidechain replay
    cli.write(
        beta,
        request("s-b", "m4", "r5", "2026-03-10T09:00:00Z", false) // before today, starts the block
            + request("s-b", "m5", "r6", "2026-03-10T11:50:00Z", false)); // today
    cli.stdin = hookInput(alpha);
  }

  @Test
  void goldenInputGivesTheSessionTodayAndTheBlock() {
    // Session: Claude Code's own figure. Today: 10:30, 11:00, 11:50. Block 09:00-14:00: four.
    assertLine("Sonnet 4.5 | $0.01 session / $1.35 today / $1.80 block (2h 0m left)");
    // The session from its transcript: 9 March, 10:30, 11:00 (the replay counts once).
    assertLine(
        "Sonnet 4.5 | $1.35 session / $1.35 today / $1.80 block (2h 0m left)",
        "--cost-source",
        "logs");
    // Today in UTC holds 09:00 as well.
    assertLine(
        "Sonnet 4.5 | $0.01 session / $1.80 today / $1.80 block (2h 0m left)", "--tz", "UTC");
  }

  @Test
  void laterCallsReadOnlyWhatTheTranscriptsGained() throws IOException {
    assertLine(
        "Sonnet 4.5 | $1.35 session / $1.35 today / $1.80 block (2h 0m left)",
        "--cost-source",
        "logs");
    // A line already read is damaged in place: a call that read the file again would lose it.
    try (RandomAccessFile file = new RandomAccessFile(alpha.toFile(), "rw")) {
      byte[] line = request("s-a", "m2", "r2", "2026-03-10T10:30:00Z", false).getBytes();
      long second = request("s-a", "m1", "r1", "2026-03-09T12:00:00Z", false).getBytes().length;
      file.seek(second);
      file.write("x".repeat(line.length - 1).getBytes(StandardCharsets.US_ASCII));
    }
    Files.writeString(
        alpha,
        request("s-a", "m6", "r7", "2026-03-10T11:55:00Z", false),
        StandardOpenOption.APPEND);
    assertLine(
        "Sonnet 4.5 | $1.80 session / $1.80 today / $2.25 block (2h 0m left)",
        "--cost-source",
        "logs");
    // Nothing new: the same line.
    assertLine(
        "Sonnet 4.5 | $1.80 session / $1.80 today / $2.25 block (2h 0m left)",
        "--cost-source",
        "logs");
  }

  @Test
  void requestsFoldedIntoSumsStillCountAndABlockEnds() {
    assertLine("Sonnet 4.5 | $0.01 session / $1.35 today / $1.80 block (2h 0m left)");
    // Ninety minutes on, the requests before 12:30 are folded into quarter-hour sums.
    cli.clock = Clock.fixed(Instant.parse("2026-03-10T13:30:00Z"), ZoneOffset.UTC);
    assertLine("Sonnet 4.5 | $0.01 session / $1.35 today / $1.80 block (30m left)");
    assertLine(
        "Sonnet 4.5 | $1.35 session / $1.35 today / $1.80 block (30m left)",
        "--cost-source",
        "logs");
    // The block ended at 14:00; 20:00Z is still 11 March in Chatham.
    cli.clock = Clock.fixed(Instant.parse("2026-03-10T20:00:00Z"), ZoneOffset.UTC);
    assertLine("Sonnet 4.5 | $0.01 session / $1.35 today / no active block");
  }

  @Test
  void withoutInputOrWithOtherInputItSaysWhyAndExitsTwo() {
    assertRefused("", "no input on standard input");
    assertRefused("  \n", "no input on standard input");
    assertRefused("not json", "is not Claude Code's status line JSON");
    assertRefused("{\"session_id\": \"s-a\", \"transcript_path\": ", "is not Claude Code's");
    assertRefused("{\"transcript_path\": \"/tmp/x.jsonl\"}", "no 'session_id'");
    assertRefused("{\"session_id\": \"s-a\"}", "no 'transcript_path'");
    assertRefused("[1, 2]", "is not Claude Code's status line JSON");
  }

  @Test
  void aTranscriptThatIsNotThereLeavesTheSessionUnknown() {
    cli.stdin =
        "{\"session_id\":\"gone\",\"transcript_path\":\"%s\"}"
            .formatted(folder.resolve("nowhere/gone.jsonl"))
            .getBytes(StandardCharsets.UTF_8);
    assertLine("n/a session / $1.35 today / $1.80 block (2h 0m left)");
  }

  @Test
  void helpAndMistakesGoThroughTheUsualCommandLine() {
    CliHarness.Result help = cli.run("statusline", "--help");
    assertEquals(0, help.exitCode(), help::toString);
    assertTrue(help.out().contains("Exit codes: 0 the line was printed"), help::toString);
    CliHarness.Result wrong = cli.run("statusline", "--cost-source", "nope");
    assertEquals(2, wrong.exitCode(), wrong::toString);
    assertTrue(
        wrong.err().contains("--cost-source") && wrong.err().contains("nope"), wrong::toString);
  }

  private void assertLine(String expected, String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "statusline";
    System.arraycopy(options, 0, args, 1, options.length);
    CliHarness.Result result = cli.run(args);
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(expected + "\n", result.out(), result::toString);
  }

  private void assertRefused(String input, String reason) {
    cli.stdin = input.getBytes(StandardCharsets.UTF_8);
    CliHarness.Result result = cli.run("statusline");
    assertEquals(2, result.exitCode(), result::toString);
    assertEquals("", result.out(), result::toString);
    assertTrue(result.err().contains(reason), result::toString);
  }

  private static byte[] hookInput(Path transcript) throws IOException {
    try (InputStream in =
        StatuslineCommandTest.class.getResourceAsStream("/statusline/hook-input.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.replace("TRANSCRIPT", transcript.toString()).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String request(
      String session, String message, String request, String at, boolean sidechain) {
    return ("{\"parentUuid\":null,\"isSidechain\":%s,\"userType\":\"external\",\"cwd\":\"/home/dev/alpha\","
            + "\"sessionId\":\"%s\",\"version\":\"2.0.37\",\"gitBranch\":\"main\",\"message\":{\"id\":\"%s\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"done\"}],\"usage\":{\"input_tokens\":100000,"
            + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":10000}},"
            + "\"requestId\":\"%s\",\"type\":\"assistant\",\"uuid\":\"u-%s-%s\",\"timestamp\":\"%s\"}\n")
        .formatted(sidechain, session, message, request, message, request, at);
  }
}
