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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The report of {@code goodhart report}, for a team, a repository or everyone, as the server shows
 * it to others: no person appears (sessions carry no pseudonym), and a view of fewer than the
 * privacy floor's people is suppressed whole. Reports are computed on a reader connection and kept
 * until the next write, so a dashboard's refreshes cost nothing while nothing arrives.
 */
final class OrgReports {
  private static final ObjectMapper JSON = GoodhartServer.JSON;
  private static final int CACHED = 64;

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
   * out). A request for a period being linked joins that linking instead.
   */
  private final ReentrantLock linking = new ReentrantLock();

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
    this.cache = new VersionedCache(CACHED, version);
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

  /** The report itself, for callers that need its figures rather than its document. */
  @Nullable OutcomeReport outcome(ReportScope scope) {
    return outcome(scope, null);
  }

  /**
   * The report of a scope from the given links of its period, or from those of the store as it is
   * now (null).
   */
  private @Nullable OutcomeReport outcome(ReportScope scope, OutcomeLedger.@Nullable Linked given) {
    OutcomeQuery query = query(scope);
    if (query == null) {
      return null;
    }
    if (given != null) {
      return given.report(query);
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
            return ledger.link(query);
          } finally {
            linking.unlock();
          }
        });
  }

  /**
   * Every team's summary of a period (whether it is suppressed and why, its totals), all from one
   * linking of it: the store as it was when the call began. (Under steady ingest the store changes
   * every fraction of a second; asked team by team, each report linked every session again.) Only
   * the summary of each is kept: forty teams' whole documents ran a 10M-event store's heap out.
   */
  Map<String, JsonNode> teamSummaries(ReportScope scope, Collection<String> teams) {
    OutcomeLedger.Linked linked;
    try (ServingStore reader = store.reader()) {
      OutcomeQuery everyone =
          new OutcomeQuery(scope.since(), scope.until(), minimumGroup, null, null, true);
      linked = links(scope, ledger(reader), everyone);
    }
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (String team : teams) {
      ReportScope teamScope =
          new ReportScope(team, scope.repository(), scope.since(), scope.until());
      OutcomeQuery query = query(teamScope);
      OutcomeLedger.Linked.Summary figures = query == null ? null : linked.summary(query);
      ObjectNode suppressed = suppression(teamScope, figures == null ? 0 : figures.people());
      ObjectNode summary = JSON.createObjectNode();
      summary.put("suppressed", suppressed != null);
      if (suppressed != null) {
        summary.set("reason", suppressed.get("reason"));
      } else {
        summary.putNull("reason");
        summary.set("totals", totals(requireNonNull(figures).totals()));
      }
      answers.put(team, summary);
    }
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
    return compute(scope, null);
  }

  private JsonNode compute(ReportScope scope, OutcomeLedger.@Nullable Linked linked) {
    if (scope.team() != null && !teams().sizes(activePeople()).containsKey(scope.team())) {
      throw ApiException.notFound(
          "there is no team '%s'; GET /api/v1/filters lists the teams".formatted(scope.team()));
    }
    OutcomeReport report = outcome(scope, linked);
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
