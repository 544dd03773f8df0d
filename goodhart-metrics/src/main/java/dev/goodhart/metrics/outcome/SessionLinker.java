package dev.goodhart.metrics.outcome;

import dev.goodhart.model.git.CommitFact;
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
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Links sessions to commits. Exact links first: a sha the session's own tool output printed
 * (resolved in the session's repository, or in any scanned one when the session's folder is
 * unknown), or a commit whose trailers name the session. Then inferred links, for commits no
 * session claims exactly: a commit in the session's repository, made between the session's start
 * and {@link #SLACK} after its end, by the session's person when the person is known, from a
 * session whose agent edited files or for a commit that carries AI evidence. Confidence: 0.6, +0.2
 * when the author is the session's person, +0.1 when the commit carries AI evidence, -0.1 when it
 * came after the session's last request. A commit inferred for several sessions goes to the most
 * confident ones.
 *
 * <p>Cost rule: a session's cost is split over its commits in proportion to the links' confidence;
 * a commit's lines are shared equally among the sessions that claim it.
 */
final class SessionLinker {
  /** People commit by hand right after an agent's work: half an hour covers review and tests. */
  static final Duration SLACK = Duration.ofMinutes(30);

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
      BigDecimal cost) {}

  /** The links of every session, by session key. */
  static Map<String, List<CommitLink>> link(
      List<Subject> sessions, List<ScannedRepository> repositories) {
    Map<String, List<CommitLink>> links = new LinkedHashMap<>();
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
    Set<String> claimed = new HashSet<>();
    for (Subject session : sessions) {
      List<CommitLink> exact =
          exactLinks(session, repositories, repositoryOfCommit, commitsNamingSession);
      exact.forEach(link -> claimed.add(link.sha()));
      links.put(session.key(), exact);
    }
    inferLinks(sessions, claimed, links);
    share(sessions, links);
    return links;
  }

  private static List<CommitLink> exactLinks(
      Subject session,
      List<ScannedRepository> repositories,
      Map<String, ScannedRepository> repositoryOfCommit,
      Map<String, List<CommitFact>> commitsNamingSession) {
    Map<String, CommitLink> bySha = new LinkedHashMap<>();
    for (SessionWork.PrintedCommit printed : session.work().commits()) {
      Optional<CommitFact> found = Optional.empty();
      ScannedRepository where = session.repository();
      if (where != null) {
        found = where.resolve(printed.ref());
      } else {
        for (ScannedRepository repository : repositories) {
          found = repository.resolve(printed.ref());
          if (found.isPresent()) {
            where = repository;
            break;
          }
        }
      }
      String repositoryId = where == null ? null : where.ref().id();
      CommitFact commit = found.orElse(null);
      String sha = commit != null ? commit.sha() : printed.ref();
      bySha.putIfAbsent(
          sha,
          new CommitLink(
              session.key(),
              repositoryId,
              sha,
              commit,
              CommitLink.Kind.EXACT,
              1.0,
              1.0,
              BigDecimal.ZERO,
              commit != null && where != null && where.awaitingDeployment(commit)));
    }
    for (CommitFact commit : commitsNamingSession.getOrDefault(session.sessionId(), List.of())) {
      bySha.putIfAbsent(
          commit.sha(),
          new CommitLink(
              session.key(),
              repositoryOfCommit.get(commit.sha()).ref().id(),
              commit.sha(),
              commit,
              CommitLink.Kind.EXACT,
              1.0,
              1.0,
              BigDecimal.ZERO,
              repositoryOfCommit.get(commit.sha()).awaitingDeployment(commit)));
    }
    // An unresolved abbreviation that is the prefix of a resolved sha is the same commit.
    List<CommitLink> result = new ArrayList<>();
    for (CommitLink link : bySha.values()) {
      boolean duplicate =
          link.commit() == null
              && bySha.keySet().stream()
                  .anyMatch(s -> s.length() > link.sha().length() && s.startsWith(link.sha()));
      if (!duplicate) {
        result.add(link);
      }
    }
    return result;
  }

  private static void inferLinks(
      List<Subject> sessions, Set<String> claimed, Map<String, List<CommitLink>> links) {
    Map<String, List<CommitLink>> candidates = new LinkedHashMap<>();
    for (Subject session : sessions) {
      ScannedRepository repository = session.repository();
      if (repository == null) {
        continue;
      }
      for (CommitFact commit :
          repository.committedBetween(session.start(), session.end().plus(SLACK))) {
        if (commit.isMerge() || claimed.contains(commit.sha())) {
          continue;
        }
        boolean byPerson =
            session.person() != null && session.person().equals(commit.authorEmail());
        if (session.person() != null && !byPerson) {
          continue;
        }
        boolean aiEvidence = commit.aiAgent() != null;
        if (session.work().linesWritten() == 0 && !aiEvidence) {
          continue;
        }
        double confidence =
            0.6
                + (byPerson ? 0.2 : 0)
                + (aiEvidence ? 0.1 : 0)
                - (commit.committedAt().isAfter(session.end()) ? 0.1 : 0);
        candidates
            .computeIfAbsent(commit.sha(), k -> new ArrayList<>())
            .add(
                new CommitLink(
                    session.key(),
                    repository.ref().id(),
                    commit.sha(),
                    commit,
                    CommitLink.Kind.INFERRED,
                    round(confidence),
                    1.0,
                    BigDecimal.ZERO,
                    repository.awaitingDeployment(commit)));
      }
    }
    for (List<CommitLink> claims : candidates.values()) {
      double best = claims.stream().mapToDouble(CommitLink::confidence).max().orElse(0);
      for (CommitLink claim : claims) {
        if (claim.confidence() >= best) {
          links.get(claim.sessionKey()).add(claim);
        }
      }
    }
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

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
