package dev.goodhart.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.ingest.otlp.OtlpIdentity;
import dev.goodhart.metrics.outcome.Delivery;
import dev.goodhart.metrics.outcome.OutcomeLedger;
import dev.goodhart.metrics.outcome.OutcomeQuery;
import dev.goodhart.metrics.outcome.OutcomeReport;
import dev.goodhart.metrics.outcome.People;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.JavaHeap;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.report.outcome.OutcomeJson;
import dev.goodhart.store.LinkedResults;
import dev.goodhart.store.ServingStore;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report of {@code goodhart report}, for a team, a repository or everyone, as the server shows
 * it to others: no person appears (sessions carry no pseudonym), and a view of fewer than the
 * privacy floor's people is suppressed whole. Reports are computed on a reader connection and kept
 * until the next write, so a dashboard's refreshes cost nothing while nothing arrives.
 */
final class OrgReports {
  private static final ObjectMapper JSON = GoodhartServer.JSON;
  private static final int CACHED = 64;
  private static final Logger LOG = LoggerFactory.getLogger(OrgReports.class);

  private final ServingStore store;
  private final Pricer pricer;
  private final Pseudonyms pseudonyms;
  private final Clock clock;
  private final int minimumGroup;
  private final VersionedCache cache;

  /**
   * A period's links, shared by the requests that ask for them while they are being made (a
   * dashboard asks for several views of one period at once) and not kept: each holds every session
   * of its period.
   */
  private final VersionedCache links;

  /**
   * Held while a period's sessions are linked: one linking at a time (each holds every session of
   * its period; two at once, the whole history's and the last week's, ran a 10M-event store's heap
   * out). A request for a period being linked joins that linking instead. Fair: linkings run in the
   * order they were asked for (at 10M events a first /teams of the last week waited 46 s while the
   * whole history's linkings, asked again and again by the report, took the lock before it).
   */
  private final ReentrantLock linking = new ReentrantLock(true);

  /**
   * The writer's version at which each period's linking results were last kept in the store, by the
   * linking's name: summaries (a team's totals, a repository's cost) are summed from them by the
   * store while they hold, instead of linking every session of the period again.
   */
  private final Map<String, Long> keptAt = new ConcurrentHashMap<>();

  /**
   * Moves when linking results are kept after a view answered from older ones: that view is then
   * out of date, though the store's facts did not change (after a restart, the period was linked in
   * the background). Only then: every report keeps its period's results, and moving it each time
   * made each report out of date as soon as it was computed.
   */
  private final AtomicLong keptGeneration = new AtomicLong();

  /** Whether a view answered from kept results older than the store since the last were kept. */
  private final AtomicBoolean answeredFromOlder = new AtomicBoolean();

  private final LongSupplier writerVersion;
  private final boolean viewsMayLag;

  /**
   * @param version a number that changes whenever the store does (the writer's commit count)
   * @param viewsMayLag whether views may answer with figures a little behind the store (a server
   *     with a fresh wait): a view then links with the linking of its period already running
   */
  OrgReports(
      ServingStore store,
      Pricer pricer,
      Pseudonyms pseudonyms,
      Clock clock,
      int minimumGroup,
      LongSupplier version,
      boolean viewsMayLag) {
    this.store = requireNonNull(store, "store is null");
    this.pricer = requireNonNull(pricer, "pricer is null");
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.minimumGroup = minimumGroup;
    requireNonNull(version, "version is null");
    this.writerVersion = version;
    this.viewsMayLag = viewsMayLag;
    this.cache = new VersionedCache(CACHED, () -> version.getAsLong() + keptGeneration.get());
    this.links = VersionedCache.sharedWhileComputing(version, viewsMayLag);
  }

  /**
   * Who a machine id's sessions belong to: telemetry's ids name the person's pseudonym; logs
   * imported into the server's store under a person's address ({@code goodhart import usage
   * --machine alice@example.com}) are that person's.
   */
  private People people(ServingStore reader) {
    Map<String, String> labels = reader.machines();
    return machineId -> {
      String person = OtlpIdentity.personOf(machineId).orElse(null);
      if (person != null) {
        return person;
      }
      String label = labels.get(machineId);
      return label != null && label.contains("@") ? pseudonyms.of(label) : null;
    };
  }

  /**
   * The report document of the scope, or a suppressed answer: the last one computed when the one
   * with the latest facts is not ready within the request's wait.
   */
  ReportDocument report(ReportScope scope, Freshness freshness) {
    return view(
        "report " + scope,
        () -> ReportDocument.of(compute(scope), ReadApi.SLICES.values()),
        freshness);
  }

  /** Teams with their sizes, repositories: what the dashboard's filters offer. */
  JsonNode filters(Freshness freshness) {
    return view(
        "filters",
        () -> {
          ObjectNode answer = JSON.createObjectNode();
          ArrayNode teams = answer.putArray("teams");
          teams()
              .sizes(activePeople())
              .forEach(
                  (name, people) ->
                      teams
                          .addObject()
                          .put("name", name)
                          .put("people", people < minimumGroup ? null : people)
                          .put("suppressed", people < minimumGroup));
          ArrayNode repositories = answer.putArray("repositories");
          try (ServingStore reader = store.reader()) {
            reader
                .repositories()
                .forEach(
                    summary ->
                        repositories
                            .addObject()
                            .put("id", summary.repository().id())
                            .put("name", summary.repository().fullName()));
          }
          answer.put("minimumGroup", minimumGroup);
          return answer;
        },
        freshness);
  }

  int minimumGroup() {
    return minimumGroup;
  }

  /** The team mapping, read once per write (every team view asks for it, some many times). */
  Teams teams() {
    return cached("teams", () -> new Teams(store.teams()));
  }

  /**
   * The people with usage in the store, which each team view needs: from the distinct machines of
   * counted usage (reading every session for it ran a 10M-event store out of heap), once per write
   * like the reports.
   */
  Set<String> activePeople() {
    return cached("active people", this::scanActivePeople);
  }

  private Set<String> scanActivePeople() {
    Set<String> people = new TreeSet<>();
    try (ServingStore reader = store.reader()) {
      People owners = people(reader);
      for (String machineId : reader.usageMachineIds()) {
        String person = owners.personOf(machineId);
        if (person != null) {
          people.add(person);
        }
      }
    }
    return people;
  }

  /** The persons a scope covers: a team's members, or everyone (null). */
  @Nullable Set<String> persons(ReportScope scope) {
    return scope.team() == null ? null : teams().members(scope.team(), activePeople());
  }

  /** Billed against observed spend, the organisation's; {@link SpendView} says why. */
  JsonNode spend(ReportScope scope, Freshness freshness) {
    return view(
        "spend " + scope,
        () -> {
          Set<String> people = activePeople();
          try (ServingStore reader = store.reader()) {
            return SpendView.of(reader, pricer, clock, scope, people, minimumGroup);
          }
        },
        freshness);
  }

  /** The report of a scope from the links of its period as the store is now. */
  private @Nullable OutcomeReport outcome(ReportScope scope) {
    OutcomeQuery query = query(scope);
    if (query == null) {
      return null;
    }
    try (ServingStore reader = store.reader()) {
      return links(scope, ledger(reader), query).report(query);
    }
  }

  /** The query of a scope; null when it is a team with no one who has usage. */
  private @Nullable OutcomeQuery query(ReportScope scope) {
    Set<String> persons = persons(scope);
    if (persons != null && persons.isEmpty()) {
      return null;
    }
    String repositoryId = repositoryId(scope.repository());
    return new OutcomeQuery(
        scope.since(), scope.until(), minimumGroup, persons, repositoryId, true);
  }

  private OutcomeLedger ledger(ServingStore reader) {
    return new OutcomeLedger(reader, pricer, people(reader), clock, Delivery.from(reader));
  }

  private OutcomeLedger.Linked links(ReportScope scope, OutcomeLedger ledger, OutcomeQuery query) {
    return links.get(
        "links " + scope.since() + " " + scope.until(),
        () -> {
          linking.lock();
          try {
            long version = writerVersion.getAsLong();
            OutcomeLedger.Linked linked = ledger.link(query);
            keep(linked, OutcomeLedger.linkingName(query), version);
            return linked;
          } finally {
            linking.unlock();
          }
        });
  }

  /**
   * Keeps a linking's results in the store for the summaries of its period. Only saves work: when
   * they cannot be kept (a full disk), summaries come from the links in memory.
   */
  private void keep(OutcomeLedger.Linked linked, String name, long version) {
    try (ServingStore keeper = store.reader()) {
      linked.keep(keeper);
      keptAt.put(name, version);
      if (answeredFromOlder.getAndSet(false)) {
        keptGeneration.incrementAndGet();
      }
    } catch (GoodhartException | IllegalArgumentException e) {
      keptAt.remove(name);
      LOG.warn("the links of '{}' could not be kept in the store: {}", name, e.getMessage());
    }
  }

  /**
   * Whether the store's kept results of the query's period may answer a summary now: kept at the
   * writer's current version, or (when views may lag) kept at all, even before a restart. Those are
   * replaced when the period is next linked, for its report (what a dashboard asks first, and again
   * after every write); the views that answered from them are then computed again. Linking for them
   * in the background as well ran a 10M-event store's 256 MiB heap out: a second linking while a
   * report held the first's links. False when the period must be linked first ({@link #links}).
   */
  private boolean keptServes(ServingStore reader, OutcomeQuery query) {
    String name = OutcomeLedger.linkingName(query);
    Long at = keptAt.get(name);
    if (at != null && at == writerVersion.getAsLong()) {
      return true;
    }
    if (!viewsMayLag || (at == null && reader.linkedAt(name).isEmpty())) {
      return false;
    }
    answeredFromOlder.set(true);
    return true;
  }

  /**
   * The summaries of the given teams' queries of one period and repository (null for a team with no
   * one who has usage), by team: summed by the store from the period's kept linking results, all
   * teams in one pass, where they serve; else from its links in memory (linked now when they are
   * not being linked already).
   */
  private Map<String, OutcomeLedger.Linked.@Nullable Summary> summaries(
      ReportScope period, Map<String, @Nullable OutcomeQuery> queries) {
    OutcomeQuery everyone =
        new OutcomeQuery(period.since(), period.until(), minimumGroup, null, null, true);
    try (ServingStore reader = store.reader()) {
      OutcomeLedger ledger = ledger(reader);
      Period linking = period(period, reader, ledger, everyone);
      Map<String, Set<String>> groups = new LinkedHashMap<>();
      queries.forEach(
          (team, query) -> {
            if (query != null) {
              groups.put(team, requireNonNull(query.persons()));
            }
          });
      OutcomeQuery scope =
          new OutcomeQuery(
              period.since(),
              period.until(),
              minimumGroup,
              null,
              repositoryId(period.repository()),
              true);
      Map<String, OutcomeLedger.Linked.Summary> kept =
          linking.kept() ? ledger.keptSummaries(scope, groups).orElse(null) : null;
      Map<String, OutcomeLedger.Linked.@Nullable Summary> result = new LinkedHashMap<>();
      queries.forEach(
          (team, query) ->
              result.put(
                  team,
                  query == null
                      ? null
                      : kept != null ? kept.get(team) : linking.inMemory().get().summary(query)));
      return result;
    }
  }

  /**
   * A period's linking as summaries read it: whether the store's kept results serve ({@link
   * #keptServes}; else the period is linked now, which keeps them), and its links in memory for
   * when they do not (they could not be kept), made only if asked for.
   */
  private Period period(
      ReportScope scope, ServingStore reader, OutcomeLedger ledger, OutcomeQuery everyone) {
    if (keptServes(reader, everyone)) {
      return new Period(true, () -> links(scope, ledger, everyone));
    }
    OutcomeLedger.Linked linked = links(scope, ledger, everyone);
    return new Period(keptAt.containsKey(OutcomeLedger.linkingName(everyone)), () -> linked);
  }

  private record Period(boolean kept, Supplier<OutcomeLedger.Linked> inMemory) {}

  /**
   * Each repository's cost of the scope's sessions that ran in it, and whether the privacy floor
   * hides it; null when the scope is a team with no one who has usage. From the period's kept
   * linking results where they serve, else from its report.
   */
  @Nullable List<DeliveryView.LinkedCost> repositoryCosts(ReportScope scope) {
    OutcomeQuery query = query(scope);
    if (query == null) {
      return null;
    }
    OutcomeQuery everyone =
        new OutcomeQuery(scope.since(), scope.until(), minimumGroup, null, null, true);
    try (ServingStore reader = store.reader()) {
      OutcomeLedger ledger = ledger(reader);
      Period linking = period(scope, reader, ledger, everyone);
      List<LinkedResults.RepositorySums> kept =
          linking.kept() ? ledger.keptRepositories(query).orElse(null) : null;
      if (kept != null) {
        return kept.stream()
            .map(
                sums ->
                    new DeliveryView.LinkedCost(
                        sums.repositoryId(), sums.cost(), sums.owners() < minimumGroup))
            .toList();
      }
      return linking.inMemory().get().report(query).repositories().stream()
          .map(r -> new DeliveryView.LinkedCost(r.repositoryId(), r.cost(), r.suppressed()))
          .toList();
    }
  }

  /**
   * Every team's summary of a period (whether it is suppressed and why, its totals), all from one
   * linking of it: the store as it was when the call began. (Under steady ingest the store changes
   * every fraction of a second; asked team by team, each report linked every session again.) Only
   * the summary of each is kept: forty teams' whole documents ran a 10M-event store's heap out.
   */
  Map<String, JsonNode> teamSummaries(ReportScope scope, Collection<String> teams) {
    Map<String, ReportScope> scopes = new LinkedHashMap<>();
    Map<String, @Nullable OutcomeQuery> queries = new LinkedHashMap<>();
    for (String team : teams) {
      ReportScope teamScope =
          new ReportScope(team, scope.repository(), scope.since(), scope.until());
      scopes.put(team, teamScope);
      queries.put(team, query(teamScope));
    }
    Map<String, OutcomeLedger.Linked.@Nullable Summary> figures = summaries(scope, queries);
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    scopes.forEach(
        (team, teamScope) -> {
          OutcomeLedger.Linked.Summary summary = figures.get(team);
          ObjectNode suppressed = suppression(teamScope, summary == null ? 0 : summary.people());
          ObjectNode answer = JSON.createObjectNode();
          answer.put("suppressed", suppressed != null);
          if (suppressed != null) {
            answer.set("reason", suppressed.get("reason"));
          } else {
            answer.putNull("reason");
            answer.set("totals", totals(requireNonNull(summary).totals()));
          }
          answers.put(team, answer);
        });
    return answers;
  }

  /** A report's totals as its document writes them, without writing the rest of it. */
  private static JsonNode totals(OutcomeReport.Totals totals) {
    try {
      return JSON.readTree(OutcomeJson.totalsToJson(totals)).get("totals");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the totals are JSON", e);
    }
  }

  private JsonNode compute(ReportScope scope) {
    if (scope.team() != null && !teams().sizes(activePeople()).containsKey(scope.team())) {
      throw ApiException.notFound(
          "there is no team '%s'; GET /api/v1/filters lists the teams".formatted(scope.team()));
    }
    OutcomeReport report = outcome(scope);
    ObjectNode suppressed = suppression(scope, report == null ? 0 : people(report));
    if (suppressed != null) {
      return suppressed;
    }
    requireNonNull(report);
    try {
      int sessions = report.sessions().size();
      ObjectNode document =
          (ObjectNode) JSON.readTree(OutcomeJson.toJson(report.withSessions(shown(report))));
      for (JsonNode session : document.withArray("sessions")) {
        ((ObjectNode) session).remove("person");
      }
      document.put("sessionsTotal", sessions);
      document.put("suppressed", false);
      document.set("scope", JSON.valueToTree(scope.describe()));
      return document;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the report document is JSON", e);
    }
  }

  /** The distinct persons of a report's sessions: what the privacy floor counts. */
  private static int people(OutcomeReport report) {
    return (int)
        report.sessions().stream()
            .map(OutcomeReport.SessionOutcome::person)
            .filter(Objects::nonNull)
            .distinct()
            .count();
  }

  /**
   * The answer for a scope whose sessions have fewer people than the privacy floor (none when it
   * has no report), or null when its figures may be shown.
   */
  private @Nullable ObjectNode suppression(ReportScope scope, int people) {
    if (people >= minimumGroup) {
      return null;
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("suppressed", true);
    answer.put(
        "reason",
        "fewer than %d people have sessions in this view; goodhart shows no figures for groups this small"
            .formatted(minimumGroup));
    // How many fewer is itself a figure about a small group.
    answer.putNull("people");
    answer.put("minimumGroup", minimumGroup);
    answer.set("scope", JSON.valueToTree(scope.describe()));
    return answer;
  }

  /**
   * The sessions an answer lists: the {@value #SESSIONS_SHOWN} most costly, in time order. Every
   * figure still counts every session; a month of a large organisation has hundreds of thousands,
   * and listing them all made each answer tens of megabytes and ran the server out of memory after
   * a few cached views (1M events: 11 MB an answer, out of heap at the fourth).
   */
  private static List<OutcomeReport.SessionOutcome> shown(OutcomeReport report) {
    List<OutcomeReport.SessionOutcome> sessions = report.sessions();
    if (sessions.size() <= SESSIONS_SHOWN) {
      return sessions;
    }
    return sessions.stream()
        .sorted(
            Comparator.comparing(OutcomeReport.SessionOutcome::cost)
                .reversed()
                .thenComparing(OutcomeReport.SessionOutcome::start))
        .limit(SESSIONS_SHOWN)
        .sorted(Comparator.comparing(OutcomeReport.SessionOutcome::start))
        .toList();
  }

  static final int SESSIONS_SHOWN = 500;

  private @Nullable String repositoryId(@Nullable String wanted) {
    if (wanted == null) {
      return null;
    }
    try (ServingStore reader = store.reader()) {
      return reader.repositories().stream()
          .map(summary -> summary.repository())
          .filter(r -> r.id().equals(wanted) || r.fullName().equals(wanted))
          .map(r -> r.id())
          .findFirst()
          .orElseThrow(
              () ->
                  ApiException.notFound(
                      "there is no repository '%s'; GET /api/v1/filters lists them"
                          .formatted(wanted)));
    }
  }

  /** The value computed for the key since the last write, else a new one (kept). */
  <T> T cached(String key, Supplier<T> computation) {
    return cache.get(key, computation);
  }

  /**
   * A view a request shows: as {@link #cached}, but when the value with the latest facts is not
   * ready within the request's wait, the last one computed (see {@link Freshness}).
   */
  <T> T view(String key, Supplier<T> computation, Freshness freshness) {
    return cache.get(key, () -> withinHeap(computation), freshness.waitLimit(), freshness.stale());
  }

  /**
   * A view that ran the Java heap out fails with what to raise (a 503 that says so), not a fatal
   * error: what it held is released as it unwinds, and the server goes on.
   */
  private static <T> T withinHeap(Supplier<T> computation) {
    try {
      return computation.get();
    } catch (OutOfMemoryError e) {
      throw new GoodhartException(
          ErrorCode.OUT_OF_RESOURCES,
          "this view's figures did not fit in the server's Java heap; start goodhart serve with a"
              + " larger one, e.g. "
              + JavaHeap.setting("1g")
              + " (the default is 256 MiB)",
          e);
    }
  }
}
