package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The usage reports on the specification's sample logs, against totals worked out by hand. */
class UsageReportsTest {
  @TempDir Path folder;
  CliHarness cli;

  @BeforeEach
  void placeSamples() {
    cli = new CliHarness(folder);
    SampleLogs.placeAll(cli);
  }

  @Test
  void dailyJsonHasTheHandCountedTokensPerLocalDay() {
    ZoneId zone = ZoneId.of("Pacific/Chatham");
    Map<String, TokenCounts> expected = new TreeMap<>();
    for (SampleLogs.Expected request : SampleLogs.REQUESTS) {
      expected.merge(
          request.at().atZone(zone).toLocalDate().toString(),
          tokensOnly(request.tokens()),
          TokenCounts::plus);
    }

    CliHarness.Result result = cli.run("usage", "daily", "--json", "--tz", "Pacific/Chatham");

    assertEquals(0, result.exitCode(), result::toString);
    Map<String, TokenCounts> actual = new TreeMap<>();
    for (JsonNode row : result.json().get("daily")) {
      actual.put(row.get("period").asText(), tokens(row));
    }
    assertEquals(expected, actual);
    assertEquals(
        tokensOnly(SampleLogs.total(SampleLogs.REQUESTS)), tokens(result.json().get("totals")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"weekly", "monthly", "session", "blocks"})
  void everyReportAddsUpToTheDailyTotals(String report) {
    JsonNode daily = cli.run("usage", "daily", "--json").json().get("totals");

    CliHarness.Result result = cli.run("usage", report, "--json");

    assertEquals(0, result.exitCode(), result::toString);
    JsonNode totals = result.json().get("totals");
    assertEquals(tokens(daily), tokens(totals), report);
    assertEquals(
        daily.get("totalCost").decimalValue(), totals.get("totalCost").decimalValue(), report);
    assertEquals(daily.get("requests").asLong(), totals.get("requests").asLong(), report);
    TokenCounts rows = TokenCounts.ZERO;
    for (JsonNode row : result.json().get(report)) {
      rows = rows.plus(tokens(row));
    }
    assertEquals(tokens(totals), rows, "rows add up to the totals of " + report);
  }

  @Test
  void sessionsOfSubAgentsCountInTheirParentSession() {
    JsonNode sessions = cli.run("usage", "session", "--json").json().get("session");

    Map<String, Long> tokensBySession =
        SampleLogs.REQUESTS.stream()
            .collect(
                Collectors.groupingBy(
                    SampleLogs.Expected::session,
                    TreeMap::new,
                    Collectors.summingLong(r -> r.tokens().total())));
    Map<String, Long> actual = new TreeMap<>();
    for (JsonNode row : sessions) {
      actual.put(row.get("sessionId").asText(), row.get("totalTokens").asLong());
    }
    assertEquals(tokensBySession, actual);
  }

  @Test
  void sourceFilterShowsOnlyThatAgent() {
    JsonNode totals = cli.run("usage", "daily", "--json", "--source", "codex").json().get("totals");

    List<SampleLogs.Expected> codex =
        SampleLogs.REQUESTS.stream().filter(r -> r.source().equals("codex")).toList();
    assertEquals(tokensOnly(SampleLogs.total(codex)), tokens(totals));
  }

  @Test
  void calculatedCostsFollowThePublishedPrices() {
    JsonNode rows =
        cli.run("usage", "daily", "--json", "--tz", "UTC", "--mode", "calculate")
            .json()
            .get("daily");

    // 2026-03-01: one claude-sonnet-4-5 request at $3/M input, $15/M output, $3.75/M cache write,
    // $0.30/M cache read.
    JsonNode march1 = row(rows, "2026-03-01");
    BigDecimal expected =
        new BigDecimal("0.000003")
            .multiply(BigDecimal.valueOf(10))
            .add(new BigDecimal("0.000015").multiply(BigDecimal.valueOf(420)))
            .add(new BigDecimal("0.00000375").multiply(BigDecimal.valueOf(8_000)))
            .add(new BigDecimal("0.0000003").multiply(BigDecimal.valueOf(12_000)));
    assertEquals(0, expected.compareTo(march1.get("totalCost").decimalValue()), march1.toString());
  }

  @Test
  void displayModeShowsOnlyCostsTheLogsCarry() {
    JsonNode report =
        cli.run("usage", "daily", "--json", "--tz", "UTC", "--mode", "display").json();

    // session-alpha's lines carry costUSD 0.12 + 0.34 + 0.56, OpenCode's 0.02; everything else is
    // unpriced.
    assertEquals(
        0, new BigDecimal("1.04").compareTo(report.get("totals").get("totalCost").decimalValue()));
    assertEquals(
        SampleLogs.REQUESTS.size() - 4, report.get("totals").get("unpricedRequests").asLong());
  }

  @Test
  void aModelWithoutAPriceIsReportedUnpricedNeverZero() {
    CliHarness.Result result =
        cli.run("usage", "daily", "--json", "--tz", "UTC", "--source", "gemini");

    JsonNode report = result.json();
    assertEquals(16_276, report.get("totals").get("unpricedTokens").asLong());
    assertEquals("gemini-3-flash-preview", report.get("unpriced").get(0).get("model").asText());
    assertTrue(result.err().contains("no price for model 'gemini-3-flash-preview'"), result.err());

    CliHarness.Result table = cli.run("usage", "daily", "--tz", "UTC", "--source", "gemini");
    String words = table.out().replaceAll("\\s+", " ");
    assertTrue(words.contains("$0.00*"), table.out());
    assertTrue(
        words.contains("1 unpriced request (16,276 tokens) of: gemini-3-flash-preview"),
        table.out());
  }

  @Test
  void tablesFitEightyColumns() {
    for (String report : List.of("daily", "weekly", "monthly", "session", "blocks")) {
      for (List<String> extra :
          List.of(List.<String>of(), List.of("--breakdown"), List.of("--compact"))) {
        List<String> args = new java.util.ArrayList<>(List.of("usage", report));
        args.addAll(extra);
        CliHarness.Result result = cli.run(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result::toString);
        for (String line : result.out().split("\n")) {
          assertTrue(
              line.length() <= 80,
              report + " " + extra + " line is " + line.length() + " wide: " + line);
        }
      }
    }
  }

  @Test
  void csvHasOneLinePerRowWithExactFigures() {
    CliHarness.Result result = cli.run("usage", "monthly", "--csv", "--tz", "UTC");

    String[] lines = result.out().split("\r\n");
    assertEquals(
        "period,models,inputTokens,outputTokens,cacheCreationTokens,cacheReadTokens,totalTokens,totalCost,requests,"
            + "unpricedTokens,unpricedRequests",
        lines[0]);
    assertEquals(3, lines.length - 1, result.out()); // 2026-01, 2026-03 and 2026-05
  }

  static TokenCounts tokens(JsonNode row) {
    return TokenCounts.of(
        row.get("inputTokens").asLong(),
        row.get("outputTokens").asLong(),
        row.get("cacheReadTokens").asLong(),
        row.get("cacheCreationTokens").asLong());
  }

  static TokenCounts tokensOnly(TokenCounts tokens) {
    return TokenCounts.of(tokens.input(), tokens.output(), tokens.cacheRead(), tokens.cacheWrite());
  }

  private static JsonNode row(JsonNode rows, String period) {
    for (JsonNode row : rows) {
      if (row.get("period").asText().equals(period)) {
        return row;
      }
    }
    throw new AssertionError("no row " + period + " in " + rows);
  }
}
