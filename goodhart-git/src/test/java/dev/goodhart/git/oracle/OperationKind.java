package dev.goodhart.git.oracle;

/**
 * What the generator does to a history, one step at a time. Each kind has a default weight (its
 * relative chance of being chosen at each step) and the number of commits it usually makes, by
 * which the generator keeps room for the kinds it has not made yet.
 */
public enum OperationKind {
  /**
   * The first commit: five source files, the CRLF file, the notes without a final newline and the
   * binary file; always first, never drawn.
   */
  INITIAL_COMMIT(0, 1),
  /** Inserts, deletes, modifies, moves and duplicates lines of one to three files on main. */
  LINE_EDITS(30, 1),
  ADD_FILE(3, 1),
  /** A branch of two to four commits merged with {@code --no-ff} while main stood still. */
  PULL_REQUEST(8, 4),
  /** The same, but main moved on meanwhile, so the merge is a real three-way merge. */
  DIVERGED_PULL_REQUEST(6, 5),
  /** A pull request whose merge commit changes lines itself, as a hand-resolved merge does. */
  PULL_REQUEST_WITH_MERGE_EDITS(3, 4),
  /**
   * A diverged pull request whose branch deletes a file main changed meanwhile, a modify/delete
   * conflict no {@code -X} option settles, so the merge stops and a side is taken for the file; and
   * renames a file main changed, which git's rename detection merges cleanly.
   */
  CONFLICTING_PULL_REQUEST(2, 4),
  /** {@code git merge --squash}, then one commit titled {@code ... (#N)}. */
  SQUASH_MERGE(6, 4),
  /** {@code git revert} of a commit that is not a merge. */
  REVERT(4, 1),
  /** {@code git revert -m 1} of a merge. */
  REVERT_MERGE(2, 1),
  /** {@code git mv} alone. */
  RENAME(3, 1),
  /** {@code git mv} and a small edit of the moved file in the same commit. */
  RENAME_WITH_EDITS(3, 1),
  DELETE_FILE(3, 1),
  /** Adds a file again at a path deleted before, with the old content or a new one. */
  READD_FILE(3, 1),
  /** Two branches that merge each other, then both merge into main: two merge bases. */
  CRISS_CROSS_MERGE(2, 8),
  /** Three or four branches, each changing its own file, merged into main at once. */
  OCTOPUS_MERGE(2, 5),
  /** A new version of the binary file. */
  BINARY_CHANGE(3, 1),
  /** Adds or removes the newline at the end of a file's last line. */
  FINAL_NEWLINE_CHANGE(3, 1);

  final double defaultWeight;
  final int typicalCommits;

  OperationKind(double defaultWeight, int typicalCommits) {
    this.defaultWeight = defaultWeight;
    this.typicalCommits = typicalCommits;
  }
}
