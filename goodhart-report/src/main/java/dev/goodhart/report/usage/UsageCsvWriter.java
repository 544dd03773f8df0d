package dev.goodhart.report.usage;

import dev.goodhart.metrics.usage.BlockDetails;
import dev.goodhart.metrics.usage.Instants;
import dev.goodhart.metrics.usage.ModelUsage;
import dev.goodhart.metrics.usage.SessionDetails;
import dev.goodhart.metrics.usage.UsageReport;
import dev.goodhart.metrics.usage.UsageReportKind;
import dev.goodhart.metrics.usage.UsageRow;
import dev.goodhart.model.TokenCounts;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Usage reports as RFC 4180 CSV: one line per row, or with {@code breakdown} one line per row and
 * model. Exact figures, dollars as plain decimals. No totals line, so that a spreadsheet's own sum
 * is right.
 */
public final class UsageCsvWriter {
  private final boolean breakdown;

  public UsageCsvWriter(boolean breakdown) {
    this.breakdown = breakdown;
  }

  public void write(UsageReport report, PrintWriter out) {
    List<String> header = new ArrayList<>(List.of("period"));
    header.addAll(extraHeaders(report.kind()));
    header.add(breakdown ? "model" : "models");
    header.addAll(
        List.of(
            "inputTokens",
            "outputTokens",
            "cacheCreationTokens",
            "cacheReadTokens",
            "totalTokens",
            "totalCost",
            "requests",
            "unpricedTokens",
            "unpricedRequests"));
    line(out, header);
    for (UsageRow row : report.rows()) {
      List<String> start = new ArrayList<>(List.of(row.period()));
      start.addAll(extras(report.kind(), row));
      if (breakdown) {
        for (ModelUsage model : row.models()) {
          List<String> cells = new ArrayList<>(start);
          cells.add(model.model());
          cells.addAll(
              sums(
                  model.tokens(),
                  model.cost(),
                  model.requests(),
                  model.unpricedTokens(),
                  model.unpricedRequests()));
          line(out, cells);
        }
      } else {
        List<String> cells = new ArrayList<>(start);
        cells.add(String.join(";", row.modelNames()));
        cells.addAll(
            sums(
                row.tokens(),
                row.cost(),
                row.requests(),
                row.unpricedTokens(),
                row.unpricedRequests()));
        line(out, cells);
      }
    }
    out.flush();
  }

  private static List<String> extraHeaders(UsageReportKind kind) {
    return switch (kind) {
      case SESSION ->
          List.of("source", "project", "cwd", "gitBranch", "firstActivity", "lastActivity");
      case BLOCKS -> List.of("source", "startTime", "endTime", "isActive", "isGap");
      default -> List.of();
    };
  }

  private static List<String> extras(UsageReportKind kind, UsageRow row) {
    SessionDetails session = row.session();
    BlockDetails block = row.block();
    return switch (kind) {
      case SESSION ->
          session == null
              ? List.of("", "", "", "", "", "")
              : List.of(
                  session.source(),
                  nullToEmpty(session.project()),
                  nullToEmpty(session.cwd()),
                  nullToEmpty(session.gitBranch()),
                  row.first() == null ? "" : Instants.format(row.first()),
                  row.last() == null ? "" : Instants.format(row.last()));
      case BLOCKS ->
          block == null
              ? List.of("", "", "", "", "")
              : List.of(
                  block.source(),
                  Instants.format(block.start()),
                  Instants.format(block.end()),
                  Boolean.toString(block.active()),
                  Boolean.toString(block.gap()));
      default -> List.of();
    };
  }

  private static List<String> sums(
      TokenCounts tokens,
      BigDecimal cost,
      long requests,
      long unpricedTokens,
      long unpricedRequests) {
    return List.of(
        Long.toString(tokens.input()),
        Long.toString(tokens.output()),
        Long.toString(tokens.cacheWrite()),
        Long.toString(tokens.cacheRead()),
        Long.toString(tokens.total()),
        UsageJsonWriter.money(cost).toPlainString(),
        Long.toString(requests),
        Long.toString(unpricedTokens),
        Long.toString(unpricedRequests));
  }

  private static void line(PrintWriter out, List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(quote(cells.get(i)));
    }
    out.print(line);
    out.print("\r\n");
  }

  static String quote(String cell) {
    if (cell.indexOf(',') < 0
        && cell.indexOf('"') < 0
        && cell.indexOf('\n') < 0
        && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }

  private static String nullToEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }
}
