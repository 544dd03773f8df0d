package dev.goodhart.metrics.outcome;

import dev.goodhart.metrics.provenance.LineProvenance;
import dev.goodhart.model.git.CommitFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links guessed from time and person, for commits no session claims by its own commits or its lines
 * (the rule is {@link SessionLinker}'s). Where a session's lines and a commit's lines are both
 * known and none match, the lines have spoken: no guess.
 */
final class InferredLinks {
  private InferredLinks() {}

  static void add(
      List<SessionLinker.Subject> sessions,
      Set<String> claimed,
      Map<String, List<CommitLink>> links,
      LineProvenance provenance,
      Set<String> sessionsWithLines) {
    Map<String, List<CommitLink>> candidates = new LinkedHashMap<>();
    for (SessionLinker.Subject session : sessions) {
      ScannedRepository repository = session.repository();
      if (repository == null) {
        continue;
      }
      for (CommitFact commit :
          repository.committedBetween(session.start(), session.end().plus(SessionLinker.SLACK))) {
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
        if (sessionsWithLines.contains(session.key())
            && provenance.knows(commit.sha())
            && provenance.credit(session.key(), commit.sha()) == null) {
          continue; // its lines are known, and none of them is in this commit
        }
        double confidence =
            0.6
                + (byPerson ? 0.2 : 0)
                + (aiEvidence ? 0.1 : 0)
                - (commit.committedAt().isAfter(session.end()) ? 0.1 : 0);
        candidates
            .computeIfAbsent(commit.sha(), k -> new ArrayList<>())
            .add(
                CommitLink.of(
                    session.key(),
                    repository.ref().id(),
                    commit.sha(),
                    commit,
                    CommitLink.Kind.INFERRED,
                    Math.round(confidence * 100) / 100.0,
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
}
