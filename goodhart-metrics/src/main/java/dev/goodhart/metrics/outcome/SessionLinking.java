package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.provenance.LineProvenance;
import dev.goodhart.metrics.provenance.WrittenLines;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.SharedStrings;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.ProvenanceResult;
import dev.goodhart.model.git.RepositoryRef;
import dev.goodhart.model.git.RepositoryScan;
import dev.goodhart.store.Store;
import dev.goodhart.store.UsageFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything the report's figures are computed from: the scanned repositories with what they know
 * of commits that landed under another sha, the sessions of the period with their spend and work,
 * each placed in its repository, its lines followed into commits ({@link LineProvenance}), linked
 * to its commits ({@link SessionLinker}) and checked for waste. Every session is linked, whatever
 * the query: who else touched a commit or ran in parallel matters to each.
 */
final class SessionLinking {
  final List<ScannedRepository> repositories;
  final List<LinkedSession> sessions;
  final LineProvenance provenance;

  private SessionLinking(
      List<ScannedRepository> repositories,
      List<LinkedSession> sessions,
      LineProvenance provenance) {
    this.repositories = repositories;
    this.sessions = sessions;
    this.provenance = provenance;
  }

  static SessionLinking of(
      Store store,
      Pricer pricer,
      People people,
      Delivery delivery,
      UsageFilter filter,
      Duration window,
      boolean lineProvenance,
      Instant now) {
    List<ScannedRepository> repositories = repositories(store, delivery, lineProvenance);
    List<SessionSpend> spends = SpendBySession.read(store, pricer, filter);
    List<SessionSignal> signals = store.signals();
    Map<String, SessionWork> works = SessionWork.bySession(signals);

    List<LinkedSession> sessions = new ArrayList<>();
    List<SessionLinker.Subject> subjects = new ArrayList<>();
    SharedStrings persons = new SharedStrings();
    for (SessionSpend spend : spends) {
      SessionWork work = works.getOrDefault(spend.key(), SessionWork.NONE);
      String cwd = spend.cwd() != null ? spend.cwd() : work.cwd();
      ScannedRepository repository = repositoryOf(repositories, cwd, work.remoteUrl());
      String person = persons.ofNullable(people.personOf(spend.machineId()));
      SessionLinker.Subject subject =
          new SessionLinker.Subject(
              spend.key(),
              spend.sessionId(),
              earlier(spend.start(), work.first()),
              later(spend.end(), work.last()),
              repository,
              person,
              work,
              spend.cost());
      subjects.add(subject);
      sessions.add(
          new LinkedSession(spend, work, subject, person != null ? person : spend.machineId()));
    }
    LineProvenance provenance =
        lineProvenance
            ? follow(store, repositories, window, now)
            : new LineProvenance(new WrittenLines(), window, now);
    Set<String> withLines = new HashSet<>();
    if (lineProvenance) {
      store
          .sessionsWithWrittenLines()
          .forEach(session -> withLines.add(SessionSpend.key(session[0], session[1])));
    }
    SessionLinker.Links links =
        SessionLinker.link(subjects, repositories, provenance, withLines, window);
    for (LinkedSession s : sessions) {
      List<CommitLink> list = new ArrayList<>(links.bySession().get(s.key()));
      LinkLines.assign(list, s.key(), provenance, withLines);
      s.links = List.copyOf(list);
      s.unresolved = links.unresolved().getOrDefault(s.key(), List.of());
      s.placeByLinks(repositories);
    }
    return new SessionLinking(repositories, sessions, provenance);
  }

  private static List<ScannedRepository> repositories(
      Store store, Delivery delivery, boolean lineProvenance) {
    List<ScannedRepository> repositories = new ArrayList<>();
    for (RepositoryScan.Summary summary : store.repositories()) {
      RepositoryRef ref = summary.repository();
      ScannedRepository repository =
          new ScannedRepository(
              ref, store.commits(ref.id()), delivery.deployedHeads(ref.fullName()));
      if (lineProvenance) {
        repository.withEvidence(
            store.printedCommits(ref.id()),
            store.patchIds(ref.id()),
            delivery.pullRequests(ref.fullName()));
      }
      repositories.add(repository);
    }
    return repositories;
  }

  /**
   * Follows every session's lines into every repository's commits of the agent era: every
   * session's, whatever the query, since a line is its latest writer's. The results are kept in the
   * store with a fingerprint of what they came from, and read back while it holds.
   */
  private static LineProvenance follow(
      Store store, List<ScannedRepository> repositories, Duration window, Instant now) {
    Map<String, Instant> times = new HashMap<>();
    StringBuilder fingerprint = new StringBuilder(RULES).append('|').append(window).append('|');
    fingerprint.append(store.writtenLinesFingerprint());
    for (ScannedRepository repository : repositories) {
      repository.commits().forEach(commit -> times.put(commit.sha(), commit.committedAt()));
    }
    Map<String, Instant> linesSince = new HashMap<>();
    for (RepositoryScan.Summary scan : store.repositories()) {
      RepositoryRef ref = scan.repository();
      if (scan.linesSince() != null) {
        linesSince.put(ref.id(), scan.linesSince());
      }
      fingerprint.append('|').append(ref.id()).append(':').append(ref.path()).append(':');
      fingerprint.append(ref.head()).append(':').append(scan.scannedAt());
      fingerprint.append(':').append(scan.linesSince());
    }
    Optional<ProvenanceResult> kept = store.provenance(fingerprint.toString());
    if (kept.isPresent()) {
      return LineProvenance.restore(kept.get(), times, window, now);
    }
    WrittenLines lines = new WrittenLines();
    store.writtenLines(
        signal ->
            lines.add(
                new WrittenLines.Edit(
                    SessionSpend.key(signal.source(), signal.sessionId()),
                    signal.filePath(),
                    signal.timestamp(),
                    signal.lineHashes())));
    LineProvenance provenance = new LineProvenance(lines, window, now);
    List<String> roots = repositories.stream().map(r -> r.ref().path()).toList();
    for (ScannedRepository repository : repositories) {
      Map<String, Instant> commitTimes = new HashMap<>();
      Map<String, Long> ownLines = new HashMap<>();
      Instant since = linesSince.get(repository.ref().id());
      for (CommitFact commit : repository.commits()) {
        commitTimes.put(commit.sha(), commit.committedAt());
        if (since != null && !commit.committedAt().isBefore(since)) {
          ownLines.put(commit.sha(), commit.fate().written());
        }
      }
      LineProvenance.Repository sink =
          provenance.repository(
              repository.ref().id(), repository.ref().path(), roots, commitTimes, ownLines);
      store.commitLines(repository.ref().id(), sink);
      sink.finish();
    }
    try {
      store.saveProvenance(provenance.result(fingerprint.toString()));
    } catch (GoodhartException e) {
      // Kept results only save work: a report that cannot keep them is still right.
    }
    return provenance;
  }

  /** The version of line provenance's rules: results kept under another are computed again. */
  private static final String RULES = "provenance-1";

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

  private static Instant earlier(Instant a, @Nullable Instant b) {
    return b != null && b.isBefore(a) ? b : a;
  }

  private static Instant later(Instant a, @Nullable Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }
}
