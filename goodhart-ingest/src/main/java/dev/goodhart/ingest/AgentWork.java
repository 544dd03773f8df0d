package dev.goodhart.ingest;

import dev.goodhart.ingest.json.ByteSearch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an agent did, as its tool calls show it: the lines its edits wrote and the commits its tools
 * printed. Every agent log shows these the same way, whatever its format.
 */
public final class AgentWork {
  /**
   * {@code git commit} (and cherry-pick, revert, rebase) prints {@code [<branch> <sha>] <subject>};
   * a first commit adds {@code (root-commit)}, a detached head reads {@code detached HEAD}.
   */
  private static final Pattern COMMIT_LINE =
      Pattern.compile(
          "(?m)^\\[(detached HEAD|[^\\s\\[\\]]+)(?: \\(root-commit\\))? ([0-9a-f]{7,40})\\] \\S");

  /** Tool output longer than this is a file's text, not git's report of a commit. */
  public static final int MAX_COMMIT_OUTPUT = 64 * 1024;

  private AgentWork() {}

  /**
   * Whether text may hold git's report of a commit: somewhere a space, seven or more hex digits and
   * a closing bracket. One pass over the bytes, so that tool output without one (file contents,
   * test runs) is never decoded.
   */
  public static boolean mayPrintCommit(byte[] bytes, int from, int to) {
    int at = from;
    while ((at = ByteSearch.indexOf(bytes, at, to, (byte) ']')) >= 0) {
      int hex = at - 1;
      while (hex >= from && isHex(bytes[hex])) {
        hex--;
      }
      if (at - 1 - hex >= 7 && hex >= from && bytes[hex] == ' ') {
        return true;
      }
      at++;
    }
    return false;
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
  }

  /** A commit as git's output named it. */
  public record PrintedCommit(String sha, @Nullable String branch) {}

  /** The commits a tool's output printed, in order. */
  public static List<PrintedCommit> commits(@Nullable String output) {
    if (output == null || output.indexOf('[') < 0) {
      return List.of();
    }
    List<PrintedCommit> found = new ArrayList<>(1);
    Matcher matcher = COMMIT_LINE.matcher(output);
    while (matcher.find()) {
      String branch = matcher.group(1);
      found.add(
          new PrintedCommit(matcher.group(2), branch.equals("detached HEAD") ? null : branch));
    }
    return found;
  }

  /**
   * The lines of {@code after} that {@code before} did not have, both given as {@link
   * dev.goodhart.model.git.LineHash}es, in {@code after}'s order: a replacement writes its changed
   * lines, not the unchanged ones it repeats for context. Each {@code before} line matches at most
   * one {@code after} line.
   */
  public static long[] replaced(long[] before, long[] after) {
    if (before.length == 0) {
      return after;
    }
    Map<Long, Integer> old = new HashMap<>();
    for (long line : before) {
      old.merge(line, 1, Integer::sum);
    }
    long[] written = new long[after.length];
    int count = 0;
    for (long line : after) {
      Integer left = old.get(line);
      if (left != null && left > 0) {
        old.put(line, left - 1);
      } else {
        written[count++] = line;
      }
    }
    return Arrays.copyOf(written, count);
  }

  /** Two runs of line hashes one after the other. */
  public static long[] concat(long[] first, long[] second) {
    if (first.length == 0) {
      return second;
    }
    if (second.length == 0) {
      return first;
    }
    long[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
