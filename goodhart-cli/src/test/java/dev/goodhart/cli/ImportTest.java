package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import is incremental, idempotent, detects replaced files and never loses what it stored. */
class ImportTest {
  static final String TRANSCRIPT = ".claude/projects/-home-dev-work-alpha/s-1.jsonl";

  @TempDir Path folder;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(folder);
  }

  JsonNode importUsage(String... extra) {
    String[] args = new String[2 + extra.length + 1];
    args[0] = "import";
    args[1] = "usage";
    System.arraycopy(extra, 0, args, 2, extra.length);
    args[args.length - 1] = "--json";
    CliHarness.Result result = cli.run(args);
    assertEquals(0, result.exitCode(), result::toString);
    return result.json();
  }

  long totalInput() {
    return cli.run("usage", "daily", "--json").json().get("totals").get("inputTokens").asLong();
  }

  @Test
  void aSecondImportReadsNothingAndChangesNothing() {
    cli.write(TRANSCRIPT, requests(1, 3));

    JsonNode first = importUsage();
    JsonNode second = importUsage();

    assertEquals(3, first.get("eventsRead").asLong());
    assertEquals(1, first.get("filesRead").asLong());
    assertEquals(0, second.get("filesRead").asLong());
    assertEquals(1, second.get("filesUnchanged").asLong());
    assertEquals(0, second.get("eventsRead").asLong());
    assertEquals(3, second.get("storedEvents").asLong());
    assertEquals(600, totalInput());
  }

  @Test
  void anAppendedFileIsReadFromWhereTheLastImportStopped() {
    cli.write(TRANSCRIPT, requests(1, 3));
    importUsage();

    cli.append(TRANSCRIPT, requests(4, 5));
    JsonNode second = importUsage();

    assertEquals(2, second.get("eventsRead").asLong(), "only the appended lines are parsed");
    assertEquals(5, second.get("storedEvents").asLong());
    assertEquals(100 + 200 + 300 + 400 + 500, totalInput());
  }

  @Test
  void aTruncatedFileIsReadAgainAndNothingStoredIsLost() throws IOException {
    Path file = cli.write(TRANSCRIPT, requests(1, 3));
    importUsage();

    Files.writeString(file, requests(1, 1));
    JsonNode second = importUsage();

    assertEquals(1, second.get("eventsRead").asLong(), "read from the start");
    assertEquals(3, second.get("storedEvents").asLong(), "requests already stored stay");
    assertEquals(600, totalInput());
  }

  @Test
  void aReplacedFileOfTheSameSizeIsReadAgain() throws IOException {
    Path file = cli.write(TRANSCRIPT, requests(1, 3));
    importUsage();

    String replaced = requests(1, 3).replace("\"m-2\"", "\"m-9\"").replace("\"r-2\"", "\"r-9\"");
    Files.writeString(file, replaced);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    JsonNode second = importUsage();

    assertEquals(3, second.get("eventsRead").asLong());
    assertEquals(4, second.get("storedEvents").asLong(), "m-9 is new; m-1, m-2 and m-3 stay");
  }

  @Test
  void codexRunningTotalsResumeAcrossImports() {
    String rollout =
        ".codex/sessions/2026/03/05/rollout-2026-03-05T10-00-00-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl";
    cli.write(
        rollout,
        """
        {"timestamp":"2026-03-05T10:00:00.000Z","type":"session_meta","payload":{"id":"codex-1","cwd":"/w/a"}}
        {"timestamp":"2026-03-05T10:00:01.000Z","type":"turn_context","payload":{"model":"gpt-5-codex"}}
        {"timestamp":"2026-03-05T10:00:05.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":1000,"cached_input_tokens":0,"output_tokens":10}}}}
        """);
    importUsage();

    cli.append(
        rollout,
        """
        {"timestamp":"2026-03-05T10:01:00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":1500,"cached_input_tokens":0,"output_tokens":30}}}}
        """);
    JsonNode second = importUsage();

    assertEquals(1, second.get("eventsRead").asLong());
    JsonNode totals = cli.run("usage", "daily", "--json").json().get("totals");
    assertEquals(
        1500,
        totals.get("inputTokens").asLong(),
        "the growth 500 is added, not the whole total again");
    assertEquals(30, totals.get("outputTokens").asLong());
  }

  @Test
  void anotherMachinesCopyIsKeptUnderItsName() {
    cli.write(TRANSCRIPT, requests(1, 2));
    Path copy = folder.resolve("laptop-copy");
    cli.write(
        copy.resolve(".claude/projects/-home-dev-work-beta/s-9.jsonl"),
        requests(10, 11).replace("s-1", "s-9"));

    JsonNode local = importUsage();
    JsonNode laptop = importUsage("--from-dir", copy.toString(), "--machine", "laptop");

    assertEquals("test-machine", local.get("machine").asText());
    assertEquals("laptop", laptop.get("machine").asText());
    assertEquals(2, laptop.get("eventsRead").asLong());
    JsonNode daily = cli.run("usage", "daily", "--json").json();
    assertEquals(100 + 200 + 1000 + 1100, daily.get("totals").get("inputTokens").asLong());
    assertEquals(
        "[\"laptop\",\"test-machine\"]", daily.get("daily").get(0).get("machines").toString());
  }

  @Test
  void explicitPathsAreRecognisedByContent() {
    Path loose = folder.resolve("loose");
    cli.write(loose.resolve("some-session.jsonl"), requests(1, 2));
    cli.write(loose.resolve("nested/rollout.jsonl"), CODEX_ROLLOUT);

    JsonNode summary = importUsage(loose.toString());

    assertEquals(2, summary.get("filesRead").asLong());
    assertEquals(2 + 3, summary.get("eventsRead").asLong());
  }

  static final String CODEX_ROLLOUT =
      """
      {"timestamp":"2026-03-05T10:00:00.000Z","type":"session_meta","payload":{"id":"codex-2","cwd":"/w/b"}}
      {"timestamp":"2026-03-05T10:00:01.000Z","type":"turn_context","payload":{"model":"gpt-5-codex"}}
      {"timestamp":"2026-03-05T10:00:05.000Z","type":"event_msg","payload":{"type":"token_count","info":{"last_token_usage":{"input_tokens":10,"output_tokens":1}}}}
      {"timestamp":"2026-03-05T10:00:06.000Z","type":"event_msg","payload":{"type":"token_count","info":{"last_token_usage":{"input_tokens":20,"output_tokens":1}}}}
      {"timestamp":"2026-03-05T10:00:07.000Z","type":"event_msg","payload":{"type":"token_count","info":{"last_token_usage":{"input_tokens":30,"output_tokens":1}}}}
      """;

  static String requests(int from, int to) {
    StringBuilder lines = new StringBuilder();
    for (int i = from; i <= to; i++) {
      lines.append(
          ClaudeLines.request(
              "m-" + i, "r-" + i, "2026-03-01T10:%02d:00.000Z".formatted(i), 100L * i, i));
    }
    return lines.toString();
  }
}
