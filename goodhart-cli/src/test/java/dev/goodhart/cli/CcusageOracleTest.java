package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.synthetic.GroundTruth;
import dev.goodhart.synthetic.SyntheticLogs;
import dev.goodhart.synthetic.SyntheticSpec;
import dev.goodhart.synthetic.Tally;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * goodhart's per-day totals against two independent answers on the same generated logs: the
 * generator's own record of what it wrote, and ccusage 20.0.24 run on the same folder. Tokens must
 * agree exactly, for Claude Code and Codex, in UTC and in an awkward zone; dollars must agree
 * wherever no documented difference applies, and differ exactly where one does.
 */
class CcusageOracleTest {
  private static final String[] FIELDS = {
    "inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens", "totalTokens"
  };

  @TempDir Path folder;

  @ParameterizedTest(name = "seed {0}, {1}")
  @CsvSource({"11, UTC", "12, Pacific/Chatham", "13, America/St_Johns"})
  void dailyTokensEqualCcusagesAndTheGeneratorsOnEveryFeature(long seed, String zone) {
    Ccusage ccusage = Ccusage.require();
    CliHarness cli = new CliHarness(folder);
    SyntheticLogs.Result written =
        SyntheticLogs.write(
            cli.home,
            SyntheticSpec.of(seed, 8 << 20, 4 << 20).withDays(LocalDate.of(2026, 9, 25), 14));

    for (String source : new String[] {"claude", "codex"}) {
      JsonNode ours = goodhartDaily(cli, source, zone);
      JsonNode theirs = ccusage.run(cli.home, source, "daily", zone);

      Map<String, Map<String, Long>> expected = truthByDay(written.truth(), source, zone);
      assertTrue(expected.size() >= 7, source + ": the logs span many days");
      assertEquals(expected, tokensByDay(ours, "period"), source + ": goodhart vs the generator");
      assertEquals(expected, tokensByDay(theirs, "date"), source + ": ccusage vs the generator");
    }
  }

  /**
   * With no long-context request and no unpriced model in the logs, goodhart's dollars are
   * ccusage's, to the last cent of a cent: the price tables and rules are the same.
   */
  @Test
  void dailyCostsEqualCcusagesWhereNoDocumentedDifferenceApplies() {
    Ccusage ccusage = Ccusage.require();
    CliHarness cli = new CliHarness(folder);
    SyntheticLogs.write(
        cli.home,
        SyntheticSpec.of(21, 6 << 20, 3 << 20)
            .withFeatures(SyntheticSpec.Features.sharedWithCcusage()));

    for (String source : new String[] {"claude", "codex"}) {
      Map<String, BigDecimal> ours =
          costByDay(goodhartDaily(cli, source, "UTC"), "period", "totalCost");
      Map<String, BigDecimal> theirs =
          costByDay(
              ccusage.run(cli.home, source, "daily", "UTC"),
              "date",
              source.equals("codex") ? "costUSD" : "totalCost");
      assertEquals(theirs.keySet(), ours.keySet(), source);
      for (String day : ours.keySet()) {
        assertCloseTo(theirs.get(day), ours.get(day), source + " " + day);
      }
    }
  }

  /**
   * The documented differences: a request whose prompt exceeds 200k tokens costs goodhart the
   * higher rate on every token (ccusage: only above 200k), so exactly the days with such requests
   * cost more; a model without a price is unpriced, with its tokens reported (ccusage: $0).
   */
  @Test
  void costsDifferOnlyOnDaysWithLongContextRequestsAndUnpricedTokensAreCounted() {
    Ccusage ccusage = Ccusage.require();
    CliHarness cli = new CliHarness(folder);
    SyntheticLogs.Result written = SyntheticLogs.write(cli.home, SyntheticSpec.of(31, 16 << 20, 0));

    JsonNode ours = goodhartDaily(cli, "claude", "UTC");
    Map<String, BigDecimal> ourCosts = costByDay(ours, "period", "totalCost");
    Map<String, BigDecimal> theirCosts =
        costByDay(ccusage.run(cli.home, "claude", "daily", "UTC"), "date", "totalCost");
    Set<String> longContextDays = new HashSet<>();
    long unpricedTokens = 0;
    for (GroundTruth.Request request : written.truth().requests()) {
      Tally tokens = request.tokens();
      if (tokens.input() + tokens.cacheCreation() + tokens.cacheRead() > 200_000) {
        longContextDays.add(LocalDate.ofInstant(request.at(), ZoneId.of("UTC")).toString());
      }
      if (request.model().equals("acme-internal-coder-v3")) {
        unpricedTokens += tokens.total();
      }
    }
    assertTrue(!longContextDays.isEmpty() && unpricedTokens > 0, "the logs hold both cases");

    for (String day : ourCosts.keySet()) {
      if (longContextDays.contains(day)) {
        assertTrue(
            ourCosts.get(day).compareTo(theirCosts.get(day)) > 0,
            day + ": the whole request at the long-context rate costs more");
      } else {
        assertCloseTo(theirCosts.get(day), ourCosts.get(day), day);
      }
    }
    assertEquals(unpricedTokens, ours.get("totals").get("unpricedTokens").asLong());
  }

  private static JsonNode goodhartDaily(CliHarness cli, String source, String zone) {
    CliHarness.Result result =
        cli.run("usage", "daily", "--json", "--offline", "--tz", zone, "--source", source);
    assertEquals(0, result.exitCode(), result::toString);
    return result.json();
  }

  private static Map<String, Map<String, Long>> truthByDay(
      GroundTruth truth, String source, String zone) {
    Map<String, Map<String, Long>> days = new TreeMap<>();
    truth
        .daily(ZoneId.of(zone), source)
        .forEach(
            (day, tally) ->
                days.put(
                    day.toString(),
                    Map.of(
                        "inputTokens", tally.input(),
                        "outputTokens", tally.output(),
                        "cacheCreationTokens", tally.cacheCreation(),
                        "cacheReadTokens", tally.cacheRead(),
                        "totalTokens", tally.total())));
    return days;
  }

  private static Map<String, Map<String, Long>> tokensByDay(JsonNode report, String dayField) {
    Map<String, Map<String, Long>> days = new TreeMap<>();
    for (JsonNode row : report.get("daily")) {
      Map<String, Long> tokens = new TreeMap<>();
      for (String field : FIELDS) {
        tokens.put(field, row.get(field).asLong());
      }
      days.put(row.get(dayField).asText(), Map.copyOf(tokens));
    }
    return days;
  }

  private static Map<String, BigDecimal> costByDay(
      JsonNode report, String dayField, String costField) {
    Map<String, BigDecimal> days = new TreeMap<>();
    for (JsonNode row : report.get("daily")) {
      days.put(row.get(dayField).asText(), row.get(costField).decimalValue());
    }
    return days;
  }

  /** ccusage sums binary floating point; goodhart's decimals agree with it to 1e-9 relative. */
  private static void assertCloseTo(BigDecimal theirs, BigDecimal ours, String where) {
    BigDecimal difference = theirs.subtract(ours).abs();
    BigDecimal allowed = theirs.abs().multiply(new BigDecimal("1e-9")).max(new BigDecimal("1e-12"));
    assertTrue(
        difference.compareTo(allowed) <= 0,
        () -> where + ": ccusage $" + theirs + ", goodhart $" + ours.round(MathContext.DECIMAL64));
  }
}
