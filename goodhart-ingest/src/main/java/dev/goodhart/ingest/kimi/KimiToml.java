package dev.goodhart.ingest.kimi;

import org.jspecify.annotations.Nullable;

/**
 * The two settings goodhart needs from Kimi CLI's {@code config.toml}: the top-level {@code
 * default_model} and the {@code model} of its {@code [models.<name>]} table. Not a TOML parser:
 * lines of {@code key = "value"} in and after table headers are enough for these two, and a file it
 * cannot follow yields no model (the fallback), never an error.
 */
final class KimiToml {
  private KimiToml() {}

  /** The provider's model name the default model stands for, else the default's name. */
  static @Nullable String defaultModel(String toml) {
    String alias = null;
    String table = "";
    String[] lines = toml.split("\r?\n");
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        table = tableName(line);
      } else if (table.isEmpty() && key(line).equals("default_model")) {
        alias = value(line);
      }
    }
    if (alias == null || alias.isBlank()) {
      return null;
    }
    table = "";
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        table = tableName(line);
      } else if (table.equals("models." + alias) && key(line).equals("model")) {
        String model = value(line);
        if (model != null && !model.isBlank()) {
          return model;
        }
      }
    }
    return alias;
  }

  /** {@code [models."kimi-for-coding"]} is the table {@code models.kimi-for-coding}. */
  private static String tableName(String line) {
    int close = line.lastIndexOf(']');
    String inside = close > 0 ? line.substring(1, close) : line.substring(1);
    return inside.replace("[", "").replace("\"", "").replace("'", "").strip();
  }

  private static String key(String line) {
    int equals = line.indexOf('=');
    return equals < 0 ? "" : line.substring(0, equals).strip().replace("\"", "");
  }

  private static @Nullable String value(String line) {
    int equals = line.indexOf('=');
    String rest = line.substring(equals + 1).strip();
    if (rest.length() < 2) {
      return null;
    }
    char quote = rest.charAt(0);
    if (quote != '"' && quote != '\'') {
      return null;
    }
    int close = rest.indexOf(quote, 1);
    return close < 0 ? null : rest.substring(1, close);
  }
}
