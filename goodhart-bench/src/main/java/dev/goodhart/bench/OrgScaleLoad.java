package dev.goodhart.bench;

import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Loads a generated organisation's Claude Code telemetry straight into a store, as {@code goodhart
 * serve} stores what arrives over OTLP (the same events, the same write path, without HTTP): the
 * data behind {@code bench/org-scale}.
 *
 * <pre>
 * OrgScaleLoad --data DIR --events N [--people P] [--teams T] [--days D] [--seed S]
 * </pre>
 *
 * <p>People belong to teams of different sizes (one under the privacy floor); each works on about
 * two thirds of the weekdays and a few weekends, in sessions whose length follows a heavy-tailed
 * distribution (median ~60 requests, some over a thousand) and whose context grows request by
 * request; models mix as real teams' do. The team mapping is stored too. Prints one JSON line: what
 * was loaded, how long it took and the store's size.
 */
public final class OrgScaleLoad {
  private static final String[] MODELS = {
    "claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805", "claude-haiku-4-5-20251001"
  };
  private static final double[] MODEL_SHARE = {0.70, 0.12, 0.18};
  private static final int BATCH = 100_000;
  private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");

  private OrgScaleLoad() {}

  public static void main(String[] args) {
    Map<String, String> options = options(args);
    Path data = Path.of(required(options, "--data"));
    long events = Long.parseLong(required(options, "--events"));
    int people = Integer.parseInt(options.getOrDefault("--people", "10000"));
    int teams = Integer.parseInt(options.getOrDefault("--teams", "40"));
    int days = Integer.parseInt(options.getOrDefault("--days", "60"));
    SplittableRandom random =
        new SplittableRandom(Long.parseLong(options.getOrDefault("--seed", "1")));

    long started = System.nanoTime();
    try (DuckDbStore store = DuckDbStore.open(data, DuckDbStore.Settings.defaults())) {
      Map<String, String> teamOf = new LinkedHashMap<>();
      for (int person = 0; person < people; person++) {
        teamOf.put(pseudonym(person), team(person, people, teams));
      }
      store.replaceTeams(teamOf);
      long perPerson = Math.max(1, events / people);
      List<UsageEvent> batch = new ArrayList<>(BATCH);
      long written = 0;
      long sessions = 0;
      Instant first = END.minus(Duration.ofDays(days));
      for (int person = 0; person < people && written < events; person++) {
        String machine = "person:" + pseudonym(person);
        // Heavy and light users: a person's share of the events varies tenfold.
        long budget =
            Math.min(events - written, Math.round(perPerson * (0.3 + 1.4 * random.nextDouble())));
        if (person == people - 1) {
          budget = events - written;
        }
        while (budget > 0) {
          int length = (int) Math.min(budget, sessionLength(random));
          Instant start = workingMoment(first, days, random);
          String session = "s-%d-%d".formatted(person, sessions++);
          String model = pick(random);
          long context = 8_000 + random.nextInt(20_000);
          Instant at = start;
          for (int request = 0; request < length; request++) {
            at = at.plusMillis(2_000 + random.nextInt(40_000));
            long output = 50 + random.nextInt(1_500);
            long fresh = 20 + random.nextInt(400);
            TokenCounts tokens =
                TokenCounts.of(fresh, output, context, request == 0 ? context : output);
            context = Math.min(190_000, context + output + fresh);
            batch.add(
                new UsageEvent(
                    "claude",
                    "otel:req_" + person + "_" + written,
                    null,
                    false,
                    at,
                    session,
                    null,
                    null,
                    null,
                    machine,
                    "anthropic",
                    model,
                    false,
                    tokens,
                    (BigDecimal) null));
            written++;
            if (batch.size() == BATCH) {
              store.appendTelemetry(batch, List.of());
              batch.clear();
            }
          }
          budget -= length;
        }
      }
      if (!batch.isEmpty()) {
        store.appendTelemetry(batch, List.of());
      }
      store.checkpoint();
      double seconds = (System.nanoTime() - started) / 1e9;
      long bytes = data.resolve(DuckDbStore.FILE_NAME).toFile().length();
      System.out.printf(
          "{\"events\":%d,\"sessions\":%d,\"people\":%d,\"teams\":%d,\"days\":%d,\"seconds\":%.1f,"
              + "\"eventsPerSecond\":%.0f,\"storeBytes\":%d,\"bytesPerEvent\":%.1f}%n",
          written,
          sessions,
          people,
          teams,
          days,
          seconds,
          written / seconds,
          bytes,
          (double) bytes / Math.max(1, written));
    }
  }

  /** A stable stand-in for a person's pseudonym: the loader needs no e-mail addresses. */
  static String pseudonym(int person) {
    return "p%06d".formatted(person);
  }

  /**
   * Teams of uneven sizes: team k holds people in proportion to k+1, and the last team is kept
   * under the privacy floor (3 people) so that its suppression is exercised.
   */
  static String team(int person, int people, int teams) {
    if (person >= people - 3) {
      return "team-small";
    }
    long total = (long) teams * (teams + 1) / 2;
    long position = (long) person * total / Math.max(1, people - 3);
    long reached = 0;
    for (int k = 0; k < teams; k++) {
      reached += k + 1;
      if (position < reached) {
        return "team-%02d".formatted(k);
      }
    }
    return "team-%02d".formatted(teams - 1);
  }

  /** Requests in a session: log-normal, median ~60, rarely over 2,000. */
  private static long sessionLength(SplittableRandom random) {
    double normal =
        Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
            * Math.cos(2 * Math.PI * random.nextDouble());
    return Math.max(1, Math.min(2_000, Math.round(Math.exp(Math.log(60) + 1.1 * normal))));
  }

  /** A weekday working hour mostly; now and then a weekend or a late evening. */
  private static Instant workingMoment(Instant first, int days, SplittableRandom random) {
    while (true) {
      int day = random.nextInt(days);
      Instant midnight = first.plus(Duration.ofDays(day));
      int weekday = midnight.atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getValue();
      boolean weekend = weekday >= 6;
      if (weekend && random.nextDouble() > 0.1) {
        continue;
      }
      int hour = random.nextDouble() < 0.9 ? 8 + random.nextInt(10) : 18 + random.nextInt(5);
      return midnight.plus(Duration.ofHours(hour)).plusSeconds(random.nextInt(3_600));
    }
  }

  private static String pick(SplittableRandom random) {
    double r = random.nextDouble();
    for (int i = 0; i < MODELS.length; i++) {
      r -= MODEL_SHARE[i];
      if (r < 0) {
        return MODELS[i];
      }
    }
    return MODELS[0];
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, found '" + args[i] + "'");
      }
      options.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }
}
