package dev.goodhart.ingest.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeProblem;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every vendor format read from saved files, with the units that trip people: Anthropic's cents as
 * decimal strings, Claude Code Analytics' cents as numbers, OpenAI's and Copilot's dollars,
 * Cursor's fractional cents; RFC 3339, seconds and milliseconds since 1970; pages that overlap.
 */
class VendorSavedFilesTest {
  @TempDir Path folder;
  final MemoryVendorTarget target = new MemoryVendorTarget();
  final List<ForgeProblem> problems = new ArrayList<>();

  VendorImportSummary read(boolean strict, String... samples) {
    List<Path> files = new ArrayList<>();
    for (String sample : samples) {
      files.add(VendorSamples.copy(sample, folder));
    }
    return read(strict, files);
  }

  VendorImportSummary read(boolean strict, List<Path> files) {
    return new VendorSavedFiles(VendorSamples.reader())
        .read(
            files,
            target,
            strict,
            new ForgeListener() {
              @Override
              public void problem(ForgeProblem problem) {
                problems.add(problem);
              }
            });
  }

  static BigDecimal dollars(String text) {
    return new BigDecimal(text);
  }

  static void assertMoney(String expected, BigDecimal actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> expected + " != " + actual);
  }

  @Test
  void anthropicsCostReportIsCentsInStringsAndItsOverlappingPagesCountOnce() {
    VendorImportSummary summary =
        read(false, "anthropic_cost_report_page1.json", "anthropic_cost_report_page2.json");

    assertEquals(List.of(), problems);
    assertEquals(8, summary.rows(), "rows read, the day both pages hold once");
    assertEquals(8, target.of(Vendor.ANTHROPIC, "cost_report").size(), "rows kept");
    // 1234.56789 + 4567.8 + 312.004 + 89.1 cents
    assertMoney("62.0347189", target.billed(Vendor.ANTHROPIC, "cost_report", "2026-08-01"));
    assertMoney("0.003", target.billed(Vendor.ANTHROPIC, "cost_report", "2026-08-02"));
    assertMoney("25", target.billed(Vendor.ANTHROPIC, "cost_report", "2026-08-03"));
    assertMoney("0", target.billed(Vendor.ANTHROPIC, "cost_report", "2026-08-04"));
    assertMoney("0.0000001", target.billed(Vendor.ANTHROPIC, "cost_report", "2026-08-05"));
    VendorUsage search =
        target.of(Vendor.ANTHROPIC, "cost_report").stream()
            .filter(r -> "Web Search".equals(r.lineItem()))
            .findFirst()
            .orElseThrow();
    assertNull(search.workspace(), "the default workspace");
    assertEquals(
        "workspace_id,description,cost_type,model,token_type,service_tier,context_window,inference_geo"
                .length()
            > 0,
        true);
    assertEquals(
        "context_window,cost_type,description,inference_geo,model,service_tier,token_type,workspace_id",
        search.grouping());
    assertEquals(Instant.parse("2026-08-02T00:00:00Z"), search.bucketEnd());
    VendorImportSummary.Report report = summary.reports().getFirst();
    assertEquals("Anthropic cost report", report.title());
    assertEquals("2026-08-01", String.valueOf(report.firstDay()));
    assertEquals("2026-08-05", String.valueOf(report.lastDay()));
  }

  @Test
  void anthropicsMessagesUsageIsTokensWithTheCacheApart() {
    read(false, "anthropic_usage_messages.json");

    List<VendorUsage> rows = target.of(Vendor.ANTHROPIC, "usage_messages");
    assertEquals(2, rows.size());
    VendorUsage opus = rows.getFirst();
    assertEquals("claude-opus-4-6", opus.model());
    assertEquals(1_500_000, opus.inputTokens());
    assertEquals(42_000_000, opus.cacheReadTokens());
    assertEquals(1_500_000, opus.cacheWriteTokens(), "5-minute and 1-hour writes");
    assertEquals(750_000, opus.outputTokens());
    assertNull(opus.amountUsd(), "a usage report carries no money");
    assertEquals("apikey_01Rj2N8SVvo6BePZj99NhmiT", opus.apiKey());
    assertEquals("api_key_id,model,workspace_id", opus.grouping());
  }

  @Test
  void claudeCodeAnalyticsIsEstimatedCentsAndItsPagesSplitADay() {
    read(
        false,
        "claude_code_analytics_2026-08-01_page1.json",
        "claude_code_analytics_2026-08-01_page2.json");

    assertEquals(List.of(), problems);
    List<VendorUsage> rows = target.of(Vendor.ANTHROPIC, "claude_code");
    assertEquals(4, rows.size(), "a row per record and model");
    assertTrue(rows.stream().allMatch(VendorUsage::estimated));
    // 186 + 0.45 + 12 + 2890.5 cents
    assertMoney("30.8895", target.billed(Vendor.ANTHROPIC, "claude_code", "2026-08-01"));
    assertEquals(VendorSamples.PSEUDONYMS.of("ana@acme.example"), rows.getFirst().personId());
    assertTrue(
        rows.stream()
            .noneMatch(
                r ->
                    String.valueOf(r.apiKey()).contains("ci-release-bot")
                        || r.lineKey().contains("ana@")),
        "no e-mail address or key name is kept");
    assertEquals(45_230, rows.getFirst().inputTokens());
  }

  @Test
  void openAisCostsAreDollarsInBucketsOfSecondsSince1970() {
    read(false, "openai_costs_page1.json", "openai_costs_page2.json");

    assertMoney("12.505678", target.billed(Vendor.OPENAI, "costs", "2026-08-01"));
    assertMoney("0.2", target.billed(Vendor.OPENAI, "costs", "2026-08-02"));
    assertMoney("7", target.billed(Vendor.OPENAI, "costs", "2026-08-03"));
    VendorUsage first = target.of(Vendor.OPENAI, "costs").getFirst();
    assertEquals(Instant.parse("2026-08-01T00:00:00Z"), first.bucketStart());
    assertEquals("gpt-5.1-codex, input", first.lineItem());
    assertEquals(new BigDecimal("12.345678"), first.amountUsd(), "exactly as written");
  }

  @Test
  void openAisInputIncludesTheCacheSoGoodhartTakesItOut() {
    read(false, "openai_usage_completions.json");

    List<VendorUsage> rows = target.of(Vendor.OPENAI, "usage_completions");
    assertEquals(3000, rows.get(0).inputTokens(), "input_uncached_tokens as given");
    assertEquals(1800, rows.get(0).cacheReadTokens());
    assertEquals(200, rows.get(0).cacheWriteTokens());
    assertEquals(500, rows.get(1).inputTokens(), "900 input of which 400 cached");
    assertEquals(new BigDecimal("5"), rows.get(0).requests());
    assertEquals(VendorSamples.PSEUDONYMS.of("openai:user-abc"), rows.get(0).personId());
  }

  @Test
  void copilotsPremiumRequestsAreDollarsForADayOrAMonth() {
    read(
        false, "copilot_premium_requests_2026-08-01.json", "copilot_premium_requests_2026-07.json");

    assertMoney("1.52", target.billed(Vendor.COPILOT, "premium_requests", "2026-08-01"));
    VendorUsage month =
        target.of(Vendor.COPILOT, "premium_requests").stream()
            .filter(r -> r.model().equals("Claude Opus 4.6"))
            .findFirst()
            .orElseThrow();
    assertEquals(Instant.parse("2026-07-01T00:00:00Z"), month.bucketStart());
    assertEquals(Instant.parse("2026-08-01T00:00:00Z"), month.bucketEnd());
    assertMoney("48.01", month.amountUsd());
    assertMoney("168.01", month.listAmountUsd());
    assertMoney("4200.25", month.requests());
  }

  @Test
  void copilotsUsageMetricsAreNdjsonRowsPerUserAndTeamRowsArePassedOver() {
    VendorImportSummary summary =
        read(
            false,
            "copilot_users_1_day_2026-08-01.ndjson",
            "copilot_enterprise_1_day_2026-08-01.ndjson",
            "copilot_user_teams_2026-08-01.ndjson");

    assertEquals(List.of(), problems);
    List<VendorUsage> users = target.of(Vendor.COPILOT, "usage_metrics");
    assertEquals(3, users.size());
    VendorUsage alice = users.getFirst();
    assertEquals(VendorSamples.PSEUDONYMS.of("github:alice"), alice.personId());
    assertEquals(812_345, alice.inputTokens());
    assertEquals(40_210, alice.outputTokens());
    assertMoney("67", alice.requests());
    assertEquals(1, target.of(Vendor.COPILOT, "usage_metrics_totals").size());
    assertEquals(2, summary.ignored(), "two team membership rows");
  }

  @Test
  void aSavedCopyOfTheReportsLinksSaysToDownloadTheReport() {
    VendorImportSummary summary = read(false, "copilot_report_links.json");

    assertEquals(1, summary.badRecords());
    assertTrue(
        problems.getFirst().reason().contains("download the NDJSON files"), problems::toString);
  }

  @Test
  void cursorsEventsAreChargedCentsAndIncludedEventsCostNothing() {
    read(false, "cursor_usage_events_page1.json", "cursor_usage_events_page2.json");

    assertEquals(List.of(), problems);
    List<VendorUsage> events = target.of(Vendor.CURSOR, "usage_events");
    assertEquals(4, events.size());
    // 20.18232 cents usage-based, an included event, 4.025 cents charged
    assertMoney("0.2420732", target.billed(Vendor.CURSOR, "usage_events", "2026-08-01"));
    assertMoney("0", target.billed(Vendor.CURSOR, "usage_events", "2026-08-02"));
    VendorUsage included = events.get(1);
    assertMoney("0", included.amountUsd());
    assertMoney("0.447", included.listAmountUsd());
    assertEquals(Instant.parse("2026-08-01T00:00:00Z"), events.getFirst().bucketStart());
    assertEquals(VendorSamples.PSEUDONYMS.of("ana@acme.example"), events.getFirst().personId());
  }

  @Test
  void readingTheSameFilesAgainAddsNothing() {
    String[] all = {
      "anthropic_cost_report_page1.json",
      "anthropic_cost_report_page2.json",
      "openai_costs_page1.json",
      "cursor_usage_events_page1.json",
      "copilot_users_1_day_2026-08-01.ndjson"
    };
    read(false, all);
    int once = target.rows.size();

    read(false, all);

    assertEquals(once, target.rows.size());
  }

  @Test
  void aBadRowIsReportedWithItsPathAndTheOthersAreRead() throws IOException {
    String page =
        VendorSamples.text("anthropic_cost_report_page1.json")
            .replace("\"amount\": \"4567.8\"", "\"amount\": \"45,67\"")
            .replace(
                "\"currency\": \"USD\", \"cost_type\": \"web_search\"",
                "\"currency\": \"EUR\", \"cost_type\": \"web_search\"");
    Path file = Files.writeString(folder.resolve("damaged.json"), page);

    VendorImportSummary summary = read(false, List.of(file));

    assertEquals(2, summary.badRecords(), problems::toString);
    assertEquals(
        file
            + ":1: data[0].results[1].amount is \"45,67\", expected a decimal number in a string, like \"123.45\"",
        problems.get(0).message());
    assertTrue(
        problems.get(1).message().contains("data[0].results[3].currency is \"EUR\""),
        problems::toString);
    assertEquals(5, target.of(Vendor.ANTHROPIC, "cost_report").size(), "the other rows");
  }

  @Test
  void somethingElseIsReportedWithItsFields() throws IOException {
    Path file =
        Files.writeString(
            folder.resolve("other.json"), "{\"object\": \"list\", \"items\": [1]}\n[1, 2]\n{\n");

    VendorImportSummary summary = read(false, List.of(file));

    assertEquals(4, summary.badRecords(), problems::toString);
    assertTrue(
        problems
            .getFirst()
            .message()
            .startsWith(
                file
                    + ":1: not an answer of a vendor report goodhart reads (fields \"items\", \"object\")"),
        problems::toString);
    assertFalse(problems.stream().anyMatch(p -> p.message().contains("Exception")));
  }

  @Test
  void strictStopsAtTheFirstBadRowKeepingWhatCameBefore() throws IOException {
    String page =
        VendorSamples.text("openai_costs_page1.json")
            .replace("\"value\":0.2,", "\"value\":\"0.2\",");
    Path good = VendorSamples.copy("cursor_usage_events_page1.json", folder);
    Path bad = Files.writeString(folder.resolve("bad.json"), page);

    GoodhartException e =
        assertThrows(GoodhartException.class, () -> read(true, List.of(good, bad)));

    assertEquals(ErrorCode.BAD_RECORD, e.code());
    assertTrue(
        e.getMessage().contains("data[1].results[0].amount.value is \"0.2\", expected a number"),
        e::getMessage);
    assertEquals(3, target.of(Vendor.CURSOR, "usage_events").size(), "stored before the failure");
  }
}
