package dev.goodhart.cli;

import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.UsageQuery;
import dev.goodhart.metrics.usage.UsageReportKind;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every {@code goodhart usage} report takes; the names follow ccusage's so its users'
 * habits carry over.
 */
final class UsageOptions {
  enum Order {
    ASC,
    DESC
  }

  @Option(
      names = {"-s", "--since"},
      paramLabel = "DATE",
      description = "First day to include (YYYY-MM-DD or YYYYMMDD), in the report's time zone.")
  @Nullable String since;

  @Option(
      names = {"-u", "--until"},
      paramLabel = "DATE",
      description = "Last day to include (YYYY-MM-DD or YYYYMMDD).")
  @Nullable String until;

  @Option(
      names = {"-z", "--tz", "--timezone"},
      paramLabel = "ZONE",
      description =
          "Time zone of days, weeks and months, e.g. Europe/Berlin or UTC (default: this machine's).")
  @Nullable String zone;

  @Option(
      names = "--source",
      split = ",",
      paramLabel = "NAME",
      description = "Only these agents: ${COMPLETION-CANDIDATES} (comma-separated; default: all).",
      completionCandidates = SourceNames.class)
  List<String> sources = new ArrayList<>();

  @Option(
      names = {"-p", "--project"},
      paramLabel = "NAME",
      description =
          "Only this project: its name, working directory, or the directory's last folder name.")
  @Nullable String project;

  @Option(
      names = "--last",
      paramLabel = "N",
      description =
          "Only the N most recent periods (1 = today, this week, this month) or sessions or blocks.")
  @Nullable Integer last;

  @Option(
      names = {"-b", "--breakdown"},
      description = "Show each model's part of every row.")
  boolean breakdown;

  @Option(
      names = {"-j", "--json"},
      description = "Print JSON (ccusage-compatible field names) instead of a table.")
  boolean json;

  @Option(names = "--csv", description = "Print CSV instead of a table.")
  boolean csv;

  @Option(
      names = {"-O", "--offline"},
      description =
          "Accepted for ccusage compatibility: goodhart never fetches prices; see 'prices update'.")
  boolean offline;

  @Option(names = "--compact", description = "A narrower table without the cache columns.")
  boolean compact;

  @Option(
      names = {"-m", "--mode"},
      paramLabel = "MODE",
      description =
          "Where costs come from: auto (the log's cost, else the price table), calculate (always the price table),"
              + " display (only the log's cost). Default: ${DEFAULT-VALUE}.")
  CostMode mode = CostMode.AUTO;

  @Option(
      names = {"-o", "--order"},
      paramLabel = "ORDER",
      description = "Row order: asc (oldest first, the default) or desc.")
  Order order = Order.ASC;

  @Option(
      names = "--price-file",
      paramLabel = "FILE",
      description =
          "Prices for this run from a LiteLLM or models.dev price file, in front of the stored ones.")
  @Nullable Path priceFile;

  UsageQuery query(UsageReportKind kind, ZoneId defaultZone) {
    if (json && csv) {
      throw CliContext.usageError("choose one output: --json or --csv");
    }
    if (last != null
        && (since != null)
        && kind != UsageReportKind.SESSION
        && kind != UsageReportKind.BLOCKS) {
      throw CliContext.usageError("--last and --since both set the first day; give one of them");
    }
    if (last != null && last < 1) {
      throw CliContext.usageError("--last must be at least 1, got '%d'".formatted(last));
    }
    LocalDate first = date("--since", since);
    LocalDate end = date("--until", until);
    if (first != null && end != null && first.isAfter(end)) {
      throw CliContext.usageError("--since '%s' is after --until '%s'".formatted(since, until));
    }
    return new UsageQuery(
        kind, zone(defaultZone), first, end, last, sources, project, order == Order.DESC, mode);
  }

  ZoneId zone(ZoneId defaultZone) {
    if (zone == null) {
      return defaultZone;
    }
    try {
      return ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw CliContext.usageError(
          "unknown time zone '%s'; use an IANA name such as Europe/Berlin, America/New_York or UTC"
              .formatted(zone));
    }
  }

  static @Nullable LocalDate date(String option, @Nullable String text) {
    if (text == null) {
      return null;
    }
    String value = text.trim();
    try {
      return value.length() == 8 && value.chars().allMatch(Character::isDigit)
          ? LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE)
          : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw CliContext.usageError(
          "%s '%s' is not a date; use YYYY-MM-DD or YYYYMMDD".formatted(option, text));
    }
  }
}
