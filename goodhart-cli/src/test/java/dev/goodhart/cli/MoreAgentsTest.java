package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.Fixtures;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agents beyond the first four, each placed where it keeps its logs under a home of the test's
 * own (the ingest module's fixtures): {@code goodhart import usage --source NAME} reads them, and
 * {@code goodhart usage daily --json} gives the per-day tokens and recorded costs worked out by
 * hand from the fixtures.
 */
class MoreAgentsTest {
  @TempDir Path folder;
  CliHarness cli;

  /** One day of one agent: tokens and the cost the logs record (display mode). */
  record Day(long input, long output, long cacheRead, long cacheWrite, String cost) {}

  static final Map<String, Map<String, Day>> EXPECTED =
      Map.of(
          // msg_02 + msg_03 (150 reasoning billed as output) + msg_04 (a total of 777 as output,
          // no cost); then msg_06. The user message and the one still streaming count nothing.
          "opencode",
          Map.of(
              "2026-01-02", new Day(1_200 + 500, 340 + 240 + 777, 8_000, 2_000, "0.0473"),
              "2026-01-03", new Day(300, 40, 1_000, 0, "0.0009")),
          "kilo",
          Map.of("2026-01-20", new Day(700, 210 + 15, 6_000, 900, "0.0207")),
          // Running totals per session; 400 of the first session's total beyond input and output
          // is reasoning, billed as output.
          "goose",
          Map.of(
              "2026-01-15", new Day(12_000 + 800, 1_500 + 400 + 120, 0, 0, "0.0612"),
              "2026-01-16", new Day(5_000, 700, 0, 0, "0")),
          "hermes",
          Map.of(
              "2026-01-15", new Day(2_200, 450, 30_000, 4_000, "0.0345"),
              "2026-01-16", new Day(900 + 1_000, 100 + 60 + 200, 5_000, 0, "0.0042")),
          // The ledger's three events with their messages' cache; then a thread of messages.
          "amp",
          Map.of(
              "2026-01-21",
                  new Day(12 + 4 + 300, 640 + 210 + 12, 18_000 + 23_200, 5_200 + 900, "0"),
              "2026-01-22", new Day(2_100, 380 + 95, 6_400, 0, "0")),
          "droid",
          Map.of(
              "2026-01-23", new Day(4_200, 1_900 + 350, 96_000, 12_000, "0"),
              "2026-01-24", new Day(800, 150 + 64, 2_400, 0, "0")),
          // A turn, a title and a sub-agent's task (the last a millisecond before midnight), at
          // Grok CLI's own prices of 17,000 + 100 + 13,600 millionths; then a turn whose total is
          // 50 above input plus output (reasoning, billed as output) at 2,750 millionths, and a
          // recap of a model Grok CLI could not price.
          "grok",
          Map.of(
              "2026-03-10", new Day(12_000 + 300 + 5_000, 800 + 20 + 600, 0, 0, "0.0307"),
              "2026-03-11", new Day(2_000 + 400, 100 + 50 + 60, 0, 0, "0.00275")),
          // ZCode's input holds its cache reads and writes: 20,000 - 15,000 - 1,000, a failed
          // attempt's 3,000 - 2,000, its retry's 21,000 - 16,000 and a sub-agent's 6,000 - 4,000;
          // its output holds the reasoning. Then a title, and a row whose counts are apart (its
          // total is the sum of all five: 30 output + 5 reasoning). ZCode records no cost; the
          // running and the cancelled request count nothing.
          "zcode",
          Map.of(
              "2026-04-02",
                  new Day(
                      4_000 + 1_000 + 5_000 + 2_000,
                      900 + 0 + 1_200 + 500,
                      15_000 + 2_000 + 16_000 + 4_000,
                      1_000,
                      "0"),
              "2026-04-03", new Day(250 + 20, 12 + 30 + 5, 80, 10, "0")));

  static final Map<String, Integer> REQUESTS =
      Map.of(
          "opencode",
          4,
          "kilo",
          1,
          "goose",
          3,
          "hermes",
          3,
          "amp",
          5,
          "droid",
          2,
          "grok",
          5,
          "zcode",
          6);

  @BeforeEach
  void placeTheAgentsLogs() {
    cli = new CliHarness(folder);
    Path opencode = cli.home.resolve(".local/share/opencode/opencode.db");
    Fixtures.create(opencode, Fixtures.script("opencode/schema.sql"));
    Fixtures.execute(opencode, Fixtures.script("opencode/rows.sql"));
    Path kilo = cli.home.resolve(".local/share/kilo/kilo.db");
    Fixtures.create(kilo, Fixtures.script("opencode/schema.sql"));
    Fixtures.execute(kilo, Fixtures.script("opencode/kilo-rows.sql"));
    Fixtures.create(
        cli.home.resolve(".local/share/goose/sessions/sessions.db"),
        Fixtures.script("goose/sessions.sql"));
    Fixtures.create(cli.home.resolve(".hermes/state.db"), Fixtures.script("hermes/state.sql"));
    Fixtures.create(cli.home.resolve(".grok/grok.db"), Fixtures.script("grok/grok.sql"));
    Fixtures.create(cli.home.resolve(".zcode/cli/db/db.sqlite"), Fixtures.script("zcode/db.sql"));
    for (String thread :
        List.of(
            "T-0b6a6d0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b.json",
            "T-7f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b.json")) {
      cli.write(".local/share/amp/threads/" + thread, Fixtures.script("amp/" + thread));
    }
    for (String session :
        List.of(
            "4c1d0b7e-2f6a-4d9e-9b3a-7e8f9a0b1c2d.settings.json",
            "4c1d0b7e-2f6a-4d9e-9b3a-7e8f9a0b1c2d.jsonl",
            "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d.settings.json",
            "0e0e0e0e-0000-4000-8000-000000000000.settings.json")) {
      cli.write(
          ".factory/sessions/-home-dev-notes/" + session,
          Fixtures.script("droid/-home-dev-notes/" + session));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"opencode", "kilo", "goose", "hermes", "amp", "droid", "grok", "zcode"})
  void importThenDailyGivesTheHandCountedTotals(String agent) {
    CliHarness.Result imported = cli.run("import", "usage", "--source", agent, "--json");

    assertEquals(0, imported.exitCode(), imported::toString);
    assertEquals(REQUESTS.get(agent).longValue(), imported.json().get("eventsRead").asLong());
    assertEquals(0, imported.json().get("badRecords").asLong(), imported::toString);

    CliHarness.Result daily =
        cli.run("usage", "daily", "--json", "--tz", "UTC", "--source", agent, "--mode", "display");

    assertEquals(0, daily.exitCode(), daily::toString);
    Map<String, Day> actual = new TreeMap<>();
    for (JsonNode row : daily.json().get("daily")) {
      actual.put(
          row.get("period").asText(),
          new Day(
              row.get("inputTokens").asLong(),
              row.get("outputTokens").asLong(),
              row.get("cacheReadTokens").asLong(),
              row.get("cacheCreationTokens").asLong(),
              row.get("totalCost").decimalValue().stripTrailingZeros().toPlainString()));
    }
    assertEquals(new TreeMap<>(EXPECTED.get(agent)), actual);
  }

  /**
   * ccusage 20.0.24 on the same home, as an independent reader of the same files and databases: per
   * day, input, cache reads, cache writes and total tokens are equal. Output differs by the
   * reasoning tokens alone, which goodhart counts in output (billed as output) and ccusage only in
   * the total. ccusage reads neither Grok CLI's database (its {@code grok} is xAI's Grok Build) nor
   * ZCode's.
   */
  @ParameterizedTest
  @ValueSource(strings = {"opencode", "kilo", "goose", "hermes", "amp", "droid"})
  void dailyTokensEqualCcusages(String agent) {
    Ccusage ccusage = Ccusage.require();
    JsonNode theirs = ccusage.run(cli.home, agent, "daily", "UTC");
    JsonNode ours = cli.run("usage", "daily", "--json", "--tz", "UTC", "--source", agent).json();

    assertEquals(
        withoutOutput(theirs.get("daily"), "date"), withoutOutput(ours.get("daily"), "period"));
  }

  private static Map<String, List<Long>> withoutOutput(JsonNode rows, String dayField) {
    Map<String, List<Long>> days = new TreeMap<>();
    for (JsonNode row : rows) {
      days.put(
          row.get(dayField).asText(),
          List.of(
              row.get("inputTokens").asLong(),
              row.get("cacheReadTokens").asLong(),
              row.get("cacheCreationTokens").asLong(),
              row.get("totalTokens").asLong()));
    }
    return days;
  }

  @Test
  void aSecondImportFindsEveryDatabaseUnchanged() {
    cli.run("import", "usage", "--json");

    JsonNode second = cli.run("import", "usage", "--json").json();

    assertEquals(0, second.get("filesRead").asLong(), second::toString);
    assertEquals(0, second.get("eventsRead").asLong());
  }

  @Test
  void theHelpNamesEveryAgent() {
    CliHarness.Result help = cli.run("import", "usage", "--help");

    assertEquals(0, help.exitCode(), help::toString);
    String words = help.out().replaceAll("\\s+", " ");
    for (String name :
        List.of("opencode", "amp", "droid", "goose", "hermes", "kilo", "grok", "zcode")) {
      assertTrue(
          words.matches(".*: [a-z, ]*\\b" + name + "\\b[a-z, ]* \\(default.*"), help::toString);
    }
  }

  @Test
  void theCostsOfEveryAgentAddUp() {
    JsonNode totals =
        cli.run("usage", "daily", "--json", "--tz", "UTC", "--mode", "display")
            .json()
            .get("totals");

    BigDecimal expected = BigDecimal.ZERO;
    for (Map<String, Day> days : EXPECTED.values()) {
      for (Day day : days.values()) {
        expected = expected.add(new BigDecimal(day.cost()));
      }
    }
    assertEquals(0, expected.compareTo(totals.get("totalCost").decimalValue()), totals::toString);
  }
}
