package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.provenance.LineProvenance;
import dev.goodhart.metrics.provenance.WrittenLines;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.RepositoryRef;
import dev.goodhart.model.git.RepositoryScan;
import dev.goodhart.store.Store;
import dev.goodhart.store.UsageFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    for (SessionSpend spend : spends) {
      SessionWork work = works.getOrDefault(spend.key(), SessionWork.NONE);
      String cwd = spend.cwd() != null ? spend.cwd() : work.cwd();
      ScannedRepository repository = repositoryOf(repositories, cwd, work.remoteUrl());
      String person = people.personOf(spend.machineId());
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
    WrittenLines written = lineProvenance ? writtenLines(signals, sessions) : new WrittenLines();
    LineProvenance provenance = follow(store, repositories, written, window, now);
    SessionLinker.Links links =
        SessionLinker.link(
            subjects, repositories, provenance, written.writtenBySession().keySet(), window);
    Set<String> withLines = written.writtenBySession().keySet();
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

  /** The lines the period's sessions wrote, as far as their logs carry the text. */
  private static WrittenLines writtenLines(
      List<SessionSignal> signals, List<LinkedSession> sessions) {
    Set<String> keys = new java.util.HashSet<>();
    sessions.forEach(s -> keys.add(s.key()));
    WrittenLines written = new WrittenLines();
    for (SessionSignal signal : signals) {
      String key = SessionSpend.key(signal.source(), signal.sessionId());
      if (signal.kind() == SessionSignal.Kind.EDIT
          && signal.lineHashCount() > 0
          && keys.contains(key)) {
        written.add(
            new WrittenLines.Edit(key, signal.filePath(), signal.timestamp(), signal.lineHashes()));
      }
    }
    return written;
  }

  /** Follows the lines into every repository's commits of the agent era. */
  private static LineProvenance follow(
      Store store,
      List<ScannedRepository> repositories,
      WrittenLines written,
      Duration window,
      Instant now) {
    LineProvenance provenance = new LineProvenance(written, window, now);
    if (written.writtenBySession().isEmpty()) {
      return provenance;
    }
    List<String> roots = repositories.stream().map(r -> r.ref().path()).toList();
    for (ScannedRepository repository : repositories) {
      Map<String, Instant> times = new HashMap<>();
      for (CommitFact commit : repository.commits()) {
        times.put(commit.sha(), commit.committedAt());
      }
      LineProvenance.Repository sink = provenance.repository(repository.ref().path(), roots, times);
      store.commitLines(repository.ref().id(), sink);
      sink.finish();
    }
    return provenance;
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

  private static Instant earlier(Instant a, @Nullable Instant b) {
    return b != null && b.isBefore(a) ? b : a;
  }

  private static Instant later(Instant a, @Nullable Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }
}
