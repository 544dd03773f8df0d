package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.outcome.OutcomeReport.RepositoryOutcome;
import dev.goodhart.metrics.survival.LineSurvival;
import dev.goodhart.metrics.survival.SurvivalCurve;
import dev.goodhart.model.git.CommitFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per scanned repository: the spend and outcomes of the sessions that ran in it, and who wrote the
 * lines at its head: agents by line provenance, and agents by what the commits say of themselves.
 */
final class RepositoryFigures {
  private RepositoryFigures() {}

  /**
   * What a repository's figures are whatever the query: its commits, who wrote its head's lines,
   * their survival. Computed once per linking; a server's forty team views each computed them again
   * for every repository, with a pass over every session for each (19 of /teams' 20 s at 10M
   * events).
   */
  record Head(
      int commits,
      int aiCommits,
      long linesAtHead,
      long byTrailers,
      Map<String, Long> byAgent,
      Map<String, SurvivalCurve> survival) {}

  /**
   * @param everyone every linked session: who wrote the head's lines does not depend on the query
   */
  static Map<String, Head> heads(
      List<LinkedSession> everyone, List<ScannedRepository> repositories, Instant now) {
    Map<String, Map<String, Long>> byAgent = new HashMap<>();
    for (LinkedSession s : everyone) {
      for (CommitLink link : s.links) {
        if (link.lines().byContent()) {
          byAgent
              .computeIfAbsent(link.repositoryId(), k -> new TreeMap<>())
              .merge(s.spend.source(), link.lines().aliveAtHead(), Long::sum);
        }
      }
    }
    Map<String, Head> heads = new HashMap<>();
    for (ScannedRepository repository : repositories) {
      String id = repository.ref().id();
      List<CommitFact> commits = repository.commits();
      long linesAtHead = 0;
      long byTrailers = 0;
      for (CommitFact commit : commits) {
        linesAtHead += commit.fate().aliveAtHead();
        byTrailers +=
            commit.aiAgent() != null ? commit.fate().aliveAtHead() : commit.fate().aiAliveAtHead();
      }
      heads.put(
          id,
          new Head(
              (int) commits.stream().filter(c -> !c.isMerge()).count(),
              (int) commits.stream().filter(c -> c.aiAgent() != null).count(),
              linesAtHead,
              byTrailers,
              byAgent.getOrDefault(id, new TreeMap<>()),
              LineSurvival.byAuthorship(commits, now)));
    }
    return heads;
  }

  /**
   * @param sessions the query's sessions
   * @param heads each repository's {@link #heads}
   */
  static List<RepositoryOutcome> of(
      List<LinkedSession> sessions,
      Map<String, Head> heads,
      List<ScannedRepository> repositories,
      boolean personal,
      int floor) {
    Map<String, List<LinkedSession>> byRepository = new HashMap<>();
    for (LinkedSession s : sessions) {
      String id = s.repositoryId();
      if (id != null) {
        byRepository.computeIfAbsent(id, k -> new ArrayList<>()).add(s);
      }
    }
    List<RepositoryOutcome> result = new ArrayList<>();
    for (ScannedRepository repository : repositories) {
      String id = repository.ref().id();
      Head head = heads.get(id);
      List<LinkedSession> here = byRepository.getOrDefault(id, List.of());
      long owners = here.stream().map(s -> s.owner).distinct().count();
      boolean suppressed = !personal && owners < floor;
      SessionTally tally = new SessionTally();
      here.forEach(tally::add);
      Set<String> shipped = tally.shippedCommits;
      long shippedLines = 0;
      long reworked = 0;
      for (String sha : shipped) {
        CommitFact commit = repository.commit(sha);
        Long lines = commit == null ? null : commit.fate().reworked21d();
        if (lines != null) {
          shippedLines += commit.fate().shipped();
          reworked += lines;
        }
      }
      long byContent = head.byAgent().values().stream().mapToLong(Long::longValue).sum();
      result.add(
          new RepositoryOutcome(
              id,
              repository.ref().path(),
              suppressed,
              tally.cost,
              here.size(),
              head.commits(),
              shipped.size(),
              head.aiCommits(),
              tally.written,
              tally.alive,
              tally.yield30d(),
              tally.costPerShippedCommit(),
              shippedLines == 0 ? null : (double) reworked / shippedLines,
              head.survival(),
              head.linesAtHead(),
              byContent,
              head.byTrailers(),
              head.byAgent()));
    }
    return result;
  }
}
