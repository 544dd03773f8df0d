package dev.goodhart.git.history;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One diff as git prints it with {@code --raw -z --no-abbrev} and, optionally, {@code -p -U0}: the
 * raw entries, then one patch per entry in the same order, of which the hunk headers are kept and,
 * when asked, a hash of every added line. Both {@code git log} and {@code git diff-tree} print this
 * shape.
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
    return read(in, hashAdded, FollowedPaths.ALL);
  }

  /** The same, hashing the added lines only of the files {@code paths} follows. */
  static List<FileChange> read(LineInput in, boolean hashAdded, FollowedPaths paths)
      throws IOException {
    List<RawEntry> entries = new ArrayList<>();
    in.skipSeparators();
    while (in.peek() == ':') {
      entries.add(readRawEntry(in));
      in.skipSeparators();
    }
    List<FileChange> changes = new ArrayList<>(entries.size());
    Patches patches = new Patches();
    while (in.peek() >= 0 && in.peek() != LineInput.ENTRY) {
      switch (in.patchLine(patches.hunks, patches.inHunks && patches.hash, patches.added)) {
        case DIFF -> {
          patches.inHunks = false;
          // A type change is patched as a deletion and an addition: two blocks, one raw entry.
          if (patches.entry >= 0
              && entries.get(patches.entry).status() == 'T'
              && patches.deletion == null) {
            patches.endDeletion();
            continue;
          }
          if (patches.entry >= 0) {
            changes.add(patches.take(entries.get(patches.entry)));
          }
          patches.entry++;
          if (patches.entry >= entries.size()) {
            throw new GoodhartException(
                ErrorCode.GIT_FAILURE, "git printed more patches than changes");
          }
          RawEntry entry = entries.get(patches.entry);
          patches.hash = hashAdded && paths.follows(entry.firstPath(), entry.secondPath());
          in.hashAddedLinesWith(hasherFor(entry));
        }
        case HUNK -> patches.inHunks = true;
        case BINARY -> patches.binary = true;
        case ADDED, OTHER -> {}
      }
    }
    if (patches.entry >= 0) {
      changes.add(patches.take(entries.get(patches.entry)));
    }
    // Entries without a patch (all of them when git printed none) change no lines here.
    for (int i = patches.entry + 1; i < entries.size(); i++) {
      changes.add(entries.get(i).toChange(false, new int[0], new int[0], AddedLines.NONE));
    }
    return changes;
  }

  private static LineInput.LineHasher hasherFor(RawEntry entry) {
    return NotebookLines.isNotebook(entry.secondPath())
        ? new NotebookLines()
        : LineInput.LineHasher.PLAIN;
  }

  /**
   * The patch of the entry being read: its hunks, the hashes of its added lines, and the deletion's
   * hunks of a type change.
   */
  private static final class Patches {
    final HunkList hunks = new HunkList();
    final AddedLines added = new AddedLines();
    int entry = -1;
    boolean binary;
    boolean inHunks;

    /** Whether the added lines of the entry being read are hashed. */
    boolean hash;

    int @Nullable [] deletion;

    void endDeletion() {
      deletion = hunks.take();
      added.take(); // a deletion adds no line
      binary = false;
    }

    FileChange take(RawEntry raw) {
      int[] newHunks = hunks.take();
      FileChange change =
          raw.toChange(binary, deletion == null ? new int[0] : deletion, newHunks, added.take());
      binary = false;
      deletion = null;
      return change;
    }
  }

  private record RawEntry(
      int similarity,
      int oldMode,
      int newMode,
      String oldBlob,
      String newBlob,
      char status,
      String firstPath,
      String secondPath) {

    /**
     * The change; a type change's patch comes in two parts, {@code deleted} (the old file's) and
     * {@code hunks} (the new one's), every other change's in one.
     */
    FileChange toChange(boolean binary, int[] deleted, int[] hunks, long[] addedHashes) {
      boolean submodule = oldMode == FileChange.GITLINK || newMode == FileChange.GITLINK;
      String oldPath = status == 'A' ? null : firstPath;
      String newPath =
          status == 'D' ? null : (status == 'R' || status == 'C') ? secondPath : firstPath;
      if (status != 'T') {
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
            null,
            addedHashes);
      }
      // blame follows no file across a type change (find_origin gives up on 'T'): to blame the
      // file is new. Its lines are the new side's, which may be text where the old was not.
      FileChange added =
          new FileChange(
              'A',
              0,
              null,
              newPath,
              NO_BLOB,
              newBlob,
              0,
              newMode,
              binary,
              newMode == FileChange.GITLINK,
              hunks,
              null,
              addedHashes);
      int[] both = java.util.Arrays.copyOf(deleted, deleted.length + hunks.length);
      System.arraycopy(hunks, 0, both, deleted.length, hunks.length);
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
          both,
          added,
          addedHashes);
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
    // R and C carry git's similarity: R083.
    int similarity = fields[4].length() > 1 ? number(fields[4].substring(1), header) : 0;
    return new RawEntry(
        similarity,
        mode(fields[0], header),
        mode(fields[1], header),
        oldBlob,
        fields[3],
        status,
        first,
        second);
  }

  private static int mode(String octal, String header) {
    try {
      return Integer.parseInt(octal, 8);
    } catch (NumberFormatException e) {
      throw new GoodhartException(ErrorCode.GIT_FAILURE, "unexpected raw diff line: " + header, e);
    }
  }

  private static int number(String decimal, String header) {
    try {
      return Integer.parseInt(decimal);
    } catch (NumberFormatException e) {
      throw new GoodhartException(ErrorCode.GIT_FAILURE, "unexpected raw diff line: " + header, e);
    }
  }
}
