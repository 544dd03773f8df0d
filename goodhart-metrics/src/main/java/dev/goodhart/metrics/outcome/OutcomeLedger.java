package dev.goodhart.metrics.outcome;

import static java.util.Objects.requireNonNull;

import dev.goodhart.metrics.outcome.OutcomeReport.SessionOutcome;
import dev.goodhart.metrics.provenance.LineProvenance;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.RepositoryScan;
import dev.goodhart.store.LinkedResults;
import dev.goodhart.store.Store;
import dev.goodhart.store.UsageFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Builds the outcome report: links the sessions of the period to what they shipped ({@link
 * SessionLinking}), then computes every figure from those links ({@link SessionFigures}, {@link
 * OutcomeFigures}, {@link RepositoryFigures}), so the days, weeks, repositories and deciles add up
 * to the totals.
 */
public final class OutcomeLedger {
  private final Store store;
  private final Pricer pricer;
  private final People people;
  private final Clock clock;
  private final Delivery delivery;

  public OutcomeLedger(Store store, Pricer pricer, People people, Clock clock) {
    this(store, pricer, people, clock, Delivery.NONE);
  }

  /**
   * With the deployments known: in a repository with successful production deployments, a commit
   * ships when one of them contains it, not when it reaches the default branch.
   */
  public OutcomeLedger(
      Store store, Pricer pricer, People people, Clock clock, List<DeploymentFact> deployments) {
    this(store, pricer, people, clock, new Delivery(deployments, List.of()));
  }

  /** With the deployments and the forge's pull requests known. */
  public OutcomeLedger(Store store, Pricer pricer, People people, Clock clock, Delivery delivery) {
    this.store = requireNonNull(store, "store is null");
    this.pricer = requireNonNull(pricer, "pricer is null");
    this.people = requireNonNull(people, "people is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.delivery = requireNonNull(delivery, "delivery is null");
  }

  public OutcomeReport report(OutcomeQuery query) {
    return link(query).report(query);
  }

  /**
   * Every session of a period linked to what it shipped, checked for waste and given its figures:
   * the costly part of a report, and the same for every team and repository of that period (every
   * session is linked whatever the query, since who else touched a commit or ran in parallel
   * matters to each). A server links once and reports each scope from it.
   */
  public static final class Linked {
    private final SessionLinking linking;
    private final Map<String, RepositoryFigures.Head> heads;
    private final Instant now;
    private final @Nullable LocalDate since;
    private final @Nullable LocalDate until;
    private final Duration window;
    private final boolean lineProvenance;
    private final String name;

    private Linked(
        SessionLinking linking,
        Instant now,
        @Nullable LocalDate since,
        @Nullable LocalDate until,
        Duration window,
        boolean lineProvenance) {
      this.linking = linking;
      this.heads = RepositoryFigures.heads(linking.sessions, linking.repositories, now);
      this.now = now;
      this.since = since;
      this.until = until;
      this.window = window;
      this.lineProvenance = lineProvenance;
      this.name = linkingName(since, until, window, lineProvenance);
    }

    /** The report of one scope (people, repository) from these links of its period. */
    public OutcomeReport report(OutcomeQuery query) {
      List<LinkedSession> sessions = sessionsOf(query);
      List<ScannedRepository> repositories = new ArrayList<>(linking.repositories);
      if (query.repositoryId() != null) {
        repositories.removeIf(r -> !r.ref().id().equals(query.repositoryId()));
      }
      List<OutcomeReport.SessionOutcome> outcomes =
          new ArrayList<>(sessions.stream().map(LinkedSession::outcome).toList());
      outcomes.sort(Comparator.comparing(OutcomeReport.SessionOutcome::start));

      int owners = (int) sessions.stream().map(s -> s.owner).distinct().count();
      boolean personal = !query.shared() && owners <= 1;
      int floor = query.minimumGroup();
      // The first and last UTC day with spend.
      TreeSet<LocalDate> spendDays = new TreeSet<>();
      sessions.forEach(s -> spendDays.addAll(s.spend.costByDay().keySet()));
      LocalDate from = spendDays.isEmpty() ? null : spendDays.first();
      LocalDate to = spendDays.isEmpty() ? null : spendDays.last();
      return new OutcomeReport(
          from,
          to,
          now,
          OutcomeFigures.totals(sessions),
          outcomes,
          OutcomeFigures.periods(sessions, from, to, LocalDate::toString),
          OutcomeFigures.periods(sessions, from, to, OutcomeLedger::isoWeek),
          RepositoryFigures.of(sessions, heads, repositories, personal, floor),
          OutcomeFigures.groups(sessions, personal, floor, true),
          OutcomeFigures.groups(sessions, personal, floor, false),
          OutcomeFigures.efficiency(sessions),
          OutcomeFigures.wasteTotals(sessions),
          owners,
          floor);
    }

    /**
     * A scope's totals and how many people its sessions have, without the rest of its report: what
     * a list of many scopes shows of each (forty teams' whole reports, each with its days, deciles
     * and repositories, were most of a server's /teams).
     */
    public Summary summary(OutcomeQuery query) {
      return OutcomeLedger.summary(OutcomeFigures.sums(sessionsOf(query)));
    }

    /**
     * Keeps every session's figures in the store under this linking's name ({@link
     * OutcomeLedger#linkingName}), in place of those of an earlier linking of the same period, so
     * that a scope's summary is a query of the store ({@link OutcomeLedger#keptSummary}).
     */
    public void keep(Store store) {
      store.saveLinkedResults(
          new LinkedResults(
              name, now, () -> linking.sessions.stream().map(Linked::kept).iterator()));
    }

    /** What the store keeps of a linked session. */
    private static LinkedResults.Session kept(LinkedSession s) {
      SessionOutcome o = s.outcome();
      List<LinkedResults.Commit> commits = new ArrayList<>(s.links.size());
      for (CommitLink link : s.links) {
        CommitFact commit = link.commit();
        commits.add(
            new LinkedResults.Commit(
                link.sha(),
                link.shipped(),
                commit == null ? 0 : commit.fate().shipped(),
                commit == null ? null : commit.fate().reworked21d()));
      }
      return new LinkedResults.Session(
          s.key(),
          s.subject.person(),
          s.owner,
          s.repositoryId(),
          o.cost(),
          o.tokens(),
          s.spend.estimated(),
          o.aiLinesWritten(),
          o.aiLinesShipped(),
          o.aiLinesAliveAtHead(),
          o.aiLinesAlive30d(),
          o.shippedCommits(),
          commits);
    }

    /**
     * @param people the distinct persons of the scope's sessions, as its report's sessions name
     */
    public record Summary(OutcomeReport.Totals totals, int people) {}

    /** The query's sessions of these links, in their order. */
    private List<LinkedSession> sessionsOf(OutcomeQuery query) {
      if (!serves(query)) {
        throw new IllegalArgumentException(
            "these links are of another period or rules than " + query);
      }
      List<LinkedSession> sessions = new ArrayList<>(linking.sessions);
      sessions.removeIf(s -> !query.includes(s.subject.person(), s.repositoryId()));
      return sessions;
    }

    /** Whether a query's report can come from these links: the same period and linking rules. */
    public boolean serves(OutcomeQuery query) {
      return Objects.equals(since, query.since())
          && Objects.equals(until, query.until())
          && window.equals(windowOf(query))
          && lineProvenance == query.lineProvenance();
    }
  }

  /**
   * The summary of a query's scope from the results a server kept of the last linking of its period
   * ({@link Linked#keep}), summed by the store: no session is linked, none is read into the JVM.
   * Empty when no results of that period's linking are kept.
   *
   * @return the summary, and when its linking ran
   */
  public Optional<Kept> keptSummary(OutcomeQuery query) {
    String name = linkingName(query);
    Map<String, Set<String>> groups = query.persons() == null ? null : Map.of("", query.persons());
    return store
        .linkedSums(name, groups, query.repositoryId())
        .flatMap(sums -> store.linkedAt(name).map(at -> new Kept(summary(sums.get("")), at)));
  }

  /**
   * The summaries of several groups of persons (a server's teams) in the scope of {@code period}
   * (its since, until, repository and rules; its persons do not matter), by group, from one pass
   * over the kept results of the period's last linking. Empty when none are kept.
   */
  public Optional<Map<String, Linked.Summary>> keptSummaries(
      OutcomeQuery period, Map<String, Set<String>> groups) {
    return store
        .linkedSums(linkingName(period), groups, period.repositoryId())
        .map(
            sums -> {
              Map<String, Linked.Summary> summaries = new LinkedHashMap<>();
              sums.forEach((group, s) -> summaries.put(group, summary(s)));
              return summaries;
            });
  }

  private static Linked.Summary summary(LinkedResults.Sums sums) {
    return new Linked.Summary(OutcomeFigures.totals(sums), sums.people());
  }

  /**
   * Per repository, the cost of the query's sessions that ran in it and how many owners they have,
   * from the results kept of the last linking of its period: what a repository's line of a report
   * says of its spend, and whether the privacy floor hides it. Empty when none are kept.
   */
  public Optional<List<LinkedResults.RepositorySums>> keptRepositories(OutcomeQuery query) {
    return store.linkedByRepository(linkingName(query), query.persons(), query.repositoryId());
  }

  /** A summary from kept results, and when the linking they came from ran. */
  public record Kept(Linked.Summary summary, Instant linkedAt) {}

  /**
   * The name a linking's kept results go by: its period and rules. A linking of the same name
   * replaces them; a change of the linking's rules must change {@link #RULES}.
   */
  public static String linkingName(OutcomeQuery query) {
    return linkingName(query.since(), query.until(), windowOf(query), query.lineProvenance());
  }

  private static String linkingName(
      @Nullable LocalDate since,
      @Nullable LocalDate until,
      Duration window,
      boolean lineProvenance) {
    return "%s since=%s until=%s window=%s lines=%s"
        .formatted(RULES, since, until, window, lineProvenance);
  }

  /** The version of the linking's and the figures' rules: kept results of another are not read. */
  private static final String RULES = "outcome-1";

  /** Links the sessions of the query's period (its people and repository do not matter). */
  public Linked link(OutcomeQuery query) {
    Instant now = clock.instant();
    Duration window = windowOf(query);
    HeapBudget.check(
        store.usageSessionCount(filter(query)),
        store.repositories().stream().mapToLong(RepositoryScan.Summary::commits).sum(),
        Runtime.getRuntime().maxMemory());
    SessionLinking linking =
        SessionLinking.of(
            store, pricer, people, delivery, filter(query), window, query.lineProvenance(), now);
    Map<String, List<WasteSignal>> waste = WasteDetector.detect(wasteView(linking.sessions), now);
    linking.sessions.forEach(s -> s.outcome = SessionFigures.of(s, waste.get(s.key()), now));
    return new Linked(linking, now, query.since(), query.until(), window, query.lineProvenance());
  }

  private static Duration windowOf(OutcomeQuery query) {
    return query.provenanceWindow() != null
        ? query.provenanceWindow()
        : LineProvenance.DEFAULT_WINDOW;
  }

  private static UsageFilter filter(OutcomeQuery query) {
    Instant from =
        query.since() == null ? null : query.since().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant until =
        query.until() == null
            ? null
            : query.until().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return new UsageFilter(from, until, List.of(), null);
  }

  private static List<WasteDetector.Session> wasteView(List<LinkedSession> sessions) {
    List<WasteDetector.Session> view = new ArrayList<>();
    for (LinkedSession s : sessions) {
      view.add(
          new WasteDetector.Session(
              s.key(),
              s.spend.sessionId(),
              s.spend,
              s.work,
              s.owner,
              s.repositoryId(),
              s.branch(),
              s.subject.start(),
              s.subject.end(),
              s.landed(),
              s.shipped()));
    }
    return view;
  }

  /** The label of a day's ISO week, {@code 2026-W48}: how the report names its weeks. */
  public static String isoWeek(LocalDate day) {
    return "%d-W%02d"
        .formatted(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
