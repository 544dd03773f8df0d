package dev.goodhart.ingest;

import java.util.ArrayList;
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

  /** Every line of a whole file's text (a trailing line break ends the last line, adds none). */
  public static long of(@Nullable String content) {
    if (content == null || content.isEmpty()) {
      return 0;
    }
    long lines = 1;
    for (int i = 0; i < content.length(); i++) {
      if (content.charAt(i) == '\n' && i + 1 < content.length()) {
        lines++;
      }
    }
    return lines;
  }

  /**
   * The lines of {@code after} that {@code before} did not have: a replacement writes its changed
   * lines, not the unchanged ones it repeats for context. Lines are compared as whole strings, each
   * {@code before} line matching at most one {@code after} line.
   */
  public static long replaced(@Nullable String before, @Nullable String after) {
    if (after == null || after.isEmpty()) {
      return 0;
    }
    Map<String, Integer> old = new HashMap<>();
    if (before != null && !before.isEmpty()) {
      for (String line : before.split("\n", -1)) {
        old.merge(line, 1, Integer::sum);
      }
    }
    long written = 0;
    String[] lines = after.split("\n", -1);
    int count = after.endsWith("\n") ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      Integer left = old.get(lines[i]);
      if (left == null || left == 0) {
        written++;
      } else {
        old.put(lines[i], left - 1);
      }
    }
    return written;
  }

  /**
   * The lines a patch in the {@code apply_patch} format adds ({@code +} lines of added and updated
   * files), which is what the agent wrote.
   */
  public static long patched(@Nullable String patch) {
    if (patch == null) {
      return 0;
    }
    long written = 0;
    boolean inPatch = false;
    for (String line : patch.split("\n")) {
      if (line.startsWith("*** Begin Patch")) {
        inPatch = true;
      } else if (line.startsWith("*** End Patch")) {
        inPatch = false;
      } else if (inPatch && line.startsWith("+")) {
        written++;
      }
    }
    return written;
  }
}
