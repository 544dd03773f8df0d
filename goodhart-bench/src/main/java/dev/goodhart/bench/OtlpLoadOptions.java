package dev.goodhart.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link OtlpLoad} sends and for how long. A run stops at whichever bound comes first: the
 * duration, or the count of events.
 *
 * @param url the OTLP logs endpoint ({@code /v1/logs} is added to a URL without a path)
 * @param token the bearer token, of a token with the ingest scope
 * @param rate events per second, paced open-loop; 0 sends as fast as the connections allow
 * @param batch log records per request
 * @param duration how long to send, if bounded by time
 * @param count how many events to send, if bounded by number
 * @param connections requests in flight at once
 * @param gzip whether bodies are sent gzip-compressed
 * @param seed what makes the same options give the same users, sessions, models and tokens
 * @param run the name in the request ids ({@code req_<run>_<n>}): runs against one store need
 *     different names, or the server drops the second run's events as duplicates
 */
record OtlpLoadOptions(
    URI url,
    String token,
    long rate,
    int batch,
    Optional<Duration> duration,
    Optional<Long> count,
    int connections,
    boolean gzip,
    long seed,
    String run) {
  static final String USAGE =
      """
      usage: OtlpLoad --url URL --token TOKEN (--duration SECONDS | --count EVENTS | both)
                      [--rate EVENTS_PER_S (0: as fast as possible)] [--batch N (500)]
                      [--connections N (4)] [--gzip] [--seed S (1)] [--run NAME (from the clock)]""";

  OtlpLoadOptions {
    requireNonNull(url, "url is null");
    requireNonNull(token, "token is null");
    requireNonNull(duration, "duration is null");
    requireNonNull(count, "count is null");
    requireNonNull(run, "run is null");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("--url must be an http URL, found '" + url + "'");
    }
    if (rate < 0) {
      throw new IllegalArgumentException("--rate must be 0 or more, found '" + rate + "'");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("--batch must be 1 or more, found '" + batch + "'");
    }
    if (connections < 1) {
      throw new IllegalArgumentException(
          "--connections must be 1 or more, found '" + connections + "'");
    }
    if (duration.isEmpty() && count.isEmpty()) {
      throw new IllegalArgumentException("name --duration SECONDS or --count EVENTS (or both)");
    }
    if (duration.isPresent() && (duration.get().isNegative() || duration.get().isZero())) {
      throw new IllegalArgumentException("--duration must be positive, found '" + duration + "'");
    }
    if (count.isPresent() && count.get() < 1) {
      throw new IllegalArgumentException("--count must be 1 or more, found '" + count.get() + "'");
    }
    if (!run.matches("[A-Za-z0-9-]{1,40}")) {
      throw new IllegalArgumentException(
          "--run must be 1 to 40 letters, digits or '-', found '" + run + "'");
    }
  }

  static OtlpLoadOptions parse(String... args) {
    URI url = null;
    String token = null;
    long rate = 0;
    int batch = 500;
    Optional<Duration> duration = Optional.empty();
    Optional<Long> count = Optional.empty();
    int connections = 4;
    boolean gzip = false;
    long seed = 1;
    String run = Long.toString(System.currentTimeMillis(), 36);
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--gzip")) {
        gzip = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option '" + option + "' needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--url" -> url = endpoint(value);
        case "--token" -> token = value;
        case "--rate" -> rate = number(option, value);
        case "--batch" -> batch = Math.toIntExact(number(option, value));
        case "--duration" -> duration = Optional.of(Duration.ofSeconds(number(option, value)));
        case "--count" -> count = Optional.of(number(option, value));
        case "--connections" -> connections = Math.toIntExact(number(option, value));
        case "--seed" -> seed = number(option, value);
        case "--run" -> run = value;
        default -> throw new IllegalArgumentException("unknown option '" + option + "'");
      }
    }
    if (url == null || token == null) {
      throw new IllegalArgumentException("--url URL and --token TOKEN are required");
    }
    return new OtlpLoadOptions(
        url, token, rate, batch, duration, count, connections, gzip, seed, run);
  }

  /** The pacing these options ask for. */
  Pacing pacing() {
    return new Pacing(rate, batch, count.orElse(Long.MAX_VALUE));
  }

  private static URI endpoint(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--url is not a URL: '" + value + "'", e);
    }
    String path = uri.getPath();
    return path == null || path.isEmpty() || path.equals("/") ? uri.resolve("/v1/logs") : uri;
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " must be a whole number, found '" + value + "'", e);
    }
  }
}
