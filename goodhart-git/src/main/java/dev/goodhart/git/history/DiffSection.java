package dev.goodhart.git.history;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One diff as git prints it with {@code --raw -z --no-abbrev} and, optionally, {@code -p -U0}: the
 * raw entries, then one patch per entry in the same order, of which the hunk headers are kept and a
 * hash of every added line. Both {@code git log} and {@code git diff-tree} print this shape.
 */
final class DiffSection {
  static final String NO_BLOB = "0000000000000000000000000000000000000000";

  private DiffSection() {}

  /** Reads up to the next commit marker or the end of the output, without hashing added lines. */
  static List<FileChange> read(LineInput in) throws IOException {
    return read(in, false);
  }

  /**
   * Reads up to the next commit marker or the end of the output; {@code hashAdded}: keeps the hash
   * of every added line (only line provenance needs them, and only for commits it follows).
   */
  static List<FileChange> read(LineInput in, boolean hashAdded) throws IOException {
    List<RawEntry> entries = new ArrayList<>();
    in.skipSeparators();
    while (in.peek() == ':') {
      entries.add(readRawEntry(in));
      in.skipSeparators();
    }
    List<FileChange> changes = new ArrayList<>(entries.size());
    int entry = -1;
    HunkList hunks = new HunkList();
    AddedLines added = new AddedLines();
    boolean binary = false;
    boolean inHunks = false;
    int blocksForEntry = 0;
    while (in.peek() >= 0 && in.peek() != LineInput.ENTRY) {
      switch (in.patchLine(hunks, inHunks && hashAdded, added)) {
        case DIFF -> {
          inHunks = false;
          // A type change is patched as a deletion and an addition: two blocks, one raw entry.
          if (entry >= 0 && entries.get(entry).status() == 'T' && blocksForEntry == 1) {
            blocksForEntry++;
            continue;
          }
          if (entry >= 0) {
            changes.add(entries.get(entry).toChange(binary, hunks.take(), added.take()));
          }
          entry++;
          binary = false;
          blocksForEntry = 1;
          if (entry >= entries.size()) {
            throw new GoodhartException(
                ErrorCode.GIT_FAILURE, "git printed more patches than changes");
          }
          in.hashAddedLinesWith(hasherFor(entries.get(entry)));
        }
        case HUNK -> inHunks = true;
        case BINARY -> binary = true;
        case ADDED, OTHER -> {}
      }
    }
    if (entry >= 0) {
      changes.add(entries.get(entry).toChange(binary, hunks.take(), added.take()));
    }
    // Entries without a patch (all of them when git printed none) change no lines here.
    for (int i = entry + 1; i < entries.size(); i++) {
      changes.add(entries.get(i).toChange(false, new int[0], AddedLines.NONE));
    }
    return changes;
  }

  private static LineInput.LineHasher hasherFor(RawEntry entry) {
    return NotebookLines.isNotebook(entry.secondPath())
        ? new NotebookLines()
        : LineInput.LineHasher.PLAIN;
  }

  private record RawEntry(
      String oldMode,
      String newMode,
      String oldBlob,
      String newBlob,
      char status,
      String firstPath,
      String secondPath) {

    FileChange toChange(boolean binary, int[] hunks, long[] added) {
      boolean submodule = oldMode.equals("160000") || newMode.equals("160000");
      String oldPath = status == 'A' ? null : firstPath;
      String newPath =
          status == 'D' ? null : (status == 'R' || status == 'C') ? secondPath : firstPath;
      return new FileChange(
          status,
          oldPath,
          newPath,
          oldBlob,
          newBlob,
          binary || status == 'T',
          submodule,
          hunks,
          added);
    }
  }

  /** {@code :oldmode newmode oldblob newblob status\0path\0[path\0]}. */
  private static RawEntry readRawEntry(LineInput in) throws IOException {
    String header = in.upToNul().substring(1);
    String[] fields = header.split(" ");
    if (fields.length < 5 || fields[4].isEmpty()) {
      throw new GoodhartException(ErrorCode.GIT_FAILURE, "unexpected raw diff line: " + header);
    }
    char status = fields[4].charAt(0);
    String first = in.upToNul();
    String second = status == 'R' || status == 'C' ? in.upToNul() : first;
    String oldBlob = fields[2].equals(NO_BLOB) ? NO_BLOB : fields[2];
    return new RawEntry(fields[0], fields[1], oldBlob, fields[3], status, first, second);
  }
}
