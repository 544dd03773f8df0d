package dev.goodhart.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes synthetic logs from the command line, for the benchmark scripts:
 *
 * <pre>
 * write  --home DIR [--claude-mib N] [--codex-mib N] [--seed S] [--days D] [--shared-with-ccusage]
 *        [--turns-per-session T]
 * append --home DIR --mib N [--seed S] [--at ISO-INSTANT]
 * </pre>
 *
 * Prints a JSON summary with the truth: per-day token totals (UTC) of each source.
 */
public final class SyntheticLogsMain {
  private SyntheticLogsMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || !(args[0].equals("write") || args[0].equals("append"))) {
      usage("the first argument must be 'write' or 'append'");
      return;
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--")) {
        usage("unexpected argument '" + name + "'");
        return;
      }
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      options.put(name.substring(2), flag ? "true" : args[++i]);
    }
    if (!options.containsKey("home")) {
      usage("--home is required");
      return;
    }
    Path home = Path.of(options.get("home"));
    long seed = Long.parseLong(options.getOrDefault("seed", "1"));
    SyntheticLogs.Result result;
    if (args[0].equals("write")) {
      SyntheticSpec spec =
          new SyntheticSpec(
              seed,
              mebibytes(options.getOrDefault("claude-mib", "64")),
              mebibytes(options.getOrDefault("codex-mib", "0")),
              LocalDate.parse(options.getOrDefault("first-day", "2026-09-01")),
              Integer.parseInt(options.getOrDefault("days", "60")),
              options.containsKey("shared-with-ccusage")
                  ? SyntheticSpec.Features.sharedWithCcusage()
                  : SyntheticSpec.Features.all(),
              Integer.parseInt(options.getOrDefault("turns-per-session", "0")));
      result = SyntheticLogs.write(home, spec);
    } else {
      Instant at = Instant.parse(options.getOrDefault("at", "2026-11-01T09:00:00Z"));
      result = SyntheticLogs.append(home, seed, mebibytes(options.getOrDefault("mib", "1")), at);
    }
    summary(result, System.out);
  }

  private static long mebibytes(String value) {
    return Math.round(Double.parseDouble(value) * (1 << 20));
  }

  private static void summary(SyntheticLogs.Result result, PrintStream out) throws IOException {
    try (JsonGenerator json =
        new JsonFactory()
            .createGenerator(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeNumberField("claudeBytes", result.claudeBytes());
      json.writeNumberField("codexBytes", result.codexBytes());
      json.writeNumberField("sessions", result.sessions());
      json.writeNumberField("requests", result.truth().requests().size());
      for (String source : new String[] {"claude", "codex"}) {
        json.writeObjectFieldStart(source);
        for (Map.Entry<LocalDate, Tally> day :
            result.truth().daily(ZoneId.of("UTC"), source).entrySet()) {
          Tally tally = day.getValue();
          json.writeObjectFieldStart(day.getKey().toString());
          json.writeNumberField("requests", tally.requests());
          json.writeNumberField("inputTokens", tally.input());
          json.writeNumberField("outputTokens", tally.output());
          json.writeNumberField("cacheCreationTokens", tally.cacheCreation());
          json.writeNumberField("cacheReadTokens", tally.cacheRead());
          json.writeNumberField("totalTokens", tally.total());
          json.writeEndObject();
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    out.println();
  }

  private static void usage(String problem) {
    System.err.println("synthetic logs: " + problem);
    System.err.println(
        "usage: write --home DIR [--claude-mib N] [--codex-mib N] [--seed S] [--days D]"
            + " [--first-day YYYY-MM-DD] [--shared-with-ccusage] [--turns-per-session T]");
    System.err.println("       append --home DIR --mib N [--seed S] [--at ISO-INSTANT]");
    System.exit(2);
  }
}
