package dev.goodhart.synthetic.org;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A commit the organisation makes, before and after git has made it: its place in history, its
 * files, what made it, and (once imported) its sha and the summary {@code git commit} prints.
 */
final class PlannedCommit {
  enum Kind {
    INITIAL,
    HUMAN,
    AGENT,
    HAND_AFTER_SESSION,
    MERGE,
    SQUASH,
    /** A commit of a pull request replayed onto main by GitHub's "Rebase and merge". */
    REBASED,
    /** A reviewer's commit on a pull request's branch, rewriting a few lines. */
    REVIEW,
    REVERT
  }

  final int mark;
  final String branch;
  final List<PlannedCommit> parents;
  final Signature author;
  final Signature committer;
  String message;
  final Kind kind;

  /** The files it writes; a null value deletes the file. */
  final Map<String, @Nullable SourceFile> changes;

  /** Those files in the first parent; null where the file did not exist. */
  final Map<String, @Nullable SourceFile> before;

  @Nullable SessionPlan session;
  @Nullable Integer pullRequest;
  @Nullable PlannedCommit revertOf;
  List<PlannedCommit> squashOf = List.of();

  /** For a rebased commit, the branch commit it replays. */
  @Nullable PlannedCommit rebaseOf;

  @Nullable String sha;
  @Nullable String shortSha;

  /** What {@code git commit} prints after its first line: the stat and any create-mode lines. */
  String summary = "";

  PlannedCommit(
      int mark,
      String branch,
      List<PlannedCommit> parents,
      Signature author,
      Signature committer,
      String message,
      Kind kind,
      Map<String, @Nullable SourceFile> changes,
      Map<String, @Nullable SourceFile> before) {
    this.mark = mark;
    this.branch = branch;
    this.parents = List.copyOf(parents);
    this.author = author;
    this.committer = committer;
    this.message = message;
    this.kind = kind;
    this.changes = changes;
    this.before = before;
  }

  String subject() {
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  String sha() {
    if (sha == null) {
      throw new IllegalStateException("commit :" + mark + " has not been imported");
    }
    return sha;
  }

  /** The first lines {@code git commit} prints for this commit. */
  String commitOutput() {
    return "[" + branch + " " + shortSha + "] " + subject() + "\n" + summary;
  }
}
