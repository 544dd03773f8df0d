package dev.goodhart.git.oracle;

/** The kinds of change a commit makes to the lines of a text file. */
public enum LineEdit {
  INSERT,
  DELETE,
  MODIFY,
  /** Cuts a block of lines and pastes it elsewhere in the same file. */
  MOVE_BLOCK,
  /** Copies lines next to themselves or elsewhere, making more identical lines. */
  DUPLICATE
}
