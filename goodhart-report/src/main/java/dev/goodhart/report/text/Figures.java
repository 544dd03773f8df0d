package dev.goodhart.report.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers for narrow cells: exact with separators when they fit, else three significant digits and
 * a unit.
 */
public final class Figures {
  private static final String[] UNITS = {"K", "M", "B", "T", "P"};

  private Figures() {}

  /** A count in at most {@code width} characters: {@code 12,345}, else {@code 1.23M}. */
  public static String count(long value, int width) {
    String exact = grouped(value);
    if (exact.length() <= width) {
      return exact;
    }
    double scaled = value;
    int unit = -1;
    while (Math.abs(scaled) >= 999.95 && unit < UNITS.length - 1) {
      scaled /= 1000;
      unit++;
    }
    String digits =
        Math.abs(scaled) >= 99.95
            ? String.format(Locale.ROOT, "%.0f", scaled)
            : Math.abs(scaled) >= 9.995
                ? String.format(Locale.ROOT, "%.1f", scaled)
                : String.format(Locale.ROOT, "%.2f", scaled);
    return digits + (unit >= 0 ? UNITS[unit] : "");
  }

  /**
   * Dollars: {@code $1,234.56}; large sums compact, {@code $1.23M}. Cents are rounded half-even.
   */
  public static String money(BigDecimal dollars, int width) {
    BigDecimal cents = dollars.setScale(2, RoundingMode.HALF_EVEN);
    DecimalFormat format =
        new DecimalFormat("$#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    String exact = format.format(cents);
    if (exact.length() <= width) {
      return exact;
    }
    return "$" + count(dollars.setScale(0, RoundingMode.HALF_EVEN).longValue(), width - 1);
  }

  public static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
