package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.SessionScript.Agent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a piece of someone's work goes: the branch of the task they have open, or a new branch (a
 * pull request to be), in which repository and on what topic; now and then a small fix by hand goes
 * straight to main. A task is made only once the work that starts it is known to fit in the day
 * ({@link #take}); when its last step is done, or its owner starts something else, its pull request
 * is planned: review, then a merge commit, a squash or a rebase (each repository has a favourite),
 * or closed unmerged.
 */
final class Choices {
  /**
   * Where work goes.
   *
   * @param task the open task it continues, if any
   * @param fresh the task it would start, if any
   * @param step whether it counts as one of the task's steps
   * @param closes the owner's open task that starting {@code fresh} leaves for review
   */
  record Choice(
      int repository,
      String branch,
      String topic,
      @Nullable Task task,
      @Nullable Fresh fresh,
      boolean step,
      @Nullable Task closes) {}

  /**
   * A task that the work would start.
   *
   * @param aside whether it is left alone after this work (an abandoned spike): not the owner's
   *     open task
   */
  record Fresh(Person owner, Task.Ending ending, int steps, boolean aside) {}

  /** Of commits a person writes by hand, this many percent go straight to main. */
  private static final int DIRECT_TO_MAIN = 15;

  /** Of ordinary tasks, this many percent are closed without a merge. */
  private static final int CLOSED_UNMERGED = 6;

  /** Each repository's favourite way to merge, by index; the others are used too. */
  private static final Task.Ending[] FAVOURITE = {
    Task.Ending.SQUASH, Task.Ending.MERGE, Task.Ending.REBASE
  };

  private final OrganisationSpec spec;
  private final List<Person> people;
  private final List<Domain> domains;
  private final Random random;
  private final Map<Person, Task> open = new LinkedHashMap<>();
  private final List<Task> tasks = new ArrayList<>();
  private final Map<Integer, Set<String>> branchNames = new HashMap<>();
  private int merging;

  Choices(OrganisationSpec spec, List<Person> people, List<Domain> domains, Random random) {
    this.spec = spec;
    this.people = people;
    this.domains = domains;
    this.random = random;
  }

  List<Task> tasks() {
    return tasks;
  }

  /**
   * Where someone's next work goes. Work that is a step may continue the open task; work that
   * commits and does not continue it starts a task of its own (a branch and a pull request), but
   * for a few commits by hand that go straight to main. Other work (the wasteful sessions that
   * commit nothing) sometimes happens on the open task's branch, else on main.
   *
   * @param agent the agent of a session, null for a commit by hand
   * @param commits whether the work will commit anything
   */
  Choice choose(Person person, @Nullable Agent agent, boolean step, boolean commits) {
    Task current = open.get(person);
    if (current != null && random.nextInt(100) < (step ? 60 : 30)) {
      return new Choice(
          current.repository, current.branch, current.topic, current, null, step, null);
    }
    int repository = repository(person);
    String topic = topic(repository);
    boolean direct = agent == null && random.nextInt(100) < DIRECT_TO_MAIN;
    if (commits && !direct) {
      int steps = 1 + (random.nextInt(100) < 45 ? 0 : random.nextInt(100) < 64 ? 1 : 2);
      String branch = branchName(repository, prefix(agent), topic);
      return new Choice(
          repository,
          branch,
          topic,
          null,
          new Fresh(person, ending(repository), steps, false),
          step,
          current);
    }
    return new Choice(repository, RepositoryModel.MAIN, topic, null, null, false, null);
  }

  /** A session whose commits stay on a branch nobody merges. */
  Choice abandoned(Person person, Agent agent) {
    int repository = repository(person);
    String topic = topic(repository);
    String branch = branchName(repository, prefix(agent), topic);
    return new Choice(
        repository,
        branch,
        topic,
        null,
        new Fresh(person, Task.Ending.ABANDON, 1, true),
        true,
        null);
  }

  /**
   * How a new task's pull request will end: the first three of the organisation end in each way a
   * pull request merges, so that even a small one has them all; then a few are closed unmerged and
   * the rest merge, mostly the repository's favourite way.
   */
  private Task.Ending ending(int repository) {
    if (merging < FAVOURITE.length) {
      return List.of(Task.Ending.MERGE, Task.Ending.SQUASH, Task.Ending.REBASE).get(merging++);
    }
    if (random.nextInt(100) < CLOSED_UNMERGED) {
      return Task.Ending.ABANDON;
    }
    Task.Ending favourite = FAVOURITE[repository % FAVOURITE.length];
    if (random.nextInt(100) < 55) {
      return favourite;
    }
    List<Task.Ending> others = new ArrayList<>(List.of(FAVOURITE));
    others.remove(favourite);
    return others.get(random.nextInt(others.size()));
  }

  /** Makes the choice real once the work fits: starts its task, counts its step. */
  @Nullable Task take(Choice choice, Instant busyUntil) {
    Task task = choice.task();
    Fresh fresh = choice.fresh();
    if (fresh != null) {
      Task left = choice.closes();
      if (left != null && open.get(left.owner) == left) {
        close(left);
      }
      task =
          new Task(
              fresh.owner(),
              choice.repository(),
              choice.branch(),
              choice.topic(),
              fresh.ending(),
              fresh.steps(),
              busyUntil);
      tasks.add(task);
      if (!fresh.aside()) {
        open.put(fresh.owner(), task);
      }
    }
    if (task != null) {
      // Any work on the branch, step or not, must be done before the pull request lands.
      if (busyUntil.isAfter(task.lastEnd)) {
        task.lastEnd = busyUntil;
      }
      if (choice.step() && --task.stepsLeft <= 0) {
        close(task);
      }
    }
    return task;
  }

  void closeAll() {
    new ArrayList<>(open.values()).forEach(this::close);
  }

  /**
   * Plans the end of a task: its pull request is reviewed and lands some hours after its last step,
   * or an abandoned task is given up a day later. A task too close to now stays open. The landing
   * comes at least 35 minutes after the last step, so that no session's own window (its end and
   * half an hour) holds it by chance.
   */
  private void close(Task task) {
    open.remove(task.owner, task);
    Instant last = spec.now().minus(Duration.ofMinutes(5));
    List<Person> others = people.stream().filter(p -> p != task.owner).toList();
    if (!others.isEmpty()) {
      task.reviewer = others.get(random.nextInt(others.size()));
      if (others.size() > 1 && random.nextInt(100) < 20) {
        List<Person> rest = others.stream().filter(p -> p != task.reviewer).toList();
        task.secondReviewer = rest.get(random.nextInt(rest.size()));
      }
    }
    if (task.ending == Task.Ending.ABANDON) {
      Instant givenUp = task.lastEnd.plus(Duration.ofDays(1));
      task.closesAt = givenUp.isBefore(last) ? givenUp : last;
      task.changesRequested = random.nextInt(100) < 40;
      task.reviewAt = between(task.lastEnd, task.closesAt);
      return;
    }
    long minutes = 35 + Math.min(30 * 60, (long) (random.nextExponential() * 6 * 60));
    Instant land = task.lastEnd.plus(Duration.ofMinutes(minutes));
    if (land.isAfter(last)) {
      land = last;
    }
    task.closesAt = land.isAfter(task.lastEnd.plus(Duration.ofMinutes(35))) ? land : null;
    task.merger =
        random.nextInt(10) < 6 || people.size() == 1
            ? task.owner
            : people.get(random.nextInt(people.size()));
    if (task.closesAt != null) {
      task.reviewAt = between(task.lastEnd, task.closesAt);
      task.reviewerRewrites = task.reviewer != null && random.nextInt(100) < 30;
      task.changesRequested = task.reviewerRewrites || random.nextInt(100) < 15;
    }
  }

  /** A moment between 30% and 70% of the way from {@code from} to {@code to}. */
  private Instant between(Instant from, Instant to) {
    long seconds = Duration.between(from, to).toSeconds();
    return from.plusSeconds(seconds * 3 / 10 + (long) (random.nextDouble() * seconds * 4 / 10));
  }

  private int repository(Person person) {
    if (domains.size() == 1 || random.nextInt(10) < 7) {
      return person.homeRepository();
    }
    return random.nextInt(domains.size());
  }

  private String topic(int repository) {
    List<String> topics = domains.get(repository).topics();
    return topics.get(random.nextInt(topics.size()));
  }

  private String prefix(@Nullable Agent agent) {
    if (agent == Agent.CODEX && random.nextBoolean()) {
      return "codex";
    }
    return random.nextInt(10) < 7 ? "feature" : "fix";
  }

  private String branchName(int repository, String prefix, String topic) {
    Set<String> taken = branchNames.computeIfAbsent(repository, r -> new HashSet<>());
    String base = Wording.branch(prefix, topic);
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      name = base + "-" + n;
    }
    return name;
  }
}
