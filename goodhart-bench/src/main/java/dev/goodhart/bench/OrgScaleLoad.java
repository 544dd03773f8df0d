package dev.goodhart.bench;

import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.git.AiEvidence;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.LineFate;
import dev.goodhart.model.git.RepositoryRef;
import dev.goodhart.model.git.RepositoryScan;
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
 * OrgScaleLoad --data DIR --events N [--people P] [--teams T] [--days D] [--repositories R]
 *              [--placed SHARE] [--seed S]
 * </pre>
 *
 * <p>People belong to teams of different sizes (one under the privacy floor); each works on about
 * two thirds of the weekdays and a few weekends, in sessions whose length follows a heavy-tailed
 * distribution (median ~60 requests, some over a thousand) and whose context grows request by
 * request; models mix as real teams' do. A share of the sessions (default half) ran in one of R
 * scanned repositories (default 20), as imported logs or telemetry with a working directory do, and
 * most of those made commits (by the session's person, with the agent's co-author trailer, some
 * naming the session; a few left on branches that never merged), so reports link sessions to
 * commits as they do for a real organisation. The team mapping and the repositories' scans are
 * stored too. Prints one JSON line: what was loaded, how long it took and the store's size.
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
    int repositoryCount = Integer.parseInt(options.getOrDefault("--repositories", "20"));
    double placed = Double.parseDouble(options.getOrDefault("--placed", "0.5"));
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
      Repositories repositories = new Repositories(repositoryCount, END);
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
          int repository =
              repositoryCount > 0 && random.nextDouble() < placed
                  ? random.nextInt(repositoryCount)
                  : -1;
          String cwd = repository < 0 ? null : repositories.path(repository);
          String branch = repository < 0 ? null : random.nextDouble() < 0.8 ? "main" : "feature";
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
                    cwd,
                    branch,
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
          if (repository >= 0) {
            repositories.commitsOf(
                repository, pseudonym(person), session, start, at, length, random);
          }
        }
      }
      if (!batch.isEmpty()) {
        store.appendTelemetry(batch, List.of());
      }
      long commits = repositories.store(store);
      store.checkpoint();
      double seconds = (System.nanoTime() - started) / 1e9;
      long bytes = data.resolve(DuckDbStore.FILE_NAME).toFile().length();
      System.out.printf(
          "{\"events\":%d,\"sessions\":%d,\"repositories\":%d,\"commits\":%d,\"people\":%d,"
              + "\"teams\":%d,\"days\":%d,\"seconds\":%.1f,\"eventsPerSecond\":%.0f,"
              + "\"storeBytes\":%d,\"bytesPerEvent\":%.1f}%n",
          written,
          sessions,
          repositoryCount,
          commits,
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

  /**
   * The organisation's repositories and the commits its placed sessions made, kept small (a 100M
   * load makes over half a million) until each repository's scan is stored.
   */
  static final class Repositories {
    private final List<List<Made>> made = new ArrayList<>();
    private final Instant end;

    /** One commit: who made it when, for which session, what became of it. */
    private record Made(
        long at,
        String author,
        @org.jspecify.annotations.Nullable String session,
        int lines,
        boolean merged,
        boolean ai) {}

    Repositories(int count, Instant end) {
      for (int i = 0; i < count; i++) {
        made.add(new ArrayList<>());
      }
      this.end = end;
    }

    String path(int repository) {
      return "/srv/repos/service-%02d".formatted(repository);
    }

    /**
     * The commits of one session: none for three in ten (work abandoned or not yet committed), else
     * one to three between its start and half an hour after its last request, most carrying the
     * agent's co-author trailer, a fifth naming the session, a few on a branch never merged.
     */
    void commitsOf(
        int repository,
        String author,
        String session,
        Instant start,
        Instant last,
        long requests,
        SplittableRandom random) {
      if (random.nextDouble() < 0.3) {
        return;
      }
      int count = 1 + random.nextInt(3);
      long from = start.toEpochMilli();
      long span = Math.max(1, last.toEpochMilli() + 1_200_000 - from);
      for (int i = 0; i < count; i++) {
        made.get(repository)
            .add(
                new Made(
                    from + (long) (random.nextDouble() * span),
                    author,
                    random.nextDouble() < 0.2 ? session : null,
                    (int) Math.min(400, 5 + requests / 2 + random.nextInt(60)),
                    random.nextDouble() < 0.9,
                    random.nextDouble() < 0.9));
      }
    }

    /** Stores each repository's scan; returns the commits stored. */
    long store(DuckDbStore store) {
      long stored = 0;
      for (int r = 0; r < made.size(); r++) {
        List<Made> commits = made.get(r);
        commits.sort(java.util.Comparator.comparingLong(Made::at));
        List<CommitFact> facts = new ArrayList<>(commits.size());
        String parent = null;
        for (int i = 0; i < commits.size(); i++) {
          String sha = "%08x%032x".formatted(r, i);
          facts.add(fact(r, sha, parent, commits.get(i)));
          parent = sha;
        }
        String head = parent == null ? "0".repeat(40) : parent;
        RepositoryRef ref =
            new RepositoryRef(
                "repo-%02d".formatted(r),
                path(r),
                "git@example.com:acme/service-%02d.git".formatted(r),
                "main",
                head);
        store.replaceScan(new RepositoryScan(ref, end, "org-scale", facts));
        stored += facts.size();
        commits.clear();
      }
      return stored;
    }

    private CommitFact fact(
        int repository, String sha, @org.jspecify.annotations.Nullable String parent, Made m) {
      Instant at = Instant.ofEpochMilli(m.at());
      long written = m.lines();
      long shipped = m.merged() ? written : 0;
      long alive = m.merged() ? written * (60 + m.at() % 41) / 100 : 0;
      boolean thirty = !at.plus(Duration.ofDays(30)).isAfter(end);
      boolean seven = !at.plus(Duration.ofDays(7)).isAfter(end);
      boolean rework = !at.plus(Duration.ofDays(21)).isAfter(end);
      LineFate fate =
          new LineFate(
              written,
              shipped,
              alive,
              m.ai() ? alive : 0,
              seven ? Math.max(alive, shipped * 9 / 10) : null,
              thirty ? alive : null,
              null,
              rework && m.merged() ? written * (m.at() % 23) / 100 : null,
              new int[0],
              new long[0]);
      return new CommitFact(
          "repo-%02d".formatted(repository),
          sha,
          parent == null ? List.of() : List.of(parent),
          m.author(),
          m.author(),
          at,
          at,
          "change " + sha.substring(0, 8),
          m.merged(),
          written,
          written / 5,
          m.ai() ? "claude" : null,
          m.ai()
              ? List.of(
                  new AiEvidence("trailer", "Co-Authored-By: Claude <noreply@anthropic.com>", 0.9))
              : List.of(),
          m.session() == null ? List.of() : List.of(m.session()),
          null,
          null,
          fate);
    }
  }
}
