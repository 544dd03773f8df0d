package dev.goodhart.synthetic.org;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out, once a repository is built, what line provenance must find of its sessions: every line
 * each session wrote (its edits' new lines, at the moment of the edit), which commit on main
 * brought it, whether it entered main and is there at the head ({@link LineCredits} on {@link
 * GitLines}); and each session's links ({@link Landings}).
 */
final class ProvenanceTruth {
  private ProvenanceTruth() {}

  /**
   * The moment agents first wrote a line, in any repository: commits from then on are followed line
   * by line (earlier ones hold no agent's line).
   */
  static Optional<Instant> agentEra(List<SessionPlan> sessions) {
    Instant first = null;
    for (SessionPlan session : sessions) {
      List<Instant> edits = editTimes(session);
      for (int i = 0; i < session.changes.size(); i++) {
        if (!session.changes.get(i).written().isEmpty()
            && (first == null || edits.get(i).isBefore(first))) {
          first = edits.get(i);
        }
      }
    }
    return Optional.ofNullable(first);
  }

  static void follow(
      RepositoryModel repository,
      List<Task> tasks,
      List<SessionPlan> sessions,
      Optional<Instant> agentEra,
      Instant now) {
    List<SessionPlan> ordered = new ArrayList<>(sessions);
    ordered.sort(Comparator.comparing(SessionPlan::start));
    List<LineCredits.Written> all = new ArrayList<>();
    for (SessionPlan session : ordered) {
      List<LineCredits.Written> written = new ArrayList<>();
      List<Instant> edits = editTimes(session);
      for (int i = 0; i < session.changes.size(); i++) {
        FileChange change = session.changes.get(i);
        for (String text : change.written()) {
          written.add(
              new LineCredits.Written(session, change.path(), edits.get(i), text, all.size()));
          all.add(written.getLast());
        }
      }
      session.lines = List.copyOf(written);
      session.writtenLines = written.size();
    }
    GitLines lines = GitLines.read(tasks, new GitCommand(repository.path, now));
    LineCredits credits = new LineCredits(all);
    List<PlannedCommit> followed = new ArrayList<>();
    for (PlannedCommit commit : repository.commits) {
      if (lines.bySha.containsKey(commit.sha())
          && agentEra.isPresent()
          && !commit.committer.at().isBefore(agentEra.get())) {
        followed.add(commit);
      }
    }
    followed.sort(
        Comparator.comparing((PlannedCommit c) -> c.committer.at()).thenComparing(c -> c.sha()));
    for (PlannedCommit commit : followed) {
      credits.match(commit.sha(), commit.committer.at(), lines.bySha.get(commit.sha()));
    }
    credits.settle(lines);
    Landings landings = new Landings(repository, tasks, credits, lines);
    Map<SessionPlan, List<Landings.Link>> links = landings.link(ordered);
    links.forEach((session, list) -> session.links = List.copyOf(list));
    repository.landings = landings;
  }

  /** When each of the session's edits was made, in the order of its changes. */
  static List<Instant> editTimes(SessionPlan session) {
    return session.slots.stream()
        .filter(slot -> slot.kind() == SessionPlan.SlotKind.EDIT)
        .map(SessionPlan.Slot::at)
        .toList();
  }
}
