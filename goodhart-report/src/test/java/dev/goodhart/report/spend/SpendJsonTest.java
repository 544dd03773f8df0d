package dev.goodhart.report.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.metrics.spend.SpendReport;
import dev.goodhart.model.billing.Vendor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@code goodhart spend}'s JSON document, field by field, and its table. */
class SpendJsonTest {
  static SpendReport.Figures figures(
      @Nullable String anthropic,
      @Nullable String cursor,
      String observed,
      List<Vendor> estimated) {
    Map<Vendor, @Nullable BigDecimal> billed = new EnumMap<>(Vendor.class);
    billed.put(Vendor.ANTHROPIC, anthropic == null ? null : new BigDecimal(anthropic));
    billed.put(Vendor.CURSOR, cursor == null ? null : new BigDecimal(cursor));
    BigDecimal total =
        anthropic == null && cursor == null
            ? null
            : (anthropic == null ? BigDecimal.ZERO : new BigDecimal(anthropic))
                .add(cursor == null ? BigDecimal.ZERO : new BigDecimal(cursor));
    BigDecimal seen = new BigDecimal(observed);
    return new SpendReport.Figures(
        billed, total, seen, total == null ? null : total.subtract(seen), estimated);
  }

  static SpendReport sample() {
    return new SpendReport(
        LocalDate.parse("2026-08-01"),
        LocalDate.parse("2026-08-02"),
        List.of(
            new SpendReport.Day(
                LocalDate.parse("2026-08-01"),
                figures("62.0347189", "0.2420732", "58.10", List.of())),
            new SpendReport.Day(
                LocalDate.parse("2026-08-02"),
                figures("4.00", "0", "0", List.of(Vendor.ANTHROPIC)))),
        figures("66.0347189", "0.2420732", "58.10", List.of(Vendor.ANTHROPIC)),
        Instant.parse("2026-08-03T00:00:00Z"));
  }

  @Test
  void theDocumentHasExactlyTheContractsFieldsAndExactDollars() throws IOException {
    StringWriter out = new StringWriter();
    SpendJson.write(sample(), out);

    assertEquals(
        "{\"days\":["
            + "{\"date\":\"2026-08-01\",\"billed\":{\"anthropic\":62.0347189,\"openai\":null,"
            + "\"copilot\":null,\"cursor\":0.2420732},\"observed\":58.1,\"gap\":4.1767921},"
            + "{\"date\":\"2026-08-02\",\"billed\":{\"anthropic\":4,\"openai\":null,"
            + "\"copilot\":null,\"cursor\":0},\"observed\":0,\"gap\":4}],"
            + "\"totals\":{\"billed\":{\"anthropic\":66.0347189,\"openai\":null,\"copilot\":null,"
            + "\"cursor\":0.2420732},\"observed\":58.1,\"gap\":8.1767921}}\n",
        out.toString());
  }

  @Test
  void theTableHasARowPerDayDashesForVendorsWithoutBillsAndStarsForEstimates() {
    StringWriter text = new StringWriter();
    SpendTable.write(sample(), new PrintWriter(text));

    List<String> lines = text.toString().lines().toList();
    assertEquals(
        "Billed by vendors and observed in logs and telemetry, 2026-08-01 to 2026-08-02",
        lines.get(0));
    assertEquals(
        "Date (UTC) Anthropic    OpenAI   Copilot    Cursor    Billed  Observed       Gap",
        lines.get(2));
    assertEquals(
        "2026-08-01    $62.03         -         -     $0.24    $62.28    $58.10     $4.18",
        lines.get(4));
    assertEquals(
        "2026-08-02    $4.00*         -         -     $0.00     $4.00     $0.00     $4.00",
        lines.get(5));
    assertTrue(lines.stream().allMatch(line -> line.length() <= 80), text::toString);
    assertTrue(text.toString().contains("* an estimate, not a bill"), text::toString);
  }

  @Test
  void aReportWithoutBillsSaysHowToImportThem() {
    SpendReport none =
        new SpendReport(
            LocalDate.parse("2026-08-01"),
            LocalDate.parse("2026-08-01"),
            List.of(
                new SpendReport.Day(
                    LocalDate.parse("2026-08-01"), figures(null, null, "3", List.of()))),
            figures(null, null, "3", List.of()),
            Instant.EPOCH);
    StringWriter text = new StringWriter();
    SpendTable.write(none, new PrintWriter(text));
    StringWriter summary = new StringWriter();
    SpendTable.summary(none, new PrintWriter(summary));

    assertTrue(text.toString().contains("'goodhart import vendor FILE...'"), text::toString);
    assertEquals("", summary.toString(), "the report says nothing of bills never imported");
  }
}
