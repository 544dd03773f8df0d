package dev.goodhart.ingest;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines a unified diff of one file writes: hunk by hunk, the {@code +} lines its {@code -}
 * lines do not repeat ({@link AgentWork#replaced}), as {@link ApplyPatch} reads a chunk. Codex logs
 * an applied update this way ({@code patch_apply_end} events). A hunk's header gives how many lines
 * each side has, so an added line that starts with {@code ++} is never taken for a file header;
 * lines outside hunks ({@code ---}, {@code +++}, {@code diff}, {@code index}) are not read, nor
 * {@code \ No newline at end of file}.
 */
public final class UnifiedDiff {
  private static final Pattern HUNK =
      Pattern.compile("^@@ -\\d+(?:,(\\d+))? \\+\\d+(?:,(\\d+))? @@");

  private UnifiedDiff() {}

  /** The {@link dev.goodhart.model.git.LineHash}es of the lines the diff writes, in order. */
  public static long[] written(String diff) {
    ApplyPatch.Lines lines = new ApplyPatch.Lines(diff.getBytes(StandardCharsets.UTF_8));
    ApplyPatch.LineList written = new ApplyPatch.LineList();
    int i = 0;
    while (i < lines.count()) {
      if (!lines.startsWith(i, "@@ ")) {
        i++;
        continue; // a file header, or text around the diff
      }
      Matcher counts = HUNK.matcher(lines.after(i, ""));
      i++;
      // A header without counts (never written by a diff tool) runs to the next non-diff line.
      long oldLeft = counts.find() ? count(counts.group(1)) : Long.MAX_VALUE;
      long newLeft = oldLeft == Long.MAX_VALUE ? Long.MAX_VALUE : count(counts.group(2));
      ApplyPatch.LineList before = new ApplyPatch.LineList();
      ApplyPatch.LineList after = new ApplyPatch.LineList();
      while (i < lines.count() && (oldLeft > 0 || newLeft > 0)) {
        if (lines.startsWith(i, ' ') || lines.isEmpty(i)) {
          oldLeft--; // context: on both sides, so not even hashed
          newLeft--;
        } else if (lines.startsWith(i, '-') && oldLeft > 0) {
          before.add(lines.hash(i, 1));
          oldLeft--;
        } else if (lines.startsWith(i, '+') && newLeft > 0) {
          after.add(lines.hash(i, 1));
          newLeft--;
        } else if (!lines.startsWith(i, '\\')) {
          break; // the hunk ended early: a damaged diff
        }
        i++;
      }
      written.addAll(AgentWork.replaced(before.toArray(), after.toArray()));
    }
    return written.toArray();
  }

  /** A side's line count: 1 when the header leaves it out; huge counts are damage, not lines. */
  private static long count(String digits) {
    if (digits == null) {
      return 1;
    }
    return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
  }
}
