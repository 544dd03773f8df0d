package dev.goodhart.metrics.outcome;

import static java.util.Objects.requireNonNull;

import dev.goodhart.metrics.outcome.OutcomeReport.EfficiencyBucket;
import dev.goodhart.metrics.outcome.OutcomeReport.GroupOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.PeriodOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.RepositoryOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.SessionOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.Totals;
import dev.goodhart.metrics.outcome.OutcomeReport.WasteTotal;
import dev.goodhart.metrics.survival.LineSurvival;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.RepositoryRef;
import dev.goodhart.model.git.RepositoryScan;
import dev.goodhart.store.Store;
import dev.goodhart.store.UsageFilter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds the outcome report: prices the sessions of the period, links them to the commits of the
 * scanned repositories, and sums what shipped. Every figure is derived from the same linked
 * sessions, so the days, weeks, repositories and deciles add up to the totals.
 */
public final class OutcomeLedger {
  private static final Duration THIRTY_DAYS = Duration.ofDays(30);

  private final Store store;
  private final Pricer pricer;
  private final People people;
  private final Clock clock;

  /** Deployed commits per repository name ({@link RepositoryRef#fullName()}). */
  private final Map<String, List<String>> productionDeployments;

  public OutcomeLedger(Store store, Pricer pricer, People people, Clock clock) {
    this(store, pricer, people, clock, List.of());
  }

  /**
   * With the deployments known: in a repository with successful production deployments, a commit
   * ships when one of them contains it, not when it reaches the default branch.
   */
  public OutcomeLedger(
      Store store, Pricer pricer, People people, Clock clock, List<DeploymentFact> deployments) {
    this.store = requireNonNull(store, "store is null");
    this.pricer = requireNonNull(pricer, "pricer is null");
    this.people = requireNonNull(people, "people is null");
    this.clock = requireNonNull(clock, "clock is null");
    Map<String, List<String>> byRepository = new HashMap<>();
    for (DeploymentFact deployment : deployments) {
      if (deployment.reachedProduction()) {
        byRepository
            .computeIfAbsent(deployment.repository(), k -> new ArrayList<>())
            .add(deployment.sha());
      }
    }
    this.productionDeployments = byRepository;
  }

  public OutcomeReport report(OutcomeQuery query) {
    Instant now = clock.instant();
    List<ScannedRepository> repositories = new ArrayList<>();
    for (RepositoryScan.Summary summary : store.repositories()) {
      RepositoryRef ref = summary.repository();
      repositories.add(
          new ScannedRepository(
              ref,
              store.commits(ref.id()),
              productionDeployments.getOrDefault(ref.fullName(), List.of())));
    }
    List<SessionSpend> spends = SpendBySession.read(store, pricer, filter(query));
    Map<String, SessionWork> works = SessionWork.bySession(store.signals());

    List<Linked> sessions = new ArrayList<>();
    List<SessionLinker.Subject> subjects = new ArrayList<>();
    for (SessionSpend spend : spends) {
      SessionWork work = works.getOrDefault(spend.key(), SessionWork.NONE);
      String cwd = spend.cwd() != null ? spend.cwd() : work.cwd();
      ScannedRepository repository = repositoryOf(repositories, cwd, work.remoteUrl());
      String person = people.personOf(spend.machineId());
      Instant start = earlier(spend.start(), work.first());
      Instant end = later(spend.end(), work.last());
      SessionLinker.Subject subject =
          new SessionLinker.Subject(
              spend.key(), spend.sessionId(), start, end, repository, person, work, spend.cost());
      subjects.add(subject);
      sessions.add(new Linked(spend, work, subject, person != null ? person : spend.machineId()));
    }
    Map<String, List<CommitLink>> links = SessionLinker.link(subjects, repositories);
    sessions.forEach(s -> s.links = links.get(s.spend.key()));
    sessions.forEach(s -> s.placeByLinks(repositories));

    Map<String, List<WasteSignal>> waste = WasteDetector.detect(wasteView(sessions), now);
    // Linking and waste see every session (who else touched a commit, who ran in parallel); the
    // figures only the query's.
    sessions.removeIf(s -> !query.includes(s.subject.person(), s.repositoryId()));
    if (query.repositoryId() != null) {
      repositories.removeIf(r -> !r.ref().id().equals(query.repositoryId()));
    }
    List<SessionOutcome> outcomes = new ArrayList<>();
    for (Linked s : sessions) {
      s.outcome = outcome(s, waste.get(s.spend.key()), now);
      outcomes.add(s.outcome);
    }
    outcomes.sort(Comparator.comparing(SessionOutcome::start));

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
        totals(sessions, now),
        outcomes,
        periods(sessions, from, to, day -> day.toString(), 1),
        periods(sessions, from, to, OutcomeLedger::isoWeek, 7),
        repositories(sessions, repositories, now, personal, floor),
        groups(sessions, personal, floor, true),
        groups(sessions, personal, floor, false),
        efficiency(sessions),
        wasteTotals(sessions),
        owners,
        floor);
  }

  /** A session with everything known of it. */
  private static final class Linked {
    final SessionSpend spend;
    final SessionWork work;
    SessionLinker.Subject subject;
    final String owner;
    List<CommitLink> links = List.of();
    @Nullable SessionOutcome outcome;

    Linked(SessionSpend spend, SessionWork work, SessionLinker.Subject subject, String owner) {
      this.spend = spend;
      this.work = work;
      this.subject = subject;
      this.owner = owner;
    }

    int shipped() {
      return (int) links.stream().filter(CommitLink::shipped).count();
    }

    /**
     * A session whose folder is unknown (telemetry carries none) ran where its exact links are: the
     * repository of the first commit it printed.
     */
    void placeByLinks(List<ScannedRepository> repositories) {
      if (subject.repository() != null) {
        return;
      }
      for (CommitLink link : links) {
        for (ScannedRepository repository : repositories) {
          if (repository.ref().id().equals(link.repositoryId())) {
            subject =
                new SessionLinker.Subject(
                    subject.key(),
                    subject.sessionId(),
                    subject.start(),
                    subject.end(),
                    repository,
                    subject.person(),
                    subject.work(),
                    subject.cost());
            return;
          }
        }
      }
    }

    SessionOutcome outcome() {
      return requireNonNull(outcome);
    }

    @Nullable String repositoryId() {
      ScannedRepository repository = subject.repository();
      return repository == null ? null : repository.ref().id();
    }
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

  /**
   * The repository whose folder holds the session's, the deepest one; else the one of its remote.
   */
  private static @Nullable ScannedRepository repositoryOf(
      List<ScannedRepository> repositories, @Nullable String cwd, @Nullable String remote) {
    ScannedRepository best = null;
    if (cwd != null) {
      for (ScannedRepository repository : repositories) {
        if (repository.contains(cwd)
            && (best == null || repository.ref().path().length() > best.ref().path().length())) {
          best = repository;
        }
      }
    }
    if (best == null && remote != null) {
      best = repositories.stream().filter(r -> r.hasRemote(remote)).findFirst().orElse(null);
    }
    return best;
  }

  private static List<WasteDetector.Session> wasteView(List<Linked> sessions) {
    List<WasteDetector.Session> view = new ArrayList<>();
    for (Linked s : sessions) {
      view.add(
          new WasteDetector.Session(
              s.spend.key(),
              s.spend.sessionId(),
              s.spend,
              s.work,
              s.owner,
              s.repositoryId(),
              s.spend.branch() != null ? s.spend.branch() : s.work.branch(),
              s.subject.start(),
              s.subject.end(),
              s.links.size(),
              s.shipped()));
    }
    return view;
  }

  private static SessionOutcome outcome(Linked s, List<WasteSignal> waste, Instant now) {
    long written = s.work.linesWritten();
    double alive = 0;
    double alive30 = 0;
    boolean thirtyKnown = !s.subject.end().plus(THIRTY_DAYS).isAfter(now);
    for (CommitLink link : s.links) {
      CommitFact commit = link.commit();
      if (commit == null) {
        continue;
      }
      alive += link.share() * commit.fate().aliveAtHead();
      Long at30 = commit.fate().alive30d();
      if (at30 != null) {
        alive30 += link.share() * at30;
      }
    }
    int shipped = s.shipped();
    BigDecimal cost = s.spend.cost();
    ScannedRepository repository = s.subject.repository();
    return new SessionOutcome(
        s.spend.sessionId(),
        s.spend.source(),
        s.subject.person(),
        repository == null ? null : repository.ref().path(),
        s.spend.branch() != null ? s.spend.branch() : s.work.branch(),
        s.subject.start(),
        s.subject.end(),
        cost,
        s.spend.tokens(),
        s.work.prompts().size(),
        s.spend.apiCalls(),
        s.spend.models(),
        s.links,
        shipped,
        written,
        Math.min(written, Math.round(alive)),
        thirtyKnown ? Math.min(written, Math.round(alive30)) : null,
        shipped == 0 ? null : divide(cost, shipped),
        List.copyOf(waste));
  }

  private static Totals totals(List<Linked> sessions, Instant now) {
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal shippedSessionsCost = BigDecimal.ZERO;
    BigDecimal unshipped = BigDecimal.ZERO;
    long tokens = 0;
    long written = 0;
    long aliveAtHead = 0;
    long written30 = 0;
    long alive30 = 0;
    Set<String> commits = new HashSet<>();
    Set<String> shippedCommits = new HashSet<>();
    for (Linked s : sessions) {
      SessionOutcome o = s.outcome();
      cost = cost.add(o.cost());
      tokens += o.tokens();
      written += o.aiLinesWritten();
      aliveAtHead += o.aiLinesAliveAtHead();
      if (o.aiLinesAlive30d() != null) {
        written30 += o.aiLinesWritten();
        alive30 += o.aiLinesAlive30d();
      }
      s.links.forEach(link -> commits.add(link.sha()));
      s.links.stream().filter(CommitLink::shipped).forEach(link -> shippedCommits.add(link.sha()));
      if (o.shippedCommits() > 0) {
        shippedSessionsCost = shippedSessionsCost.add(o.cost());
      } else {
        unshipped = unshipped.add(o.cost());
      }
    }
    return new Totals(
        cost,
        tokens,
        sessions.size(),
        commits.size(),
        shippedCommits.size(),
        written,
        aliveAtHead,
        written30 == 0 ? null : alive30,
        written30 == 0 ? null : (double) alive30 / written30,
        shippedCommits.isEmpty() ? null : divide(shippedSessionsCost, shippedCommits.size()),
        aliveAtHead == 0
            ? null
            : cost.multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf(aliveAtHead), 6, RoundingMode.HALF_EVEN),
        unshipped,
        cost.signum() == 0 ? null : unshipped.doubleValue() / cost.doubleValue(),
        reworkShare(sessions));
  }

  /** Of the shipped lines of linked commits whose 21 days are over, those reworked in them. */
  private static @Nullable Double reworkShare(List<Linked> sessions) {
    Map<String, CommitFact> commits = new LinkedHashMap<>();
    sessions.forEach(
        s ->
            s.links.stream()
                .filter(CommitLink::shipped)
                .forEach(l -> commits.put(l.sha(), l.commit())));
    long shipped = 0;
    long reworked = 0;
    for (CommitFact commit : commits.values()) {
      Long lines = commit.fate().reworked21d();
      if (lines != null) {
        shipped += commit.fate().shipped();
        reworked += lines;
      }
    }
    return shipped == 0 ? null : (double) reworked / shipped;
  }

  /**
   * Every period from the first day with spend to the last, empty ones included, so a chart's time
   * axis has no holes. A session counts in the period it started in; its cost in the periods its
   * requests fell on.
   */
  private static List<PeriodOutcome> periods(
      List<Linked> sessions,
      @Nullable LocalDate from,
      @Nullable LocalDate to,
      Function<LocalDate, String> periodOf,
      int stepDays) {
    if (from == null || to == null) {
      return List.of();
    }
    Map<String, PeriodSums> periods = new LinkedHashMap<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      periods.computeIfAbsent(periodOf.apply(day), k -> new PeriodSums());
    }
    for (Linked s : sessions) {
      SessionOutcome o = s.outcome();
      boolean unshipped = o.shippedCommits() == 0;
      s.spend
          .costByDay()
          .forEach(
              (day, dollars) -> {
                PeriodSums sums = periods.get(periodOf.apply(day));
                if (sums != null) {
                  sums.cost = sums.cost.add(dollars);
                  if (unshipped) {
                    sums.unshipped = sums.unshipped.add(dollars);
                  }
                }
              });
      PeriodSums started = periods.get(periodOf.apply(day(o.start())));
      if (started != null) {
        started.sessions++;
        started.written += o.aiLinesWritten();
        started.alive += o.aiLinesAliveAtHead();
      }
      for (CommitLink link : s.links) {
        CommitFact commit = link.commit();
        Instant at = commit != null ? commit.committedAt() : o.end();
        PeriodSums sums = periods.get(periodOf.apply(day(at)));
        if (sums != null && sums.commits.add(link.sha()) && link.shipped()) {
          sums.shipped++;
        }
      }
    }
    List<PeriodOutcome> result = new ArrayList<>();
    periods.forEach(
        (period, sums) ->
            result.add(
                new PeriodOutcome(
                    period,
                    sums.cost,
                    sums.sessions,
                    sums.commits.size(),
                    sums.shipped,
                    sums.written,
                    sums.alive,
                    sums.unshipped)));
    return result;
  }

  private static final class PeriodSums {
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal unshipped = BigDecimal.ZERO;
    int sessions;
    final Set<String> commits = new HashSet<>();
    int shipped;
    long written;
    long alive;
  }

  private static List<RepositoryOutcome> repositories(
      List<Linked> sessions,
      List<ScannedRepository> repositories,
      Instant now,
      boolean personal,
      int floor) {
    List<RepositoryOutcome> result = new ArrayList<>();
    for (ScannedRepository repository : repositories) {
      String id = repository.ref().id();
      List<Linked> here = sessions.stream().filter(s -> id.equals(s.repositoryId())).toList();
      long owners = here.stream().map(s -> s.owner).distinct().count();
      boolean suppressed = !personal && owners < floor;
      BigDecimal cost = BigDecimal.ZERO;
      BigDecimal shippedCost = BigDecimal.ZERO;
      long written = 0;
      long alive = 0;
      long written30 = 0;
      long alive30 = 0;
      Set<String> shipped = new HashSet<>();
      for (Linked s : here) {
        SessionOutcome o = s.outcome();
        cost = cost.add(o.cost());
        written += o.aiLinesWritten();
        alive += o.aiLinesAliveAtHead();
        if (o.aiLinesAlive30d() != null) {
          written30 += o.aiLinesWritten();
          alive30 += o.aiLinesAlive30d();
        }
        if (o.shippedCommits() > 0) {
          shippedCost = shippedCost.add(o.cost());
        }
        s.links.stream().filter(CommitLink::shipped).forEach(l -> shipped.add(l.sha()));
      }
      List<CommitFact> commits = repository.commits();
      long shippedLines = 0;
      long reworked = 0;
      for (CommitFact commit : commits) {
        Long lines = commit.fate().reworked21d();
        if (shipped.contains(commit.sha()) && lines != null) {
          shippedLines += commit.fate().shipped();
          reworked += lines;
        }
      }
      result.add(
          new RepositoryOutcome(
              id,
              repository.ref().path(),
              suppressed,
              cost,
              here.size(),
              (int) commits.stream().filter(c -> !c.isMerge()).count(),
              shipped.size(),
              (int) commits.stream().filter(c -> c.aiAgent() != null).count(),
              written,
              alive,
              written30 == 0 ? null : (double) alive30 / written30,
              shipped.isEmpty() ? null : divide(shippedCost, shipped.size()),
              shippedLines == 0 ? null : (double) reworked / shippedLines,
              LineSurvival.byAuthorship(commits, now)));
    }
    return result;
  }

  /** Sessions by model (a session in each model it used, its cost split by model) or by source. */
  private static List<GroupOutcome> groups(
      List<Linked> sessions, boolean personal, int floor, boolean byModel) {
    Map<String, GroupSums> groups = new TreeMap<>();
    for (Linked s : sessions) {
      if (byModel) {
        s.spend
            .tokensByModel()
            .forEach(
                (model, tokens) ->
                    groups
                        .computeIfAbsent(model, k -> new GroupSums())
                        .add(
                            s, s.spend.costByModel().getOrDefault(model, BigDecimal.ZERO), tokens));
      } else {
        groups
            .computeIfAbsent(s.spend.source(), k -> new GroupSums())
            .add(s, s.spend.cost(), s.spend.tokens());
      }
    }
    List<GroupOutcome> result = new ArrayList<>();
    groups.forEach(
        (key, sums) ->
            result.add(
                new GroupOutcome(
                    key,
                    !personal && sums.owners.size() < floor,
                    sums.cost,
                    sums.tokens,
                    sums.sessions,
                    sums.shipped.size())));
    return result;
  }

  private static final class GroupSums {
    BigDecimal cost = BigDecimal.ZERO;
    long tokens;
    int sessions;
    final Set<String> owners = new HashSet<>();
    final Set<String> shipped = new HashSet<>();

    void add(Linked s, BigDecimal dollars, long groupTokens) {
      cost = cost.add(dollars);
      tokens += groupTokens;
      sessions++;
      owners.add(s.owner);
      s.links.stream().filter(CommitLink::shipped).forEach(l -> shipped.add(l.sha()));
    }
  }

  /**
   * Sessions ordered by cost and cut into ten groups of (nearly) equal size: what the cheapest
   * tenth shipped against the dearest. Fewer than ten sessions give one group per session.
   */
  private static List<EfficiencyBucket> efficiency(List<Linked> sessions) {
    List<Linked> byCost =
        sessions.stream().sorted(Comparator.comparing((Linked s) -> s.spend.cost())).toList();
    int buckets = Math.min(10, byCost.size());
    List<EfficiencyBucket> result = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      List<Linked> part =
          byCost.subList(b * byCost.size() / buckets, (b + 1) * byCost.size() / buckets);
      BigDecimal cost = BigDecimal.ZERO;
      BigDecimal shippedCost = BigDecimal.ZERO;
      Set<String> shipped = new HashSet<>();
      long alive = 0;
      for (Linked s : part) {
        cost = cost.add(s.spend.cost());
        alive += s.outcome().aiLinesAliveAtHead();
        if (s.shipped() > 0) {
          shippedCost = shippedCost.add(s.spend.cost());
        }
        s.links.stream().filter(CommitLink::shipped).forEach(l -> shipped.add(l.sha()));
      }
      result.add(
          new EfficiencyBucket(
              b + 1,
              part.size(),
              part.getFirst().spend.cost(),
              part.getLast().spend.cost(),
              cost,
              shipped.size(),
              alive,
              shipped.isEmpty() ? null : divide(shippedCost, shipped.size())));
    }
    return result;
  }

  private static List<WasteTotal> wasteTotals(List<Linked> sessions) {
    List<WasteTotal> result = new ArrayList<>();
    for (WasteSignal.Kind kind : WasteSignal.Kind.values()) {
      int count = 0;
      BigDecimal cost = BigDecimal.ZERO;
      for (Linked s : sessions) {
        if (s.outcome().waste().stream().anyMatch(w -> w.kind() == kind)) {
          count++;
          cost = cost.add(s.spend.cost());
        }
      }
      result.add(new WasteTotal(kind, count, cost));
    }
    return result;
  }

  /** The label of a day's ISO week, {@code 2026-W48}: how the report names its weeks. */
  public static String isoWeek(LocalDate day) {
    return "%d-W%02d"
        .formatted(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private static LocalDate day(Instant instant) {
    return instant.atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static BigDecimal divide(BigDecimal amount, int count) {
    return amount.divide(BigDecimal.valueOf(count), 6, RoundingMode.HALF_EVEN);
  }

  private static Instant earlier(Instant a, @Nullable Instant b) {
    return b != null && b.isBefore(a) ? b : a;
  }

  private static Instant later(Instant a, @Nullable Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }
}
