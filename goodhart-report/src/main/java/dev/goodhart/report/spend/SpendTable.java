package dev.goodhart.report.spend;

import dev.goodhart.metrics.spend.SpendReport;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.report.text.Figures;
import dev.goodhart.report.text.TextTable;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code goodhart spend} for a terminal: a row per UTC day, each vendor's bill, their sum, what the
 * logs and telemetry observed and the gap; a vendor without an imported bill shows a dash, an
 * estimate a star.
 */
public final class SpendTable {
  private static final int MONEY = 9;

  private SpendTable() {}

  public static void write(SpendReport report, PrintWriter out) {
    if (report.days().isEmpty()) {
      out.println("Billed and observed spend: nothing billed or observed in these days.");
      hint(report, out);
      out.flush();
      return;
    }
    List<TextTable.Column> columns = new ArrayList<>();
    columns.add(TextTable.Column.text("Date (UTC)", 10));
    for (Vendor vendor : Vendor.values()) {
      columns.add(TextTable.Column.number(header(vendor), MONEY));
    }
    columns.add(TextTable.Column.number("Billed", MONEY));
    columns.add(TextTable.Column.number("Observed", MONEY));
    columns.add(TextTable.Column.number("Gap", MONEY));
    TextTable table = new TextTable(columns);
    for (SpendReport.Day day : report.days()) {
      table.row(cells(day.date().toString(), day.figures()));
    }
    table.rule();
    table.row(cells("Total", report.totals()));
    out.println(
        "Billed by vendors and observed in logs and telemetry, %s to %s"
            .formatted(report.from(), report.to()));
    out.println();
    table.lines().forEach(out::println);
    out.println();
    out.println("Gap = billed - observed. Above zero: spend no log goodhart read accounts for");
    out.println("(other machines, programs calling the API, tools whose logs it does not read);");
    out.println("below zero: observed spend no imported bill covers.");
    if (!report.totals().estimated().isEmpty()) {
      out.println("* an estimate, not a bill: Claude Code Analytics' estimated cost, on days");
      out.println("  without a cost report.");
    }
    hint(report, out);
    out.flush();
  }

  private static void hint(SpendReport report, PrintWriter out) {
    if (!report.hasBills()) {
      out.println("No vendor bill was imported for these days: 'goodhart import vendor FILE...'");
      out.println("reads saved cost and usage reports; 'goodhart import vendor --from-api");
      out.println("anthropic|openai|copilot|cursor' asks the vendors.");
    }
  }

  private static String header(Vendor vendor) {
    return switch (vendor) {
      case ANTHROPIC -> "Anthropic";
      case OPENAI -> "OpenAI";
      case COPILOT -> "Copilot";
      case CURSOR -> "Cursor";
    };
  }

  private static String[] cells(String label, SpendReport.Figures figures) {
    List<String> cells = new ArrayList<>();
    cells.add(label);
    for (Vendor vendor : Vendor.values()) {
      BigDecimal billed = figures.billed().get(vendor);
      cells.add(
          figures.estimated().contains(vendor) && billed != null
              ? Figures.money(billed, MONEY - 1) + "*"
              : money(billed));
    }
    cells.add(money(figures.billedTotal()));
    cells.add(money(figures.observed()));
    cells.add(money(figures.gap()));
    return cells.toArray(String[]::new);
  }

  /**
   * The report's few lines in {@code goodhart report}'s summary: each vendor's bill over the
   * period, observed spend and the gap; nothing when no bill was imported.
   */
  public static void summary(SpendReport report, PrintWriter out) {
    if (!report.hasBills()) {
      return;
    }
    SpendReport.Figures totals = report.totals();
    List<String> bills = new ArrayList<>();
    for (Vendor vendor : Vendor.values()) {
      BigDecimal billed = totals.billed().get(vendor);
      if (billed != null) {
        bills.add(
            vendor.title()
                + " "
                + Figures.money(billed, 14)
                + (totals.estimated().contains(vendor) ? " (partly estimated)" : ""));
      }
    }
    out.println();
    out.printf(
        "Billed by vendors, %s to %s: %s; observed in logs and telemetry %s; gap %s%n",
        report.from(),
        report.to(),
        String.join(", ", bills),
        Figures.money(totals.observed(), 14),
        money(totals.gap()));
    out.println("  ('goodhart spend' shows it day by day)");
    out.flush();
  }

  private static String money(@Nullable BigDecimal dollars) {
    return dollars == null ? "-" : Figures.money(dollars, MONEY);
  }
}
