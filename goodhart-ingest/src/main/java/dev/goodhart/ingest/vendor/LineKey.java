package dev.goodhart.ingest.vendor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The dimensions of one row of a vendor's report, in the vendor's own names: what tells the row
 * apart from the others of its bucket ({@link #key()}), and which dimensions a bucket's rows were
 * grouped by ({@link #grouping(List)}), since a dimension the answer was not grouped by is null in
 * every row.
 */
public final class LineKey {
  private final Map<String, @Nullable String> dimensions = new LinkedHashMap<>();

  /** Adds a dimension; null when the vendor left it out or gave it no value. */
  public LineKey with(String name, @Nullable String value) {
    dimensions.put(name, value);
    return this;
  }

  /** {@code name=value|name=value}, every dimension in the order added, nulls as nothing. */
  public String key() {
    List<String> parts = new ArrayList<>();
    dimensions.forEach(
        (name, value) -> parts.add(name + "=" + (value == null ? "" : escape(value))));
    return String.join("|", parts);
  }

  /** The names of the dimensions some row of a bucket has a value for, sorted, comma-separated. */
  public static String grouping(List<LineKey> bucket) {
    TreeSet<String> names = new TreeSet<>();
    for (LineKey line : bucket) {
      line.dimensions.forEach(
          (name, value) -> {
            if (value != null) {
              names.add(name);
            }
          });
    }
    return String.join(",", names);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("=", "\\=");
  }
}
