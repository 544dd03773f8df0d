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
 * Where a piece of someone's work goes: the branch of the task they have open, a new branch, or
 * main; in which repository and on what topic. A task is made only once the work that starts it is
 * known to fit in the day ({@link #take}); when its last step is done, its pull request is planned.
 */
final class Choices {
  /**
   * Where work goes.
   *
   * @param task the open task it continues, if any
   * @param fresh the task it would start, if any
   * @param step whether it counts as one of the task's steps
   */
  record Choice(
      int repository,
      String branch,
      String topic,
      @Nullable Task task,
      @Nullable Fresh fresh,
      boolean step) {}

  /** A task that the work would start. */
  record Fresh(Person owner, Task.Ending ending, int steps) {}

  private final OrganisationSpec spec;
  private final List<Person> people;
  private final List<Domain> domains;
  private final Random random;
  private final Map<Person, Task> open = new LinkedHashMap<>();
  private final List<Task> tasks = new ArrayList<>();
  private final Map<Integer, Set<String>> branchNames = new HashMap<>();
  private int merged;

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
   * Where someone's next work goes. Work that is a step may continue the open task or start one;
   * other work (the wasteful sessions) sometimes happens on the open task's branch.
   */
  Choice choose(Person person, @Nullable Agent agent, Instant at, boolean step) {
    Task current = open.get(person);
    if (current != null && random.nextInt(100) < (step ? 65 : 30)) {
      return new Choice(current.repository, current.branch, current.topic, current, null, step);
    }
    int repository = repository(person);
    String topic = topic(repository);
    boolean early = at.isBefore(spec.now().minus(Duration.ofDays(3)));
    if (current == null && step && early && random.nextInt(100) < 35) {
      int steps = 1 + (random.nextInt(100) < 45 ? 0 : random.nextInt(100) < 64 ? 1 : 2);
      Task.Ending ending =
          merged == 0
              ? Task.Ending.MERGE
              : merged == 1 || random.nextInt(4) == 0 ? Task.Ending.SQUASH : Task.Ending.MERGE;
      String branch = branchName(repository, prefix(agent), topic);
      return new Choice(repository, branch, topic, null, new Fresh(person, ending, steps), true);
    }
    return new Choice(repository, RepositoryModel.MAIN, topic, null, null, false);
  }

  /** A session whose commits stay on a branch nobody merges. */
  Choice abandoned(Person person, Agent agent) {
    int repository = repository(person);
    String topic = topic(repository);
    String branch = branchName(repository, prefix(agent), topic);
    return new Choice(
        repository, branch, topic, null, new Fresh(person, Task.Ending.ABANDON, 1), true);
  }

  /** Makes the choice real once the work fits: starts its task, counts its step. */
  @Nullable Task take(Choice choice, Instant busyUntil) {
    Task task = choice.task();
    Fresh fresh = choice.fresh();
    if (fresh != null) {
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
      if (fresh.ending() != Task.Ending.ABANDON) {
        merged++;
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
   * Plans the end of a task: its pull request lands some hours after its last step (review takes
   * time), or an abandoned task is given up a day later. A task too close to now stays open.
   */
  private void close(Task task) {
    open.remove(task.owner, task);
    Instant last = spec.now().minus(Duration.ofMinutes(5));
    if (task.ending == Task.Ending.ABANDON) {
      Instant givenUp = task.lastEnd.plus(Duration.ofDays(1));
      task.closesAt = givenUp.isBefore(last) ? givenUp : last;
      return;
    }
    long minutes = 30 + Math.min(30 * 60, (long) (random.nextExponential() * 6 * 60));
    Instant land = task.lastEnd.plus(Duration.ofMinutes(minutes));
    if (land.isAfter(last)) {
      land = last;
    }
    task.closesAt = land.isAfter(task.lastEnd.plus(Duration.ofMinutes(10))) ? land : null;
    task.merger =
        random.nextInt(10) < 6 || people.size() == 1
            ? task.owner
            : people.get(random.nextInt(people.size()));
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
