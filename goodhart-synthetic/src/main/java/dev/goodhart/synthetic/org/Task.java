package dev.goodhart.synthetic.org;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A piece of work on a branch of its own: a few sessions or commits by its owner, a pull request
 * opened with its first commit, reviewed by colleagues (who now and then rewrite a few lines
 * themselves), then merged with a merge commit, squashed or rebased onto main, or closed unmerged.
 */
final class Task {
  /** How its pull request ends, as GitHub's merge button offers it, or closed without a merge. */
  enum Ending {
    MERGE,
    SQUASH,
    REBASE,
    ABANDON;

    boolean merges() {
      return this != ABANDON;
    }
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

  /** The commit its pull request made on main: the merge, the squash, the last rebased commit. */
  @Nullable PlannedCommit landed;

  /** Every commit its pull request made on main (one, or each of a rebase's). */
  final List<PlannedCommit> landedCommits = new ArrayList<>();

  /** When its pull request lands (or, for an abandoned task, when it is given up); null: never. */
  @Nullable Instant closesAt;

  /** Who merges its pull request. */
  @Nullable Person merger;

  /** Its pull request's number, once its first commit opened one. */
  @Nullable Integer pullRequest;

  /** When its pull request was opened: a few minutes after its first commit was pushed. */
  @Nullable Instant openedAt;

  /** Who reviews its pull request (null when nobody else is there), and when. */
  @Nullable Person reviewer;

  @Nullable Person secondReviewer;
  @Nullable Instant reviewAt;

  /** Whether the reviewer asks for changes before approving. */
  boolean changesRequested;

  /** Whether the reviewer rewrites a few of the agents' lines in a commit of their own. */
  boolean reviewerRewrites;

  /** The reviewer's commit on the branch, when they made one. */
  @Nullable PlannedCommit reviewCommit;

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
