package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.outcome.OutcomeReport.RepositoryOutcome;
import dev.goodhart.metrics.survival.LineSurvival;
import dev.goodhart.model.git.CommitFact;
import java.time.Instant;
import java.util.ArrayList;
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
   * @param sessions the query's sessions
   * @param everyone every linked session: who wrote the head's lines does not depend on the query
   */
  static List<RepositoryOutcome> of(
      List<LinkedSession> sessions,
      List<LinkedSession> everyone,
      List<ScannedRepository> repositories,
      Instant now,
      boolean personal,
      int floor) {
    List<RepositoryOutcome> result = new ArrayList<>();
    for (ScannedRepository repository : repositories) {
      String id = repository.ref().id();
      List<LinkedSession> here =
          sessions.stream().filter(s -> id.equals(s.repositoryId())).toList();
      long owners = here.stream().map(s -> s.owner).distinct().count();
      boolean suppressed = !personal && owners < floor;
      SessionTally tally = new SessionTally();
      here.forEach(tally::add);
      Set<String> shipped = tally.shippedCommits;
      List<CommitFact> commits = repository.commits();
      long shippedLines = 0;
      long reworked = 0;
      long linesAtHead = 0;
      long byTrailers = 0;
      for (CommitFact commit : commits) {
        Long lines = commit.fate().reworked21d();
        if (shipped.contains(commit.sha()) && lines != null) {
          shippedLines += commit.fate().shipped();
          reworked += lines;
        }
        linesAtHead += commit.fate().aliveAtHead();
        byTrailers +=
            commit.aiAgent() != null ? commit.fate().aliveAtHead() : commit.fate().aiAliveAtHead();
      }
      Map<String, Long> byAgent = new TreeMap<>();
      for (LinkedSession s : everyone) {
        for (CommitLink link : s.links) {
          if (link.lines().byContent() && id.equals(link.repositoryId())) {
            byAgent.merge(s.spend.source(), link.lines().aliveAtHead(), Long::sum);
          }
        }
      }
      long byContent = byAgent.values().stream().mapToLong(Long::longValue).sum();
      result.add(
          new RepositoryOutcome(
              id,
              repository.ref().path(),
              suppressed,
              tally.cost,
              here.size(),
              (int) commits.stream().filter(c -> !c.isMerge()).count(),
              shipped.size(),
              (int) commits.stream().filter(c -> c.aiAgent() != null).count(),
              tally.written,
              tally.alive,
              tally.yield30d(),
              tally.costPerShippedCommit(),
              shippedLines == 0 ? null : (double) reworked / shippedLines,
              LineSurvival.byAuthorship(commits, now),
              linesAtHead,
              byContent,
              byTrailers,
              byAgent));
    }
    return result;
  }
}
