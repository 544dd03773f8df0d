package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.provenance.LineProvenance;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.LineCredit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Links sessions to commits, strongest evidence first. From the session's own commits ({@link
 * OwnCommitLinks}): {@code exact} (a sha its tool output printed, resolved in its repository or in
 * any scanned one when its folder is unknown, or a commit whose trailers name it), {@code
 * rewritten} (the same patch id as a commit it printed that never reached the branch), {@code
 * squashed} (the merge of a pull request that carried a commit it printed, unless the commit landed
 * rewritten: a rebase merge's "merge commit" is the last commit it replayed). From its lines
 * ({@link LineProvenance}): a branch commit holding at least {@link #MIN_CONTENT_LINES} of the
 * lines it wrote (or all of the commit's, when it has fewer) is {@code squashed} when the session
 * made commits of its own, else {@code content}. Then {@code inferred} links, for commits nobody
 * claims by those: a commit in the session's repository, made between the session's start and
 * {@link #SLACK} after its end, by the session's person when the person is known, from a session
 * whose agent edited files or for a commit that carries AI evidence, unless the lines say otherwise
 * (the session's lines and the commit's are known, and none match). Confidence: 1 for all but
 * inferred links, which get 0.6, +0.2 when the author is the session's person, +0.1 when the commit
 * carries AI evidence, -0.1 when it came after the session's last request; a commit inferred for
 * several sessions goes to the most confident ones.
 *
 * <p>Cost rule: a session's cost is split over its commits in proportion to the links' confidence;
 * a commit's lines are the session's by line provenance where the lines are known, else shared
 * equally among the sessions that claim it ({@link LinkLines}).
 */
final class SessionLinker {
  /** People commit by hand right after an agent's work: half an hour covers review and tests. */
  static final Duration SLACK = Duration.ofMinutes(30);

  /**
   * A commit is linked by content when it holds this many lines a session wrote (lines that carry
   * information): one common line ({@code return None}) is no evidence that a commit is the
   * session's work.
   */
  static final int MIN_CONTENT_LINES = 2;

  private SessionLinker() {}

  /** A session as the linker sees it: where and when it ran, who ran it, what it printed. */
  record Subject(
      String key,
      String sessionId,
      Instant start,
      Instant end,
      @Nullable ScannedRepository repository,
      @Nullable String person,
      SessionWork work,
      BigDecimal cost) {

    Subject in(ScannedRepository other) {
      return new Subject(key, sessionId, start, end, other, person, work, cost);
    }
  }

  /** Every session's links by session key, and the printed shas no repository knows. */
  record Links(Map<String, List<CommitLink>> bySession, Map<String, List<String>> unresolved) {}

  static Links link(
      List<Subject> sessions,
      List<ScannedRepository> repositories,
      LineProvenance provenance,
      Set<String> sessionsWithLines,
      Duration window) {
    Map<String, ScannedRepository> repositoryOfCommit = new HashMap<>();
    Map<String, List<CommitFact>> commitsNamingSession = new HashMap<>();
    for (ScannedRepository repository : repositories) {
      for (CommitFact commit : repository.commits()) {
        repositoryOfCommit.put(commit.sha(), repository);
        for (String id : commit.sessionIds()) {
          commitsNamingSession.computeIfAbsent(id, k -> new ArrayList<>()).add(commit);
        }
      }
    }
    Map<String, List<CommitLink>> links = new LinkedHashMap<>();
    Map<String, List<String>> unresolved = new LinkedHashMap<>();
    Set<String> claimed = new HashSet<>();
    for (Subject session : sessions) {
      OwnCommitLinks.Found own =
          OwnCommitLinks.of(
              session, repositories, commitsNamingSession, repositoryOfCommit, window);
      Map<String, CommitLink> bySha = new LinkedHashMap<>();
      own.links().forEach(link -> OwnCommitLinks.add(bySha, link));
      contentLinks(session, provenance, repositoryOfCommit, bySha);
      bySha.values().forEach(link -> claimed.add(link.sha()));
      links.put(session.key(), new ArrayList<>(bySha.values()));
      unresolved.put(session.key(), own.unresolved());
    }
    InferredLinks.add(sessions, claimed, links, provenance, sessionsWithLines);
    for (Subject session : sessions) {
      List<CommitLink> list = links.get(session.key());
      list.replaceAll(
          link ->
              link.prNumber() != null
                  ? link
                  : link.withPullRequest(pullRequest(link, repositoryOfCommit)));
    }
    share(sessions, links);
    return new Links(links, unresolved);
  }

  /**
   * The branch commits holding enough of the session's lines: {@code squashed} when the session
   * made commits of its own (their work reached the branch as this one), else {@code content}.
   */
  private static void contentLinks(
      Subject session,
      LineProvenance provenance,
      Map<String, ScannedRepository> repositoryOfCommit,
      Map<String, CommitLink> bySha) {
    CommitLink.Kind kind =
        session.work().commits().isEmpty() ? CommitLink.Kind.CONTENT : CommitLink.Kind.SQUASHED;
    for (LineCredit credit : provenance.credits().getOrDefault(session.key(), List.of())) {
      ScannedRepository repository = repositoryOfCommit.get(credit.sha());
      if (repository == null || !enough(credit, provenance)) {
        continue;
      }
      OwnCommitLinks.add(
          bySha,
          OwnCommitLinks.link(
              session, repository, credit.sha(), repository.commit(credit.sha()), kind));
    }
  }

  /** Whether a session's lines in a commit are evidence enough that the commit is its work. */
  static boolean enough(LineCredit credit, LineProvenance provenance) {
    int needed = Math.min(MIN_CONTENT_LINES, provenance.ownNonTrivial(credit.sha()));
    return credit.informative() >= Math.max(1, needed);
  }

  private static @Nullable Integer pullRequest(
      CommitLink link, Map<String, ScannedRepository> repositoryOfCommit) {
    ScannedRepository repository = repositoryOfCommit.get(link.sha());
    return repository == null ? null : repository.pullRequestNumber(link.sha());
  }

  /** Lines shared among the sessions that claim a commit; cost split by confidence. */
  private static void share(List<Subject> sessions, Map<String, List<CommitLink>> links) {
    Map<String, Integer> claimants = new HashMap<>();
    links
        .values()
        .forEach(list -> list.forEach(link -> claimants.merge(link.sha(), 1, Integer::sum)));
    for (Subject session : sessions) {
      List<CommitLink> list = links.get(session.key());
      double weights = list.stream().mapToDouble(CommitLink::confidence).sum();
      List<CommitLink> shared = new ArrayList<>(list.size());
      for (CommitLink link : list) {
        BigDecimal cost =
            weights == 0
                ? BigDecimal.ZERO
                : session
                    .cost()
                    .multiply(BigDecimal.valueOf(link.confidence() / weights))
                    .setScale(6, RoundingMode.HALF_EVEN);
        shared.add(link.withShareAndCost(1.0 / claimants.get(link.sha()), cost));
      }
      links.put(session.key(), shared);
    }
  }
}
