package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.org.SessionPlan.SlotKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Makes one repository's history from the plan, in time order: each session's edits when it starts
 * (on the files it holds), its commits when its outline says, people's own commits, reviewers'
 * rewrites, pull requests landing (a merge commit, a squash, or each commit rebased onto main),
 * reverts, and the deployments of main to production.
 */
final class Simulation {
  private sealed interface Event
      permits Starts, Commits, Releases, HumanCommits, Reviews, Closes, Reverts, Deploys {
    Instant at();
  }

  private record Starts(Instant at, SessionPlan session) implements Event {}

  private record Commits(Instant at, SessionPlan session, int index, boolean byHand)
      implements Event {}

  private record Releases(Instant at, Object holder) implements Event {}

  private record HumanCommits(Instant at, HumanWork work) implements Event {}

  private record Reviews(Instant at, Task task) implements Event {}

  private record Closes(Instant at, Task task) implements Event {}

  private record Deploys(Instant at) implements Event {}

  private record Reverts(Instant at, RevertAttempt attempt) implements Event {}

  private final RepositoryModel repository;
  private final Random random;
  private final Wording wording;
  private final DeployPipeline pipeline;
  private final Set<Integer> revertedGroups = new HashSet<>();

  Simulation(RepositoryModel repository, Random random, OrganisationSpec spec) {
    this.repository = repository;
    this.random = random;
    this.wording = new Wording(random);
    this.pipeline = new DeployPipeline(repository, random, spec);
  }

  void run(Planner.Plan plan) {
    List<Event> events = new ArrayList<>();
    for (SessionPlan session : plan.sessions()) {
      if (session.repository != repository.index) {
        continue;
      }
      events.add(new Starts(session.start(), session));
      int index = 0;
      for (SessionPlan.Slot slot : session.slots) {
        if (slot.kind() == SlotKind.COMMIT) {
          events.add(new Commits(slot.at(), session, index++, false));
        }
      }
      for (Instant at : session.handCommitTimes) {
        events.add(new Commits(at, session, index++, true));
      }
      if (session.reserves() && session.task == null) {
        events.add(new Releases(session.busyUntil().plusSeconds(1), session));
      }
    }
    plan.work().stream()
        .filter(work -> work.repository() == repository.index)
        .forEach(work -> events.add(new HumanCommits(work.at(), work)));
    plan.tasks().stream()
        .filter(task -> task.repository == repository.index && task.closesAt != null)
        .forEach(
            task -> {
              if (task.reviewerRewrites && task.reviewAt != null) {
                events.add(new Reviews(task.reviewAt, task));
              }
              events.add(new Closes(Objects.requireNonNull(task.closesAt), task));
            });
    pipeline.times().forEach(at -> events.add(new Deploys(at)));
    plan.reverts().stream()
        .filter(attempt -> attempt.repository() == repository.index)
        .forEach(attempt -> events.add(new Reverts(attempt.at(), attempt)));
    events.sort(Comparator.comparing(Event::at));
    for (Event event : events) {
      switch (event) {
        case Starts starts -> start(starts.session());
        case Commits commits -> commit(commits);
        case Releases releases -> repository.release(releases.holder());
        case HumanCommits human -> human(human.work());
        case Reviews reviews -> review(reviews.task());
        case Closes closes -> close(closes.task(), closes.at());
        case Reverts reverts -> revert(reverts.attempt());
        case Deploys deploys -> pipeline.deploy(deploys.at());
      }
    }
  }

  /** Works out all of a session's edits, and which of them each of its commits holds. */
  private void start(SessionPlan session) {
    Branch branch = repository.branch(session.branch);
    Task task = session.task;
    if (task != null) {
      task.started = true;
    }
    session.head = branch.tip;
    session.knownFiles.addAll(branch.files.keySet());
    TreeMap<String, SourceFile> working = new TreeMap<>(branch.files);
    Object holder = null;
    List<String> allowed;
    if (!session.reserves()) {
      allowed = unheldChoice(session, working);
    } else if (task != null) {
      if (task.files.isEmpty()) {
        task.files.addAll(repository.holdFree(1 + random.nextInt(2), task, branch));
      }
      allowed = new ArrayList<>(task.files);
      holder = task;
    } else {
      allowed = repository.holdFree(1 + random.nextInt(3), session, branch);
      holder = session;
    }
    Set<String> pending = new HashSet<>();
    Set<String> changed = new TreeSet<>();
    for (SessionPlan.Slot slot : session.slots) {
      if (slot.kind() == SlotKind.EDIT) {
        FileChange change = repository.editor.agentEdit(working, allowed, pending, true);
        if (change.before() == null && holder != null) {
          repository.hold(change.path(), holder);
          if (task != null) {
            task.files.add(change.path());
          }
        }
        working.put(change.path(), change.after());
        session.changes.add(change);
        changed.add(change.path());
      } else if (slot.kind() == SlotKind.COMMIT) {
        session.commitFiles.add(files(working, changed));
        changed.clear();
        pending.clear();
      }
    }
    List<String> left = new ArrayList<>(changed);
    int groups = Math.min(session.handCommitTimes.size(), left.size());
    for (int group = 0; group < groups; group++) {
      int from = left.size() * group / groups;
      int to = left.size() * (group + 1) / groups;
      session.commitFiles.add(files(working, left.subList(from, to)));
    }
  }

  /** The files a session that commits nothing edits: its twin's, or any. */
  private List<String> unheldChoice(SessionPlan session, Map<String, SourceFile> working) {
    List<String> files = new ArrayList<>();
    if (session.primary != null) {
      Object twin = session.primary.task != null ? session.primary.task : session.primary;
      repository.heldBy(twin).stream().filter(working::containsKey).forEach(files::add);
    }
    List<String> all = new ArrayList<>(working.keySet());
    for (int i = 1 + random.nextInt(2); files.isEmpty() && i > 0; i--) {
      files.add(all.get(random.nextInt(all.size())));
    }
    return files;
  }

  private static Map<String, SourceFile> files(
      Map<String, SourceFile> working, java.util.Collection<String> names) {
    Map<String, SourceFile> files = new TreeMap<>();
    names.forEach(name -> files.put(name, working.get(name)));
    return files;
  }

  private void commit(Commits event) {
    SessionPlan session = event.session();
    if (event.index() >= session.commitFiles.size()) {
      return;
    }
    Map<String, SourceFile> files = session.commitFiles.get(event.index());
    Signature who = Signature.of(session.person, seconds(event.at()));
    String message =
        event.byHand()
            ? CommitMessages.byHand(wording.humanSubject(session.topic))
            : CommitMessages.byAgent(session, wording.subject(session.topic), wording.body());
    PlannedCommit commit =
        repository.commit(
            repository.branch(session.branch),
            List.of(),
            new TreeMap<>(files),
            who,
            who,
            message,
            event.byHand() ? PlannedCommit.Kind.HAND_AFTER_SESSION : PlannedCommit.Kind.AGENT);
    commit.session = session;
    session.commits.add(commit);
    onTask(session.task, commit);
  }

  private void human(HumanWork work) {
    Task task = work.task();
    Branch branch = repository.branch(task != null ? task.branch : RepositoryModel.MAIN);
    List<String> candidates = new ArrayList<>();
    if (task != null) {
      task.started = true;
      if (task.files.isEmpty()) {
        task.files.addAll(repository.holdFree(1, task, branch));
      }
      candidates.addAll(task.files);
    } else {
      branch.files.keySet().stream().filter(f -> !repository.isHeld(f)).forEach(candidates::add);
    }
    Map<String, @Nullable SourceFile> changes = new TreeMap<>();
    if (candidates.isEmpty() || random.nextInt(100) < 6) {
      SourceFile created = repository.code.newFile(branch.files.keySet());
      changes.put(created.path(), created);
      if (task != null) {
        repository.hold(created.path(), task);
        task.files.add(created.path());
      }
    } else {
      String path = candidates.get(random.nextInt(candidates.size()));
      Map<String, SourceFile> working = new TreeMap<>(branch.files);
      for (int edits = random.nextInt(10) < 3 ? 2 : 1; edits > 0; edits--) {
        working.put(path, repository.editor.humanEdit(working, path).after());
      }
      changes.put(path, working.get(path));
    }
    Signature who = Signature.of(work.person(), seconds(work.at()));
    String message = CommitMessages.byHand(wording.humanSubject(work.topic()));
    PlannedCommit commit =
        repository.commit(branch, List.of(), changes, who, who, message, PlannedCommit.Kind.HUMAN);
    onTask(task, commit);
  }

  /** A commit on a task's branch; the first one opens its pull request a few minutes later. */
  private void onTask(@Nullable Task task, PlannedCommit commit) {
    if (task != null) {
      task.commits.add(commit);
      task.changed.addAll(commit.changes.keySet());
      if (task.pullRequest == null) {
        task.pullRequest = repository.nextPullRequest();
        task.openedAt = commit.committer.at().plusSeconds(60 + random.nextInt(15 * 60));
      }
    }
  }

  /**
   * A reviewer rewrites a few of the lines the task's agents wrote, in a commit of their own on the
   * branch, before the pull request lands.
   */
  private void review(Task task) {
    Person reviewer = task.reviewer;
    Instant at = task.reviewAt;
    if (reviewer == null || at == null || task.commits.isEmpty()) {
      return;
    }
    Set<String> agentLines = new HashSet<>();
    for (PlannedCommit commit : task.commits) {
      if (commit.session != null) {
        commit.session.changes.forEach(change -> agentLines.addAll(change.written()));
      }
    }
    Branch branch = repository.branch(task.branch);
    FileChange change = repository.editor.reviewerEdit(branch.files, task.changed, agentLines);
    if (change == null) {
      return;
    }
    Signature who = Signature.of(reviewer, seconds(at));
    Map<String, @Nullable SourceFile> changes = new TreeMap<>();
    changes.put(change.path(), change.after());
    PlannedCommit commit =
        repository.commit(
            branch,
            List.of(),
            changes,
            who,
            who,
            CommitMessages.byHand(wording.reviewSubject(task.topic)),
            PlannedCommit.Kind.REVIEW);
    task.reviewCommit = commit;
    onTask(task, commit);
  }

  /**
   * Lands a task's pull request as a merge commit, a squash, or its commits rebased onto main (new
   * shas, each commit's author and date kept, GitHub as the committer), or gives the task up.
   */
  private void close(Task task, Instant at) {
    repository.release(task);
    if (!task.ending.merges() || task.commits.isEmpty()) {
      return;
    }
    Branch branch = repository.branch(task.branch);
    Map<String, @Nullable SourceFile> changes = new TreeMap<>();
    task.changed.forEach(path -> changes.put(path, branch.files.get(path)));
    int number = java.util.Objects.requireNonNull(task.pullRequest);
    String title = task.commits.getFirst().subject();
    Instant when = seconds(at);
    switch (task.ending) {
      case MERGE -> {
        Person merger = task.merger != null ? task.merger : task.owner;
        task.landedCommits.add(
            repository.commit(
                repository.main(),
                List.of(branch.tip),
                changes,
                Signature.of(merger, when),
                Signature.github(when),
                CommitMessages.merge(number, task.branch, title),
                PlannedCommit.Kind.MERGE));
      }
      case SQUASH -> {
        PlannedCommit squash =
            repository.commit(
                repository.main(),
                List.of(),
                changes,
                Signature.of(task.owner, when),
                Signature.github(when),
                CommitMessages.squash(number, title, task.commits),
                PlannedCommit.Kind.SQUASH);
        squash.squashOf = List.copyOf(task.commits);
        task.landedCommits.add(squash);
      }
      case REBASE -> {
        for (PlannedCommit original : task.commits) {
          PlannedCommit copy =
              repository.commit(
                  repository.main(),
                  List.of(),
                  new TreeMap<>(original.changes),
                  original.author,
                  Signature.github(when),
                  original.message,
                  PlannedCommit.Kind.REBASED);
          copy.rebaseOf = original;
          copy.session = original.session;
          task.landedCommits.add(copy);
        }
      }
      case ABANDON -> throw new IllegalStateException("an abandoned task does not land");
    }
    task.landedCommits.forEach(commit -> commit.pullRequest = number);
    task.landed = task.landedCommits.getLast();
  }

  /**
   * Reverts a recent commit on main whose files nobody has touched since, preferring one an agent
   * wrote. The message, which names the reverted sha, is written when git knows it.
   */
  private void revert(RevertAttempt attempt) {
    if (revertedGroups.contains(attempt.group())) {
      return;
    }
    Branch main = repository.main();
    Instant since = attempt.at().minus(Duration.ofDays(7));
    List<PlannedCommit> all = new ArrayList<>();
    List<PlannedCommit> preferred = new ArrayList<>();
    for (PlannedCommit commit : repository.commits) {
      boolean revertible =
          commit.branch.equals(RepositoryModel.MAIN)
              && commit.kind != PlannedCommit.Kind.INITIAL
              && commit.kind != PlannedCommit.Kind.MERGE
              && commit.kind != PlannedCommit.Kind.REVERT
              && commit.committer.at().isAfter(since)
              && commit.changes.entrySet().stream()
                  .allMatch(
                      change ->
                          !repository.isHeld(change.getKey())
                              && Objects.equals(
                                  main.files.get(change.getKey()), change.getValue()));
      if (revertible) {
        all.add(commit);
        if (commit.kind == PlannedCommit.Kind.AGENT || commit.kind == PlannedCommit.Kind.SQUASH) {
          preferred.add(commit);
        }
      }
    }
    List<PlannedCommit> pool = preferred.isEmpty() ? all : preferred;
    if (pool.isEmpty()) {
      return;
    }
    PlannedCommit target = pool.get(random.nextInt(pool.size()));
    Signature who = Signature.of(attempt.person(), seconds(attempt.at()));
    PlannedCommit revert =
        repository.commit(
            main, List.of(), new TreeMap<>(target.before), who, who, "", PlannedCommit.Kind.REVERT);
    revert.revertOf = target;
    revertedGroups.add(attempt.group());
  }

  private static Instant seconds(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS);
  }
}
