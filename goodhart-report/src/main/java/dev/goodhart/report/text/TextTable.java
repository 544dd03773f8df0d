package dev.goodhart.report.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of fixed-width columns. Text that does not fit its cell is cut with an ellipsis rather
 * than pushing the line past the terminal's edge.
 */
public final class TextTable {
  /** The widest line a table may print. */
  public static final int MAX_WIDTH = 80;

  /**
   * A column: its header, width, and whether it holds numbers (right-aligned, one space before it).
   */
  public record Column(String header, int width, boolean numeric) {
    public static Column text(String header, int width) {
      return new Column(header, width, false);
    }

    public static Column number(String header, int width) {
      return new Column(header, width, true);
    }
  }

  private final List<Column> columns;
  private final List<String> lines = new ArrayList<>();

  public TextTable(List<Column> columns) {
    this.columns = List.copyOf(columns);
    if (width() > MAX_WIDTH) {
      throw new IllegalArgumentException(
          "columns add up to " + width() + " characters, more than " + MAX_WIDTH);
    }
    lines.add(line(columns.stream().map(Column::header).toList()));
    rule();
  }

  /** The width of every line of this table. */
  public int width() {
    int width = 0;
    for (int i = 0; i < columns.size(); i++) {
      width += columns.get(i).width() + (i == 0 ? 0 : columns.get(i).numeric() ? 1 : 2);
    }
    return width;
  }

  public TextTable row(String... cells) {
    lines.add(line(List.of(cells)));
    return this;
  }

  public TextTable rule() {
    lines.add("─".repeat(width()));
    return this;
  }

  /** A line that spans the table, such as a note under a row; cut to the table's width. */
  public TextTable note(String text) {
    lines.add(
        fit(text, Math.max(width(), Math.min(MAX_WIDTH, text.length())), false).stripTrailing());
    return this;
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  private String line(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      if (i > 0) {
        line.append(column.numeric() ? " " : "  ");
      }
      line.append(fit(i < cells.size() ? cells.get(i) : "", column.width(), column.numeric()));
    }
    return line.toString().stripTrailing();
  }

  static String fit(String text, int width, boolean right) {
    String cut = text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "…";
    String padding = " ".repeat(width - cut.length());
    return right ? padding + cut : cut + padding;
  }
}
