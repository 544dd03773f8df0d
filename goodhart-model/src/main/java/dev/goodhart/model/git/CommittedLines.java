package dev.goodhart.model.git;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The lines one commit wrote into one file, as line provenance needs them: where they are in the
 * commit's version of the file, a {@link LineHash} of each (never the text), and when each entered
 * the branch and left it. A line is one that {@code git blame} attributes to the commit in the
 * commit's own tree. Only commits of the agent era are kept this way (see {@link
 * RepositoryScan#linesSince()}).
 *
 * @param path the file's path in the commit
 * @param renamedFrom the file's path in the first parent, when the commit renamed it
 * @param positions 0-based line numbers in the commit's version of the file, ascending
 * @param hashes each line's {@link LineHash}
 * @param enteredAt when each line entered the branch's first-parent chain (epoch seconds of that
 *     state), {@link #NEVER} when it never did (it left its side branch before a merge brought it)
 * @param leftAt when each line left the branch for the last time (epoch seconds of the state
 *     without it), {@link #NEVER} while it is still there
 * @param gaps the times a line was away from the branch between its first entry and its last exit
 *     (a merge brought back a line the branch had dropped): three numbers each, the line's index,
 *     when it left and when it came back; usually empty
 */
public record CommittedLines(
    String sha,
    String path,
    @Nullable String renamedFrom,
    int[] positions,
    long[] hashes,
    long[] enteredAt,
    long[] leftAt,
    long[] gaps) {

  /** A moment that never came: a line that never entered the branch, or never left it. */
  public static final long NEVER = Long.MAX_VALUE;

  public CommittedLines {
    requireNonNull(sha, "sha is null");
    requireNonNull(path, "path is null");
    positions = positions.clone();
    hashes = hashes.clone();
    enteredAt = enteredAt.clone();
    leftAt = leftAt.clone();
    gaps = gaps.clone();
    if (gaps.length % 3 != 0) {
      throw new IllegalArgumentException("gaps come in threes: " + gaps.length);
    }
    if (hashes.length != positions.length
        || enteredAt.length != positions.length
        || leftAt.length != positions.length) {
      throw new IllegalArgumentException("one hash, entry and exit per line of " + path);
    }
  }

  public int size() {
    return positions.length;
  }

  public int position(int line) {
    return positions[line];
  }

  public long hash(int line) {
    return hashes[line];
  }

  /** Whether the line entered the branch at some state. */
  public boolean shipped(int line) {
    return enteredAt[line] != NEVER;
  }

  /** Lines that never left the branch once they entered it. */
  public CommittedLines(
      String sha,
      String path,
      @Nullable String renamedFrom,
      int[] positions,
      long[] hashes,
      long[] enteredAt,
      long[] leftAt) {
    this(sha, path, renamedFrom, positions, hashes, enteredAt, leftAt, new long[0]);
  }

  /** Whether the line was on the branch at {@code epochSeconds}. */
  public boolean aliveAt(int line, long epochSeconds) {
    if (enteredAt[line] > epochSeconds || epochSeconds >= leftAt[line]) {
      return false;
    }
    for (int g = 0; g < gaps.length; g += 3) {
      if (gaps[g] == line && gaps[g + 1] <= epochSeconds && epochSeconds < gaps[g + 2]) {
        return false;
      }
    }
    return true;
  }

  /** Whether the line is on the branch at its head. */
  public boolean aliveAtHead(int line) {
    return enteredAt[line] != NEVER && leftAt[line] == NEVER;
  }

  @Override
  public int[] positions() {
    return positions.clone();
  }

  @Override
  public long[] hashes() {
    return hashes.clone();
  }

  @Override
  public long[] enteredAt() {
    return enteredAt.clone();
  }

  @Override
  public long[] leftAt() {
    return leftAt.clone();
  }

  @Override
  public long[] gaps() {
    return gaps.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CommittedLines that
        && sha.equals(that.sha)
        && path.equals(that.path)
        && Objects.equals(renamedFrom, that.renamedFrom)
        && Arrays.equals(positions, that.positions)
        && Arrays.equals(hashes, that.hashes)
        && Arrays.equals(enteredAt, that.enteredAt)
        && Arrays.equals(leftAt, that.leftAt)
        && Arrays.equals(gaps, that.gaps);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sha, path) + 31 * Arrays.hashCode(hashes);
  }

  @Override
  public String toString() {
    return "CommittedLines[%s %s%s, %d lines]"
        .formatted(
            sha, path, renamedFrom == null ? "" : " (from " + renamedFrom + ")", positions.length);
  }
}
