package dev.goodhart.git;

import dev.goodhart.git.fate.LineCounter;

/**
 * Counts a blob's lines with {@code git cat-file}, as blame counts them: every line end, plus a
 * last line without one. Only used where a file turns from binary into text, which is rare.
 */
final class BlobLines implements LineCounter {
  private final Git git;

  BlobLines(Git git) {
    this.git = git;
  }

  @Override
  public int lines(String blob) {
    String content = git.run("cat-file", "blob", blob);
    int lines = 0;
    for (int i = 0; i < content.length(); i++) {
      if (content.charAt(i) == '\n') {
        lines++;
      }
    }
    return !content.isEmpty() && content.charAt(content.length() - 1) != '\n' ? lines + 1 : lines;
  }
}
