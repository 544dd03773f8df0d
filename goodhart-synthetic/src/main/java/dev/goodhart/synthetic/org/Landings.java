package dev.goodhart.synthetic.org;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How each session's work reached main, in one repository, as line provenance must find it: the
 * rule of goodhart's {@code SessionLinker} (DESIGN.md's link kinds) applied to what the
 * organisation knows happened. {@code exact}: a commit the session printed (on main, or off it
 * after a squash or a rebase); {@code rewritten}: main's replay of a printed commit (a rebase
 * merge, or a one-commit pull request squashed: the same change); {@code squashed}: the pull
 * request that carried a printed commit merged as this commit, or enough of the session's lines in
 * it; {@code content}: enough of its lines in a commit though it made none itself (a person
 * committed its edits); {@code inferred}: a commit of the session's person in its window that
 * nothing else claims, whose lines do not say otherwise. Each link carries the pull request the
 * commit came by, whether a successful production deployment holds it, and the session's lines in
 * it.
 */
final class Landings {
  /** People commit by hand right after an agent's work: the window of an inferred link. */
  static final Duration SLACK = Duration.ofMinutes(30);

  /** A commit holding this many of a session's informative lines is its work (or all of its). */
  static final int MIN_CONTENT_LINES = 2;

  /** A session's claim on a commit. */
  static final class Link {
    final PlannedCommit commit;
    String kind;
    final boolean onMain;
    double confidence = 1;
    long shipped;
    long alive;

    Link(PlannedCommit commit, String kind, boolean onMain) {
      this.commit = commit;
      this.kind = kind;
      this.onMain = onMain;
    }
  }

  private static final List<String> STRENGTH =
      List.of("exact", "rewritten", "squashed", "content", "inferred");

  private final RepositoryModel repository;
  private final List<Task> tasks;
  private final LineCredits credits;
  private final GitLines lines;
  private final Set<PlannedCommit> onMain;
  private final @Nullable Set<PlannedCommit> deployed;

  /** Main's commits by commit time. */
  private final List<PlannedCommit> mainByTime;

  private final Map<String, PlannedCommit> bySha = new HashMap<>();

  Landings(RepositoryModel repository, List<Task> tasks, LineCredits credits, GitLines lines) {
    this.repository = repository;
    this.tasks = tasks;
    this.credits = credits;
    this.lines = lines;
    this.onMain = ancestors(List.of(repository.main().tip));
    List<PlannedCommit> heads =
        repository.deployments.stream()
            .filter(PlannedDeployment::succeeded)
            .map(PlannedDeployment::commit)
            .toList();
    this.deployed = heads.isEmpty() ? null : ancestors(heads);
    this.mainByTime =
        repository.commits.stream()
            .filter(onMain::contains)
            .sorted(Comparator.comparing((PlannedCommit c) -> c.committer.at()))
            .toList();
    repository.commits.forEach(commit -> bySha.put(commit.sha(), commit));
  }

  /** The links of every session of the repository. */
  Map<SessionPlan, List<Link>> link(List<SessionPlan> sessions) {
    Map<SessionPlan, List<Link>> links = new LinkedHashMap<>();
    Set<PlannedCommit> claimed = new HashSet<>();
    for (SessionPlan session : sessions) {
      Map<PlannedCommit, Link> bySha = new LinkedHashMap<>();
      own(session, bySha);
      content(session, bySha);
      bySha.keySet().forEach(claimed::add);
      links.put(session, new ArrayList<>(bySha.values()));
    }
    inferred(sessions, claimed, links);
    Map<PlannedCommit, Integer> claimants = new HashMap<>();
    links.values().forEach(list -> list.forEach(l -> claimants.merge(l.commit, 1, Integer::sum)));
    links.forEach((session, list) -> list.forEach(link -> lines(session, link, claimants)));
    return links;
  }

  /**
   * Whether a production deployment holds the commit (every commit on main, when none is known).
   */
  boolean deployed(PlannedCommit commit) {
    return deployed == null || deployed.contains(commit);
  }

  /**
   * The pull request a commit on main came by: its own (a merge, a squash, a rebased commit), or
   * the one whose merge brought its branch.
   */
  @Nullable Integer pullRequest(PlannedCommit commit) {
    if (commit.pullRequest != null) {
      return commit.pullRequest;
    }
    for (Task task : tasks) {
      if (task.ending == Task.Ending.MERGE
          && task.landed != null
          && task.commits.contains(commit)) {
        return task.pullRequest;
      }
    }
    return null;
  }

  private void own(SessionPlan session, Map<PlannedCommit, Link> links) {
    for (PlannedCommit printed : printed(session)) {
      if (onMain.contains(printed)) {
        add(links, printed, "exact");
        continue;
      }
      add(links, printed, "exact");
      Instant from = printed.committer.at();
      for (PlannedCommit commit : repository.commits) {
        Instant at = commit.committer.at();
        if (onMain.contains(commit)
            && commit.parents.size() < 2
            && sameChange(commit, printed)
            && !at.isBefore(from)
            && !at.isAfter(from.plus(LineCredits.WINDOW))) {
          add(links, commit, "rewritten");
        }
      }
      for (Task task : tasks) {
        PlannedCommit merged = task.landed;
        // GitHub names the last commit of a rebase merge the pull request's merge commit: that
        // one is the session's work only when it replays one of its commits (rewritten, above).
        if (merged != null
            && (task.ending == Task.Ending.MERGE || task.ending == Task.Ending.SQUASH)
            && task.commits.contains(printed)) {
          add(links, merged, "squashed");
        }
      }
    }
  }

  private void content(SessionPlan session, Map<PlannedCommit, Link> links) {
    String kind = printed(session).isEmpty() ? "content" : "squashed";
    credits
        .credits(session)
        .forEach(
            (sha, credit) -> {
              int needed = Math.min(MIN_CONTENT_LINES, credits.ownNonTrivial(sha));
              if (credit.nonTrivial >= Math.max(1, needed)) {
                add(links, commit(sha), kind);
              }
            });
  }

  /** A session's guess at a commit, with its confidence. */
  private record Claim(SessionPlan session, double confidence) {}

  private void inferred(
      List<SessionPlan> sessions, Set<PlannedCommit> claimed, Map<SessionPlan, List<Link>> links) {
    Map<PlannedCommit, List<Claim>> candidates = new LinkedHashMap<>();
    for (SessionPlan session : sessions) {
      Instant end = session.end().plus(SLACK);
      boolean withLines = session.writtenLines > 0;
      for (PlannedCommit commit : mainByTime) {
        Instant at = commit.committer.at();
        if (at.isBefore(session.start()) || at.isAfter(end)) {
          continue;
        }
        if (commit.parents.size() > 1
            || claimed.contains(commit)
            || !commit.author.email().equals(session.person.email())) {
          continue;
        }
        boolean aiEvidence = CommitMessages.marksAnAgent(commit.message);
        if (!withLines && !aiEvidence) {
          continue;
        }
        if (withLines
            && credits.knows(commit.sha())
            && credits.credit(session, commit.sha()) == null) {
          continue;
        }
        double confidence =
            0.6 + 0.2 + (aiEvidence ? 0.1 : 0) - (at.isAfter(session.end()) ? 0.1 : 0);
        candidates
            .computeIfAbsent(commit, c -> new ArrayList<>())
            .add(new Claim(session, Math.round(confidence * 100) / 100.0));
      }
    }
    candidates.forEach(
        (commit, claims) -> {
          double best = claims.stream().mapToDouble(Claim::confidence).max().orElse(0);
          for (Claim claim : claims) {
            if (claim.confidence() >= best) {
              Link link = new Link(commit, "inferred", true);
              link.confidence = claim.confidence();
              links.get(claim.session()).add(link);
            }
          }
        });
  }

  /**
   * The session's lines in a commit on main: those matched by content; none for a commit whose
   * lines are known and are not its (unless it is its own); else the commit's lines shared among
   * the sessions that claim it.
   */
  private void lines(SessionPlan session, Link link, Map<PlannedCommit, Integer> claimants) {
    if (!link.onMain) {
      return;
    }
    LineCredits.Credit credit = credits.credit(session, link.commit.sha());
    if (credit != null && credit.lines > 0) {
      link.shipped = credit.shipped;
      link.alive = credit.alive;
      return;
    }
    boolean own = link.kind.equals("exact") || link.kind.equals("rewritten");
    if (session.writtenLines > 0 && credits.knows(link.commit.sha()) && !own) {
      return;
    }
    double share = 1.0 / claimants.get(link.commit);
    long shipped = 0;
    long alive = 0;
    for (GitLines.FileLines file : lines.bySha.getOrDefault(link.commit.sha(), List.of())) {
      lines.settle(file);
      for (int i = 0; i < file.size(); i++) {
        shipped += file.entered()[i] ? 1 : 0;
        alive += file.alive()[i] ? 1 : 0;
      }
    }
    link.shipped = Math.round(share * shipped);
    link.alive = Math.round(share * alive);
  }

  private static List<PlannedCommit> printed(SessionPlan session) {
    return session.commits.stream().filter(c -> c.kind == PlannedCommit.Kind.AGENT).toList();
  }

  /** The same change: the same files from the same contents to the same contents. */
  private static boolean sameChange(PlannedCommit a, PlannedCommit b) {
    return a != b && a.changes.equals(b.changes) && a.before.equals(b.before);
  }

  private void add(Map<PlannedCommit, Link> links, PlannedCommit commit, String kind) {
    Link before = links.get(commit);
    if (before == null) {
      links.put(commit, new Link(commit, kind, onMain.contains(commit)));
    } else if (STRENGTH.indexOf(kind) < STRENGTH.indexOf(before.kind)) {
      before.kind = kind;
    }
  }

  private PlannedCommit commit(String sha) {
    PlannedCommit commit = bySha.get(sha);
    if (commit == null) {
      throw new IllegalStateException("no commit " + sha + " in " + repository.domain.name());
    }
    return commit;
  }

  private static Set<PlannedCommit> ancestors(List<PlannedCommit> heads) {
    Set<PlannedCommit> seen = new HashSet<>();
    Deque<PlannedCommit> queue = new ArrayDeque<>(heads);
    while (!queue.isEmpty()) {
      PlannedCommit commit = queue.pop();
      if (seen.add(commit)) {
        queue.addAll(commit.parents);
      }
    }
    return seen;
  }
}
