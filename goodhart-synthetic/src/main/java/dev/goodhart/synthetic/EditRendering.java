package dev.goodhart.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a scripted file change into the text each agent writes: Claude Code's {@code
 * old_string}/{@code new_string} pairs, which must each occur exactly once in the file when they
 * are applied, and Codex's {@code apply_patch} hunks, whose context lines locate them.
 */
final class EditRendering {
  private static final int CODEX_CONTEXT = 3;

  private EditRendering() {}

  /** One Claude Code replacement. */
  record Replacement(String oldString, String newString) {
    int newLines() {
      return newString.isEmpty() ? 0 : (int) newString.lines().count();
    }
  }

  /**
   * The replacements, in the order they apply: last hunk first, so that each one's line numbers
   * still hold when it is applied. Each carries as many unchanged lines around it as it takes to be
   * unique, and at least one when it only inserts or only deletes.
   */
  static List<Replacement> claude(SessionScript.EditFile edit) {
    List<String> lines = new ArrayList<>(edit.before());
    List<Replacement> out = new ArrayList<>();
    for (SessionScript.Hunk hunk : edit.hunks().reversed()) {
      out.add(replacement(lines, hunk));
      List<String> tail = new ArrayList<>(lines.subList(hunk.to(), lines.size()));
      lines.subList(hunk.from(), lines.size()).clear();
      lines.addAll(hunk.lines());
      lines.addAll(tail);
    }
    return out;
  }

  private static Replacement replacement(List<String> lines, SessionScript.Hunk hunk) {
    String text = String.join("\n", lines) + "\n";
    boolean needsAnchor = hunk.from() == hunk.to() || hunk.lines().isEmpty();
    int before = needsAnchor && hunk.from() > 0 ? 1 : 0;
    int after = needsAnchor && before == 0 ? 1 : 0;
    while (true) {
      List<String> oldLines = lines.subList(hunk.from() - before, hunk.to() + after);
      String oldString = String.join("\n", oldLines);
      if (occurrences(text, oldString) == 1
          || (hunk.from() - before == 0 && hunk.to() + after == lines.size())) {
        List<String> newLines = new ArrayList<>(lines.subList(hunk.from() - before, hunk.from()));
        newLines.addAll(hunk.lines());
        newLines.addAll(lines.subList(hunk.to(), hunk.to() + after));
        return new Replacement(oldString, String.join("\n", newLines));
      }
      if (hunk.from() - before > 0) {
        before++;
      } else {
        after++;
      }
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0 && count < 2; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  /** A Codex patch updating {@code path} (as the patch names it). */
  static String codexUpdate(String path, SessionScript.EditFile edit) {
    List<SessionScript.Hunk> hunks = joinAdjacent(edit.hunks());
    List<String> lines = edit.before();
    StringBuilder out = new StringBuilder("*** Begin Patch\n*** Update File: ").append(path);
    out.append('\n');
    int previousEnd = 0;
    int previousAfter = 0;
    for (int i = 0; i < hunks.size(); i++) {
      SessionScript.Hunk hunk = hunks.get(i);
      int nextFrom = i + 1 < hunks.size() ? hunks.get(i + 1).from() : lines.size();
      int before = Math.min(CODEX_CONTEXT, hunk.from() - previousEnd - previousAfter);
      int after = Math.min(CODEX_CONTEXT, (nextFrom - hunk.to()) / (i + 1 < hunks.size() ? 2 : 1));
      out.append("@@\n");
      lines
          .subList(hunk.from() - before, hunk.from())
          .forEach(l -> out.append(' ').append(l).append('\n'));
      lines.subList(hunk.from(), hunk.to()).forEach(l -> out.append('-').append(l).append('\n'));
      hunk.lines().forEach(l -> out.append('+').append(l).append('\n'));
      lines
          .subList(hunk.to(), hunk.to() + after)
          .forEach(l -> out.append(' ').append(l).append('\n'));
      previousEnd = hunk.to();
      previousAfter = after;
    }
    return out.append("*** End Patch\n").toString();
  }

  /** A Codex patch adding the file {@code path}. */
  static String codexAdd(String path, List<String> lines) {
    StringBuilder out = new StringBuilder("*** Begin Patch\n*** Add File: ").append(path);
    out.append('\n');
    lines.forEach(l -> out.append('+').append(l).append('\n'));
    return out.append("*** End Patch\n").toString();
  }

  /** A Codex patch's {@code +} lines: the hunks' lines. */
  static int plusLines(SessionScript.EditFile edit) {
    return edit.hunks().stream().mapToInt(hunk -> hunk.lines().size()).sum();
  }

  /**
   * Lines an edit writes into the file, as a reader of its log counts them: each hunk's new lines
   * less those of the lines it replaces (a block's {@code } else {} that a new block repeats is not
   * new text).
   */
  static int added(SessionScript.EditFile edit) {
    int added = 0;
    for (SessionScript.Hunk hunk : edit.hunks()) {
      java.util.Map<String, Integer> replaced = new java.util.HashMap<>();
      edit.before()
          .subList(hunk.from(), hunk.to())
          .forEach(line -> replaced.merge(line, 1, Integer::sum));
      for (String line : hunk.lines()) {
        Integer left = replaced.get(line);
        if (left != null && left > 0) {
          replaced.put(line, left - 1);
        } else {
          added++;
        }
      }
    }
    return added;
  }

  /** Hunks that touch become one: a patch's hunks must be separated by context. */
  private static List<SessionScript.Hunk> joinAdjacent(List<SessionScript.Hunk> hunks) {
    List<SessionScript.Hunk> out = new ArrayList<>();
    for (SessionScript.Hunk hunk : hunks) {
      SessionScript.Hunk last = out.isEmpty() ? null : out.getLast();
      if (last != null && last.to() == hunk.from()) {
        List<String> joined = new ArrayList<>(last.lines());
        joined.addAll(hunk.lines());
        out.set(out.size() - 1, new SessionScript.Hunk(last.from(), hunk.to(), joined));
      } else {
        out.add(hunk);
      }
    }
    return out;
  }
}
