package dev.goodhart.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A hand-made report document shaped like {@code goodhart report --json}: 20 sessions over 30 days
 * in two scanned repositories (and one outside any repository), every waste kind, and a third
 * repository below the privacy floor. Money is held in cents and ratios are rounded to three
 * places, so the figures the page shows can be predicted exactly.
 */
final class SampleReport {
  static final LocalDate FROM = LocalDate.of(2026, 9, 1);
  static final int DAYS = 30;
  static final List<String> REPOS =
      List.of("/home/dev/src/payments-api", "/home/dev/src/web-console");
  static final String SUPPRESSED_REPO = "/home/dev/src/tiny-tool";
  static final List<String> WASTE_KINDS =
      List.of("discarded", "loop", "context-bloat", "unattended", "parallel");

  /** What {@code goodhart report --json} prints when no session was found. */
  static final String EMPTY =
      """
      {"from": null, "to": null, "generatedAt": "2026-12-01T20:00:00Z",
       "totals": {"cost": 0, "tokens": 0, "sessions": 0, "commits": 0, "shippedCommits": 0,
                  "aiLinesWritten": 0, "aiLinesAliveAtHead": 0, "aiLinesAlive30d": 0,
                  "yield30d": null, "costPerShippedCommit": null, "costPer1kSurvivingLines": null,
                  "unshippedCost": 0, "unshippedShare": null, "reworkShare": null},
       "sessions": [], "days": [], "weeks": [], "repos": [], "models": [], "sources": [],
       "efficiency": [],
       "waste": [{"kind": "discarded", "sessions": 0, "cost": 0},
                 {"kind": "loop", "sessions": 0, "cost": 0},
                 {"kind": "context-bloat", "sessions": 0, "cost": 0},
                 {"kind": "unattended", "sessions": 0, "cost": 0},
                 {"kind": "parallel", "sessions": 0, "cost": 0}],
       "privacy": {"people": 0, "minimumGroup": 5}}
      """;

  private static final Instant GENERATED_AT = Instant.parse("2026-10-20T20:00:00Z");
  private static final long TOKENS_PER_CENT = 4_000;
  private static final List<String> SOURCES = List.of("claude", "codex", "gemini");

  record Commit(String sha, boolean exact, double confidence, boolean shipped) {}

  record Session(
      String id,
      String source,
      String person,
      @Nullable String repo,
      @Nullable String branch,
      Instant start,
      Instant end,
      long cents,
      List<Commit> commits,
      long aiLinesWritten,
      long aiLinesAliveAtHead,
      @Nullable Long aiLinesAlive30d,
      List<String> waste) {
    long shipped() {
      return commits.stream().filter(Commit::shipped).count();
    }

    int day() {
      return (int) (start.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay() - FROM.toEpochDay());
    }
  }

  /** The headline figures, as the report computes them. */
  record Totals(
      long sessions,
      long cents,
      long commits,
      long shippedCommits,
      long aiLinesWritten,
      long aiLinesAliveAtHead,
      @Nullable Double yield30d,
      @Nullable Double costPerShippedCommit,
      long unshippedCents,
      @Nullable Double unshippedShare) {}

  final List<Session> sessions;

  private SampleReport(List<Session> sessions) {
    this.sessions = List.copyOf(sessions);
  }

  static SampleReport create() {
    return create(20260901);
  }

  /** Another organisation's month, shaped alike: the same rules, other draws. */
  static SampleReport create(long seed) {
    Random random = new Random(seed);
    HexFormat hex = HexFormat.of();
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // The first and the last day have a session, so the document spans exactly 30 days.
      int day = i == 0 ? 0 : i == 1 ? DAYS - 1 : random.nextInt(DAYS);
      Instant start =
          FROM.plusDays(day)
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant()
              .plusSeconds(3600 * (8 + i % 10));
      int commitCount = i == 0 ? 0 : random.nextInt(4);
      List<Commit> commits = new ArrayList<>();
      for (int c = 0; c < commitCount; c++) {
        byte[] sha = new byte[20];
        random.nextBytes(sha);
        boolean exact = random.nextInt(3) > 0;
        double confidence =
            exact ? 1.0 : Math.round((0.6 + random.nextDouble() * 0.3) * 100) / 100.0;
        commits.add(new Commit(hex.formatHex(sha), exact, confidence, random.nextInt(10) < 7));
      }
      long written =
          commitCount == 0 ? 10 + random.nextInt(40) : commitCount * (20L + random.nextInt(180));
      long alive =
          commits.stream().anyMatch(Commit::shipped)
              ? written * (40 + random.nextInt(60)) / 100
              : 0;
      boolean thirtyDaysOld = start.plusSeconds(30L * 86_400).isBefore(GENERATED_AT);
      List<String> waste = new ArrayList<>();
      if (commitCount == 0) {
        waste.add("discarded");
      }
      if (i >= 1 && i <= 4) {
        waste.add(WASTE_KINDS.get(i));
      } else if (random.nextInt(5) == 0) {
        waste.add("loop");
      }
      boolean outsideRepository = i == 7;
      sessions.add(
          new Session(
              "session-" + i,
              SOURCES.get(i % SOURCES.size()),
              "p-" + hex.toHexDigits(0x1a2b3c00 + i % 7),
              outsideRepository ? null : REPOS.get(i % 2),
              outsideRepository ? null : i % 3 == 0 ? "main" : "feature/issue-" + (40 + i),
              start,
              start.plusSeconds(600 + random.nextInt(7200)),
              30 + random.nextInt(4000),
              commits,
              written,
              alive,
              thirtyDaysOld ? alive * 9 / 10 : null,
              waste));
    }
    return new SampleReport(sessions);
  }

  Totals totals() {
    return totalsOf(sessions);
  }

  /** The session with the smallest and the largest cost, for the sorting test. */
  Session cheapest() {
    return sessions.stream().min(Comparator.comparingLong(Session::cents)).orElseThrow();
  }

  Session dearest() {
    return sessions.stream().max(Comparator.comparingLong(Session::cents)).orElseThrow();
  }

  private static Totals totalsOf(List<Session> sessions) {
    long cents = sum(sessions, Session::cents);
    long shipped = sum(sessions, Session::shipped);
    long shippedSessionCents = sum(sessions, s -> s.shipped() > 0 ? s.cents() : 0);
    long unshippedCents = cents - shippedSessionCents;
    List<Session> old = sessions.stream().filter(s -> s.aiLinesAlive30d() != null).toList();
    long oldWritten = sum(old, Session::aiLinesWritten);
    return new Totals(
        sessions.size(),
        cents,
        sum(sessions, s -> s.commits().size()),
        shipped,
        sum(sessions, Session::aiLinesWritten),
        sum(sessions, Session::aiLinesAliveAtHead),
        oldWritten == 0 ? null : ratio(sum(old, s -> requireAlive30d(s)), oldWritten),
        shipped == 0 ? null : Math.round((double) shippedSessionCents / shipped) / 100.0,
        unshippedCents,
        cents == 0 ? null : ratio(unshippedCents, cents));
  }

  private static long requireAlive30d(Session session) {
    Long alive = session.aiLinesAlive30d();
    return alive == null ? 0 : alive;
  }

  private static long sum(List<Session> sessions, ToLongFunction<Session> figure) {
    return sessions.stream().mapToLong(figure).sum();
  }

  private static double ratio(long part, long whole) {
    return Math.round(1000.0 * part / whole) / 1000.0;
  }

  static double dollars(long cents) {
    return cents / 100.0;
  }

  String json() {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("from", FROM.toString());
      json.writeStringField("to", FROM.plusDays(DAYS - 1).toString());
      json.writeStringField("generatedAt", GENERATED_AT.toString());
      json.writeFieldName("totals");
      writeTotals(json, totals());
      writeSessions(json);
      writeDays(json);
      writeRepos(json);
      writeEfficiency(json);
      writeWaste(json);
      writeSpend(json);
      json.writeObjectFieldStart("privacy");
      json.writeNumberField("people", 7);
      json.writeNumberField("minimumGroup", 5);
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * Billed beside observed: Anthropic $10 + $1 a day more each day, OpenAI $0 to $2, observed $8 +
   * $1 a day; Copilot and Cursor not imported.
   */
  private static void writeSpend(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("spend");
    json.writeArrayFieldStart("days");
    long anthropic = 0;
    long openai = 0;
    long observed = 0;
    for (int day = 0; day < DAYS; day++) {
      json.writeStartObject();
      json.writeStringField("date", FROM.plusDays(day).toString());
      writeBilled(json, 10 + day, day % 3, 8 + day);
      json.writeEndObject();
      anthropic += 10 + day;
      openai += day % 3;
      observed += 8 + day;
    }
    json.writeEndArray();
    json.writeObjectFieldStart("totals");
    writeBilled(json, anthropic, openai, observed);
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeBilled(JsonGenerator json, long anthropic, long openai, long observed)
      throws IOException {
    json.writeObjectFieldStart("billed");
    json.writeNumberField("anthropic", anthropic);
    json.writeNumberField("openai", openai);
    json.writeNullField("copilot");
    json.writeNullField("cursor");
    json.writeEndObject();
    json.writeNumberField("observed", observed);
    json.writeNumberField("gap", anthropic + openai - observed);
  }

  private static void writeTotals(JsonGenerator json, Totals totals) throws IOException {
    json.writeStartObject();
    json.writeNumberField("cost", dollars(totals.cents()));
    json.writeNumberField("tokens", totals.cents() * TOKENS_PER_CENT);
    json.writeNumberField("sessions", totals.sessions());
    json.writeNumberField("commits", totals.commits());
    json.writeNumberField("shippedCommits", totals.shippedCommits());
    json.writeNumberField("aiLinesWritten", totals.aiLinesWritten());
    json.writeNumberField("aiLinesAliveAtHead", totals.aiLinesAliveAtHead());
    nullable(json, "yield30d", totals.yield30d());
    nullable(json, "costPerShippedCommit", totals.costPerShippedCommit());
    json.writeNumberField("unshippedCost", dollars(totals.unshippedCents()));
    nullable(json, "unshippedShare", totals.unshippedShare());
    json.writeNumberField("reworkShare", 0.11);
    json.writeEndObject();
  }

  private void writeSessions(JsonGenerator json) throws IOException {
    json.writeArrayFieldStart("sessions");
    for (Session session : sessions) {
      json.writeStartObject();
      json.writeStringField("sessionId", session.id());
      json.writeStringField("source", session.source());
      json.writeStringField("person", session.person());
      json.writeStringField("repo", session.repo());
      json.writeStringField("branch", session.branch());
      json.writeStringField("start", session.start().toString());
      json.writeStringField("end", session.end().toString());
      json.writeNumberField("cost", dollars(session.cents()));
      json.writeNumberField("tokens", session.cents() * TOKENS_PER_CENT);
      json.writeArrayFieldStart("commits");
      for (Commit commit : session.commits()) {
        json.writeStartObject();
        json.writeStringField("sha", commit.sha());
        json.writeStringField("link", commit.exact() ? "exact" : "inferred");
        json.writeNumberField("confidence", commit.confidence());
        json.writeBooleanField("shipped", commit.shipped());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("shippedCommits", session.shipped());
      json.writeNumberField("aiLinesWritten", session.aiLinesWritten());
      json.writeNumberField("aiLinesAliveAtHead", session.aiLinesAliveAtHead());
      nullable(json, "aiLinesAlive30d", session.aiLinesAlive30d());
      nullable(
          json,
          "costPerShippedCommit",
          session.shipped() == 0
              ? null
              : Math.round((double) session.cents() / session.shipped()) / 100.0);
      json.writeArrayFieldStart("waste");
      for (String kind : session.waste()) {
        json.writeStartObject();
        json.writeStringField("kind", kind);
        json.writeStringField("evidence", "sample evidence for " + kind);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private void writeDays(JsonGenerator json) throws IOException {
    json.writeArrayFieldStart("days");
    for (int day = 0; day < DAYS; day++) {
      int current = day;
      List<Session> ofDay = sessions.stream().filter(s -> s.day() == current).toList();
      Totals totals = totalsOf(ofDay);
      json.writeStartObject();
      json.writeStringField("date", FROM.plusDays(day).toString());
      json.writeNumberField("cost", dollars(totals.cents()));
      json.writeNumberField("sessions", ofDay.size());
      json.writeNumberField("commits", totals.commits());
      json.writeNumberField("shippedCommits", totals.shippedCommits());
      json.writeNumberField("aiLinesWritten", totals.aiLinesWritten());
      json.writeNumberField("aiLinesAliveAtHead", totals.aiLinesAliveAtHead());
      json.writeNumberField("unshippedCost", dollars(totals.unshippedCents()));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private void writeRepos(JsonGenerator json) throws IOException {
    json.writeArrayFieldStart("repos");
    for (int index = 0; index < REPOS.size(); index++) {
      String repo = REPOS.get(index);
      List<Session> ofRepo = sessions.stream().filter(s -> repo.equals(s.repo())).toList();
      Totals totals = totalsOf(ofRepo);
      json.writeStartObject();
      json.writeStringField("repo", repo);
      json.writeNumberField("cost", dollars(totals.cents()));
      json.writeNumberField("sessions", ofRepo.size());
      json.writeNumberField("commits", totals.commits());
      json.writeNumberField("shippedCommits", totals.shippedCommits());
      json.writeNumberField("aiCommits", totals.commits());
      json.writeNumberField("aiLinesWritten", totals.aiLinesWritten());
      json.writeNumberField("aiLinesAliveAtHead", totals.aiLinesAliveAtHead());
      nullable(json, "yield30d", totals.yield30d());
      nullable(json, "costPerShippedCommit", totals.costPerShippedCommit());
      json.writeNumberField("reworkShare", 0.08 + 0.05 * index);
      json.writeObjectFieldStart("survival");
      json.writeFieldName("ai");
      writeCurve(json, 1200 + 300 * index, 0.055 + 0.02 * index);
      json.writeFieldName("human");
      writeCurve(json, 2600 - 500 * index, 0.02 + 0.005 * index);
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeStartObject();
    json.writeStringField("repo", SUPPRESSED_REPO);
    json.writeBooleanField("suppressed", true);
    json.writeEndObject();
    json.writeEndArray();
  }

  /** A Kaplan–Meier step curve in which a share of the lines at risk dies at each step. */
  private static void writeCurve(JsonGenerator json, long lines, double hazard) throws IOException {
    double[] times = {0.0, 1.5, 3.0, 7.0, 12.5, 21.0, 30.0, 45.0, 60.0, 90.0};
    double survival = 1.0;
    long died = 0;
    Double halfLife = null;
    json.writeStartObject();
    json.writeNumberField("lines", lines);
    json.writeArrayFieldStart("points");
    for (int step = 0; step < times.length; step++) {
      if (step > 0) {
        double dying = survival * hazard * (1 + step % 3);
        died += Math.round(dying * lines);
        survival -= dying;
        if (halfLife == null && survival <= 0.5) {
          halfLife = times[step];
        }
      }
      json.writeStartObject();
      json.writeNumberField("days", times[step]);
      json.writeNumberField("survival", Math.round(survival * 10_000) / 10_000.0);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeNumberField("died", died);
    json.writeNumberField("censored", lines - died);
    nullable(json, "halfLifeDays", halfLife);
    json.writeEndObject();
  }

  private void writeEfficiency(JsonGenerator json) throws IOException {
    List<Session> byCost =
        sessions.stream().sorted(Comparator.comparingLong(Session::cents)).toList();
    int perDecile = byCost.size() / 10;
    json.writeArrayFieldStart("efficiency");
    for (int decile = 0; decile < 10; decile++) {
      List<Session> group = byCost.subList(decile * perDecile, (decile + 1) * perDecile);
      Totals totals = totalsOf(group);
      json.writeStartObject();
      json.writeNumberField("decile", decile + 1);
      json.writeNumberField("sessions", group.size());
      json.writeNumberField("minCost", dollars(group.get(0).cents()));
      json.writeNumberField("maxCost", dollars(group.get(group.size() - 1).cents()));
      json.writeNumberField("cost", dollars(totals.cents()));
      json.writeNumberField("shippedCommits", totals.shippedCommits());
      json.writeNumberField("aiLinesAliveAtHead", totals.aiLinesAliveAtHead());
      nullable(json, "costPerShippedCommit", totals.costPerShippedCommit());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private void writeWaste(JsonGenerator json) throws IOException {
    json.writeArrayFieldStart("waste");
    for (String kind : WASTE_KINDS) {
      List<Session> flagged = sessions.stream().filter(s -> s.waste().contains(kind)).toList();
      json.writeStartObject();
      json.writeStringField("kind", kind);
      json.writeNumberField("sessions", flagged.size());
      json.writeNumberField("cost", dollars(sum(flagged, Session::cents)));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void nullable(JsonGenerator json, String field, @Nullable Number value)
      throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else if (value instanceof Long whole) {
      json.writeNumberField(field, whole);
    } else {
      json.writeNumberField(field, value.doubleValue());
    }
  }
}
