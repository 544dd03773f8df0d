package dev.goodhart.cli;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.forge.ForgeClient;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * What every command needs from the outside world, passed in so that tests run the real commands
 * against folders, streams and clocks they own. Global options are filled in by picocli before a
 * command runs.
 */
final class CliContext {
  static final String DATA_VARIABLE = "GOODHART_DATA";

  final Environment environment;
  final PrintWriter out;
  final PrintWriter err;
  final Clock clock;
  final ZoneId zone;
  final boolean terminal;

  /** Standard input (the status line's JSON); tests give their own. */
  java.io.InputStream in = System.in;

  /** How a forge import waits for a rate limit; tests record the waits instead. */
  ForgeClient.Sleeper sleeper = ForgeClient.Sleeper.SYSTEM;

  @Nullable Path data;
  boolean strict;
  boolean quiet;
  boolean noProgress;

  CliContext(
      Environment environment,
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      ZoneId zone,
      boolean terminal) {
    this.environment = requireNonNull(environment, "environment is null");
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.zone = requireNonNull(zone, "zone is null");
    this.terminal = terminal;
  }

  /** {@code --data}, else {@code GOODHART_DATA}, else {@code ~/.goodhart}. */
  Path dataDirectory() {
    if (data != null) {
      return data;
    }
    return environment.path(DATA_VARIABLE).orElse(environment.home().resolve(".goodhart"));
  }

  static final String MEMORY_VARIABLE = DuckDbStore.MEMORY_VARIABLE;

  @Nullable EarlyStore earlyStore;

  DuckDbStore openStore() {
    Path directory = dataDirectory();
    DuckDbStore early = earlyStore == null ? null : earlyStore.claim(directory);
    return early != null ? early : DuckDbStore.open(directory, storeSettings());
  }

  /**
   * DuckDB's limits; {@code GOODHART_DUCKDB_MEMORY} (e.g. {@code 512MB}) raises the memory limit
   * for a store whose imports or reports need more than the default.
   */
  DuckDbStore.Settings storeSettings() {
    DuckDbStore.Settings defaults = DuckDbStore.Settings.defaults();
    return environment
        .get(MEMORY_VARIABLE)
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .map(value -> new DuckDbStore.Settings(value, defaults.threads()))
        .orElse(defaults);
  }

  boolean showProgress() {
    return terminal && !quiet && !noProgress;
  }

  /** A warning on standard error, unless {@code --quiet}. */
  void warn(String message) {
    if (!quiet) {
      err.println("goodhart: " + message);
      err.flush();
    }
  }

  static GoodhartException usageError(String message) {
    return new GoodhartException(ErrorCode.USAGE_ERROR, message);
  }
}
