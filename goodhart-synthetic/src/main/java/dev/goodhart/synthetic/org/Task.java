package dev.goodhart.synthetic.org;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A piece of work on a branch of its own: a few sessions or commits by its owner, then a pull
 * request merged with a merge commit or squashed, or left unmerged for good.
 */
final class Task {
  enum Ending {
    MERGE,
    SQUASH,
    ABANDON
  }

  final Person owner;
  final int repository;
  final String branch;
  final String topic;
  final Ending ending;
  int stepsLeft;
  Instant lastEnd;

  /** The files the task works on, kept from other work until it lands or is dropped. */
  final TreeSet<String> files = new TreeSet<>();

  /** The files its commits changed. */
  final TreeSet<String> changed = new TreeSet<>();

  final List<PlannedCommit> commits = new ArrayList<>();
  boolean started;
  @Nullable PlannedCommit landed;

  /** When its pull request lands (or, for an abandoned task, when it is given up); null: never. */
  @Nullable Instant closesAt;

  /** Who merges its pull request. */
  @Nullable Person merger;

  Task(
      Person owner,
      int repository,
      String branch,
      String topic,
      Ending ending,
      int steps,
      Instant start) {
    this.owner = owner;
    this.repository = repository;
    this.branch = branch;
    this.topic = topic;
    this.ending = ending;
    this.stepsLeft = steps;
    this.lastEnd = start;
  }
}
