package dev.goodhart.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --max-wait}, for the imports that call rate-limited web APIs (forges, vendors). */
final class MaxWaitOption {
  @Option(
      names = "--max-wait",
      paramLabel = "DURATION",
      defaultValue = "15m",
      description =
          "The longest wait for a rate limit, e.g. 90s, 15m, 1h (default: 15m); a longer one stops the import (exit 4).")
  String given = "15m";

  /** The wait given, checked: a bad one is a usage error. */
  Duration duration() {
    return ApiAccess.maxWait(given);
  }
}
