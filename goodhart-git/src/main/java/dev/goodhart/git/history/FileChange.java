package dev.goodhart.git.history;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One file's change between a parent and a commit, as {@code git diff} reports it with zero lines
 * of context.
 *
 * <p>Where {@code git blame} takes the file's lines from another place in the parent than the diff
 * pairs it with, {@link #followed()} says so: a type change (file to symlink and back), which blame
 * treats as a new file, or a destination that blame's own rename search (one destination at a time)
 * pairs with another source than {@code git diff -M} (which pairs all at once and uses a source
 * once).
 *
 * @param status git's status letter: {@code A}dded, {@code D}eleted, {@code M}odified, {@code
 *     R}enamed, {@code T} (type changed)
 * @param similarity how alike git found a renamed file's two sides, in per cent (the 83 of {@code
 *     R083}); 0 for other changes
 * @param oldPath the path in the parent (null when added)
 * @param newPath the path in the commit (null when deleted)
 * @param oldBlob the parent's blob id, 40 hex digits (zeros when added)
 * @param newBlob the commit's blob id (zeros when deleted)
 * @param oldMode the parent's file mode ({@code 0100644}, {@code 0120000} for a symlink, ...; 0
 *     when added)
 * @param newMode the commit's file mode (0 when deleted)
 * @param binary whether git diffed the commit's side as binary: such a file has no lines
 * @param submodule whether the path is a submodule (a gitlink), which has no lines either
 * @param hunks four numbers per hunk: old start, old count, new start, new count (git's numbering:
 *     a start of 0 with a count of 0 means "before the first line")
 * @param blameView the change as blame follows the file, when that differs from this one; null
 *     otherwise
 * @param addedHashes the {@link dev.goodhart.model.git.LineHash} of every added line, hunk by hunk
 *     in order (one per line of the hunks' new counts); empty when the patch's lines were not read
 */
public record FileChange(
    char status,
    int similarity,
    @Nullable String oldPath,
    @Nullable String newPath,
    String oldBlob,
    String newBlob,
    int oldMode,
    int newMode,
    boolean binary,
    boolean submodule,
    int[] hunks,
    @Nullable FileChange blameView,
    long[] addedHashes) {

  static final int REGULAR = 0100000;
  static final int SYMLINK = 0120000;
  static final int GITLINK = 0160000;
  private static final int TYPE = 0170000;

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

  /** A change whose added lines were not read. */
  public FileChange(
      char status,
      int similarity,
      @Nullable String oldPath,
      @Nullable String newPath,
      String oldBlob,
      String newBlob,
      int oldMode,
      int newMode,
      boolean binary,
      boolean submodule,
      int[] hunks,
      @Nullable FileChange blameView) {
    this(
        status,
        similarity,
        oldPath,
        newPath,
        oldBlob,
        newBlob,
        oldMode,
        newMode,
        binary,
        submodule,
        hunks,
        blameView,
        NO_HASHES);
  }

  private static final long[] NO_HASHES = {};

  /** Whether every added line's hash is known. */
  public boolean hasAddedHashes() {
    return addedHashes.length > 0 && addedHashes.length == linesAdded();
  }

  public int hunkCount() {
    return hunks.length / 4;
  }

  /**
   * The change as {@code git blame} follows the file: {@link #oldPath()} is where blame takes the
   * lines from in the parent (null: nowhere, the file is new to blame) and {@link #hunks()} are
   * against that. This change itself unless blame differs from the diff.
   */
  public FileChange followed() {
    return blameView != null ? blameView : this;
  }

  /** The same change, followed by blame as {@code view} says. */
  FileChange followedAs(FileChange view) {
    return new FileChange(
        status,
        similarity,
        oldPath,
        newPath,
        oldBlob,
        newBlob,
        oldMode,
        newMode,
        binary,
        submodule,
        hunks,
        view,
        addedHashes);
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

  /** Whether a mode is a regular file's, the only kind git scores for inexact renames. */
  static boolean regular(int mode) {
    return (mode & TYPE) == REGULAR;
  }
}
