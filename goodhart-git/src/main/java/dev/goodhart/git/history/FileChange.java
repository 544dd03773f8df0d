package dev.goodhart.git.history;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One file's change between a parent and a commit, as {@code git diff} reports it with zero lines
 * of context.
 *
 * @param status git's status letter: {@code A}dded, {@code D}eleted, {@code M}odified, {@code
 *     R}enamed, {@code T} (type changed)
 * @param oldPath the path in the parent (null when added)
 * @param newPath the path in the commit (null when deleted)
 * @param oldBlob the parent's blob id, 40 hex digits (zeros when added)
 * @param newBlob the commit's blob id (zeros when deleted)
 * @param binary whether git diffed the file as binary: such a file has no lines
 * @param submodule whether the path is a submodule (a gitlink), which has no lines either
 * @param hunks four numbers per hunk: old start, old count, new start, new count (git's numbering:
 *     a start of 0 with a count of 0 means "before the first line")
 * @param addedHashes the {@link dev.goodhart.model.git.LineHash} of every added line, hunk by hunk
 *     in order (one per line of the hunks' new counts); empty when the patch was not read
 */
public record FileChange(
    char status,
    @Nullable String oldPath,
    @Nullable String newPath,
    String oldBlob,
    String newBlob,
    boolean binary,
    boolean submodule,
    int[] hunks,
    long[] addedHashes) {

  public FileChange {
    requireNonNull(oldBlob, "oldBlob is null");
    requireNonNull(newBlob, "newBlob is null");
    requireNonNull(hunks, "hunks is null");
    requireNonNull(addedHashes, "addedHashes is null");
    if (hunks.length % 4 != 0) {
      throw new IllegalArgumentException("hunks come in fours: " + hunks.length);
    }
    if (oldPath == null && newPath == null) {
      throw new IllegalArgumentException("a change has a path");
    }
  }

  /** A change known only by its hunks: no hash of its added lines. */
  public FileChange(
      char status,
      @Nullable String oldPath,
      @Nullable String newPath,
      String oldBlob,
      String newBlob,
      boolean binary,
      boolean submodule,
      int[] hunks) {
    this(status, oldPath, newPath, oldBlob, newBlob, binary, submodule, hunks, new long[0]);
  }

  /** Whether every added line's hash is known. */
  public boolean hasAddedHashes() {
    return addedHashes.length == linesAdded() && addedHashes.length > 0;
  }

  public int hunkCount() {
    return hunks.length / 4;
  }

  /** Whether the two sides are the same blob: the file was only renamed or had its mode changed. */
  public boolean sameContent() {
    return oldPath != null && newPath != null && oldBlob.equals(newBlob);
  }

  /** Lines added: the sum of the hunks' new counts. */
  public long linesAdded() {
    long sum = 0;
    for (int i = 3; i < hunks.length; i += 4) {
      sum += hunks[i];
    }
    return sum;
  }

  /** Lines deleted: the sum of the hunks' old counts. */
  public long linesDeleted() {
    long sum = 0;
    for (int i = 1; i < hunks.length; i += 4) {
      sum += hunks[i];
    }
    return sum;
  }

  /** Whether the file has lines on the commit's side: text, not a submodule, not deleted. */
  public boolean hasLines() {
    return newPath != null && !binary && !submodule;
  }
}
