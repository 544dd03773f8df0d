package dev.goodhart.git.oracle;

/** Which side wins where a merge conflicts: the branch merged into, or the one merged in. */
enum Side {
  OURS("ours", "--ours", 2),
  THEIRS("theirs", "--theirs", 3);

  /** The value of {@code git merge -X}. */
  final String strategyOption;

  /** The option of {@code git checkout} that takes this side of a conflicted file. */
  final String checkoutOption;

  /** The index stage that holds this side of a conflicted file. */
  final int stage;

  Side(String strategyOption, String checkoutOption, int stage) {
    this.strategyOption = strategyOption;
    this.checkoutOption = checkoutOption;
    this.stage = stage;
  }
}
