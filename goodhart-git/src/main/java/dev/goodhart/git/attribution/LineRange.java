package dev.goodhart.git.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lines {@code start} to {@code end} of a file, 1-based and inclusive, as git-ai notes and Agent
 * Trace records count them.
 */
public record LineRange(int start, int end) {
  public LineRange {
    if (start < 1 || end < start) {
      throw new IllegalArgumentException(
          "a line range needs 1 <= start <= end: " + start + "-" + end);
    }
  }

  /** How many lines the range holds. */
  public int length() {
    return end - start + 1;
  }

  /** {@code N} for one line, {@code A-B} for more, the way git-ai writes ranges. */
  @Override
  public String toString() {
    return start == end ? Integer.toString(start) : start + "-" + end;
  }

  /**
   * The same lines as sorted, disjoint ranges, touching ones joined: {@code 5-6,1-3,4} is {@code
   * 1-6}.
   */
  static List<LineRange> union(List<LineRange> ranges) {
    List<LineRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingInt(LineRange::start));
    List<LineRange> merged = new ArrayList<>();
    for (LineRange range : sorted) {
      if (!merged.isEmpty() && range.start() <= merged.getLast().end() + 1L) {
        LineRange last = merged.removeLast();
        merged.add(new LineRange(last.start(), Math.max(last.end(), range.end())));
      } else {
        merged.add(range);
      }
    }
    return List.copyOf(merged);
  }

  /** How many lines a set of ranges covers, each line once. */
  static long count(List<LineRange> ranges) {
    return union(ranges).stream().mapToLong(LineRange::length).sum();
  }
}
