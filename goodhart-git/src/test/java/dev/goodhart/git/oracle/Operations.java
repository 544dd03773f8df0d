package dev.goodhart.git.oracle;

/**
 * Performs each {@link OperationKind} and logs it. Every operation starts and ends on main with a
 * clean working tree. One whose precondition is missing (a revert with nothing left to revert
 * cleanly, a re-add with nothing deleted) first performs, and logs, the operation that provides it.
 */
final class Operations {
  private final MainLineOperations mainLine;
  private final BranchOperations branches;

  Operations(Project project) {
    this.mainLine = new MainLineOperations(project);
    this.branches = new BranchOperations(project);
  }

  void perform(OperationKind kind) {
    switch (kind) {
      case INITIAL_COMMIT -> mainLine.initialCommit();
      case LINE_EDITS -> mainLine.lineEdits();
      case ADD_FILE -> mainLine.addFile();
      case PULL_REQUEST, DIVERGED_PULL_REQUEST, PULL_REQUEST_WITH_MERGE_EDITS ->
          branches.pullRequest(kind);
      case CONFLICTING_PULL_REQUEST -> branches.conflictingPullRequest();
      case SQUASH_MERGE -> branches.squashMerge();
      case REVERT -> mainLine.revert();
      case REVERT_MERGE -> branches.revertMerge();
      case RENAME -> mainLine.rename(false);
      case RENAME_WITH_EDITS -> mainLine.rename(true);
      case DELETE_FILE -> mainLine.delete();
      case READD_FILE -> mainLine.readd();
      case CRISS_CROSS_MERGE -> branches.crissCross();
      case OCTOPUS_MERGE -> branches.octopus();
      case BINARY_CHANGE -> mainLine.changeBinary();
      case FINAL_NEWLINE_CHANGE -> mainLine.changeFinalNewline();
    }
  }
}
