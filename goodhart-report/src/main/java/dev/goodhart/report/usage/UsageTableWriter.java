package dev.goodhart.report.usage;

import dev.goodhart.metrics.usage.BlockDetails;
import dev.goodhart.metrics.usage.ModelUsage;
import dev.goodhart.metrics.usage.SessionDetails;
import dev.goodhart.metrics.usage.UsageReport;
import dev.goodhart.metrics.usage.UsageRow;
import dev.goodhart.report.text.Figures;
import dev.goodhart.report.text.TextTable;
import dev.goodhart.report.text.TextTable.Column;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Usage reports as terminal tables no wider than 80 columns. Counts are exact where they fit and
 * abbreviated ({@code 1.23M}) where they do not; the JSON and CSV outputs always carry exact
 * figures. A cost marked {@code *} leaves out unpriced requests, which the footer names.
 */
public final class UsageTableWriter {
  private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}(?=(-fast)?$)");
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter BLOCK_START =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
  private static final int COUNT = 7;
  private static final int COST = 10;

  private final boolean compact;
  private final boolean breakdown;

  public UsageTableWriter(boolean compact, boolean breakdown) {
    this.compact = compact;
    this.breakdown = breakdown;
  }

  public void write(UsageReport report, PrintWriter out) {
    TextTable table =
        switch (report.kind()) {
          case SESSION -> sessions(report);
          case BLOCKS -> blocks(report);
          default -> calendar(report);
        };
    out.println(title(report));
    out.println();
    table.lines().forEach(out::println);
    footer(report).forEach(out::println);
    out.flush();
  }

  private static String title(UsageReport report) {
    String what =
        switch (report.kind()) {
          case DAILY -> "by day";
          case WEEKLY -> "by week (from Monday)";
          case MONTHLY -> "by month";
          case SESSION -> "by session";
          case BLOCKS -> "by 5-hour billing block";
        };
    return "AI coding usage " + what + ", " + report.zone().getId();
  }

  private TextTable calendar(UsageReport report) {
    String header =
        switch (report.kind()) {
          case WEEKLY -> "Week of";
          case MONTHLY -> "Month";
          default -> "Date";
        };
    List<Column> columns = new ArrayList<>();
    columns.add(Column.text(header, 10));
    columns.add(Column.text("Models", compact ? 30 : 14));
    columns.add(Column.number("Input", COUNT));
    columns.add(Column.number("Output", COUNT));
    if (!compact) {
      columns.add(Column.number("Cache W", COUNT));
      columns.add(Column.number("Cache R", COUNT));
    }
    columns.add(Column.number("Total", COUNT));
    columns.add(Column.number("Cost", COST));
    TextTable table = new TextTable(columns);
    for (UsageRow row : report.rows()) {
      table.row(
          sums(row.period(), models(row), row.tokens(), row.cost(), row.unpricedRequests() > 0));
      if (breakdown) {
        for (ModelUsage model : row.models()) {
          table.row(
              sums(
                  "",
                  "└ " + shortModel(model.model()),
                  model.tokens(),
                  model.cost(),
                  model.unpricedRequests() > 0));
        }
      }
    }
    table.rule();
    UsageRow totals = report.totals();
    table.row(sums("Total", "", totals.tokens(), totals.cost(), totals.unpricedRequests() > 0));
    return table;
  }

  private String[] sums(
      String label,
      String models,
      dev.goodhart.model.TokenCounts tokens,
      java.math.BigDecimal cost,
      boolean unpriced) {
    List<String> cells = new ArrayList<>();
    cells.add(label);
    cells.add(models);
    cells.add(Figures.count(tokens.input(), COUNT));
    cells.add(Figures.count(tokens.output(), COUNT));
    if (!compact) {
      cells.add(Figures.count(tokens.cacheWrite(), COUNT));
      cells.add(Figures.count(tokens.cacheRead(), COUNT));
    }
    cells.add(Figures.count(tokens.total(), COUNT));
    cells.add(cost(cost, unpriced));
    return cells.toArray(String[]::new);
  }

  private TextTable sessions(UsageReport report) {
    TextTable table =
        new TextTable(
            List.of(
                Column.text("Session", 8),
                Column.text("Agent", 6),
                Column.text("Project", 12),
                Column.text("Last active", 11),
                Column.text("Models", 12),
                Column.number("Total", COUNT),
                Column.number("Cost", COST)));
    for (UsageRow row : report.rows()) {
      SessionDetails session = row.session();
      table.row(
          session == null ? row.period() : session.sessionId(),
          session == null ? "" : session.source(),
          session == null ? "" : projectName(session),
          time(row.last(), report.zone(), MINUTE),
          models(row),
          Figures.count(row.tokens().total(), COUNT),
          cost(row.cost(), row.unpricedRequests() > 0));
      if (breakdown) {
        for (ModelUsage model : row.models()) {
          table.row(
              "",
              "",
              "",
              "",
              "└ " + shortModel(model.model()),
              Figures.count(model.tokens().total(), COUNT),
              cost(model.cost(), model.unpricedRequests() > 0));
        }
      }
    }
    table.rule();
    table.row(
        "Total",
        "",
        "",
        "",
        "",
        Figures.count(report.totals().tokens().total(), COUNT),
        cost(report.totals().cost(), report.totals().unpricedRequests() > 0));
    return table;
  }

  private TextTable blocks(UsageReport report) {
    TextTable table =
        new TextTable(
            List.of(
                Column.text("Block start", 16),
                Column.text("Agent", 6),
                Column.text("Status", 14),
                Column.text("Models", 12),
                Column.number("Total", COUNT),
                Column.number("Cost", COST)));
    Instant now = report.generatedAt();
    for (UsageRow row : report.rows()) {
      BlockDetails block = row.block();
      if (block == null) {
        continue;
      }
      table.row(
          time(block.start(), report.zone(), BLOCK_START),
          block.source(),
          status(block, now),
          block.gap() ? "" : models(row),
          block.gap() ? "" : Figures.count(row.tokens().total(), COUNT),
          block.gap() ? "" : cost(row.cost(), row.unpricedRequests() > 0));
      if (block.burnRate() != null && block.projection() != null) {
        table.note(
            "  burning %s tokens/min, %s/h; at this rate %s tokens, %s by %s"
                .formatted(
                    Figures.count(block.burnRate().tokensPerMinute().longValue(), 9),
                    Figures.money(block.burnRate().costPerHour(), 12),
                    Figures.count(block.projection().totalTokens(), 9),
                    Figures.money(block.projection().totalCost(), 12),
                    time(block.end(), report.zone(), MINUTE)));
      }
    }
    table.rule();
    table.row(
        "Total",
        "",
        "",
        "",
        Figures.count(report.totals().tokens().total(), COUNT),
        cost(report.totals().cost(), report.totals().unpricedRequests() > 0));
    return table;
  }

  private static String status(BlockDetails block, Instant now) {
    if (block.gap()) {
      return "gap " + hoursMinutes(Duration.between(block.start(), block.end()));
    }
    if (block.active()) {
      return "active, " + hoursMinutes(Duration.between(now, block.end())) + " left";
    }
    return "done";
  }

  private static String hoursMinutes(Duration duration) {
    long minutes = Math.max(0, duration.toMinutes());
    return minutes >= 60 ? "%dh %02dm".formatted(minutes / 60, minutes % 60) : minutes + "m";
  }

  private static List<String> footer(UsageReport report) {
    List<String> lines = new ArrayList<>();
    if (!report.unpriced().isEmpty()) {
      long requests =
          report.unpriced().stream().mapToLong(UsageReport.UnpricedModel::requests).sum();
      long tokens = report.unpriced().stream().mapToLong(UsageReport.UnpricedModel::tokens).sum();
      String models =
          String.join(
              ", ", report.unpriced().stream().map(UsageReport.UnpricedModel::model).toList());
      lines.add("");
      lines.addAll(
          wrap(
              "* Costs leave out %s unpriced %s (%s tokens) of: %s. Price them with --price-file FILE or 'goodhart prices update --from FILE'."
                  .formatted(
                      Figures.grouped(requests),
                      requests == 1 ? "request" : "requests",
                      Figures.grouped(tokens),
                      models)));
    }
    lines.add("");
    lines.addAll(
        wrap(
            "Prices: %s; cost mode %s."
                .formatted(report.prices(), report.mode().name().toLowerCase(Locale.ROOT))));
    return lines;
  }

  /** Words wrapped at the table width, continuation lines indented. */
  static List<String> wrap(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > TextTable.MAX_WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder("  ");
      }
      if (line.length() > 0 && !line.toString().isBlank()) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String cost(java.math.BigDecimal cost, boolean unpriced) {
    return Figures.money(cost, unpriced ? COST - 1 : COST) + (unpriced ? "*" : "");
  }

  private static String models(UsageRow row) {
    List<String> names = row.modelNames();
    if (names.isEmpty()) {
      return "";
    }
    String first = shortModel(names.getFirst());
    return names.size() == 1 ? first : first + " +" + (names.size() - 1);
  }

  /**
   * {@code claude-sonnet-4-5-20250929} reads as {@code sonnet-4-5}: the vendor and date say little
   * in a table.
   */
  static String shortModel(String model) {
    String name = model.startsWith("claude-") ? model.substring("claude-".length()) : model;
    return DATE_SUFFIX.matcher(name).replaceFirst("");
  }

  private static String projectName(SessionDetails session) {
    String where = session.cwd() != null ? session.cwd() : session.project();
    if (where == null) {
      return "";
    }
    Path name = Path.of(where).getFileName();
    return name == null ? where : name.toString();
  }

  private static String time(@Nullable Instant instant, ZoneId zone, DateTimeFormatter format) {
    return instant == null ? "" : format.format(instant.atZone(zone));
  }
}
