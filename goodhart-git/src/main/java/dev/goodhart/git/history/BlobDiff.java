package dev.goodhart.git.history;

import dev.goodhart.git.Git;
import dev.goodhart.model.git.LineHash;

/**
 * The zero-context diff of two blobs, as {@code git diff} makes it for blame between a rename
 * source and its destination: the hunks and the hash of every added line, or that git took either
 * side for binary.
 */
record BlobDiff(int[] hunks, boolean binary, long[] addedHashes) {

  static BlobDiff between(Git git, String from, String to) {
    String patch = git.run("diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", from, to);
    HunkList hunks = new HunkList();
    AddedLines added = new AddedLines();
    boolean binary = false;
    boolean inHunks = false;
    for (String line : patch.split("\n")) {
      if (line.startsWith("@@ -")) {
        hunks.add(line);
        inHunks = true;
      } else if (inHunks && line.startsWith("+")) {
        added.add(LineHash.of(line.substring(1)));
      } else if (line.startsWith("Binary files ")) {
        binary = true;
      }
    }
    return new BlobDiff(hunks.take(), binary, added.take());
  }
}
