package dev.goodhart.git.history;

import dev.goodhart.git.Git;

/**
 * The zero-context diff of two blobs, as {@code git diff} makes it for blame between a rename
 * source and its destination: the hunks, or that git took either side for binary.
 */
record BlobDiff(int[] hunks, boolean binary) {

  static BlobDiff between(Git git, String from, String to) {
    String patch = git.run("diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", from, to);
    HunkList hunks = new HunkList();
    boolean binary = false;
    for (String line : patch.split("\n")) {
      if (line.startsWith("@@ -")) {
        hunks.add(line);
      } else if (line.startsWith("Binary files ")) {
        binary = true;
      }
    }
    return new BlobDiff(hunks.take(), binary);
  }
}
