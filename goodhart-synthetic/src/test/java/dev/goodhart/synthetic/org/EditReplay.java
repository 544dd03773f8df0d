package dev.goodhart.synthetic.org;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Applies a session's edits, as its log states them, to the files as they were before it: the way
 * Claude Code applies {@code old_string}/{@code new_string} (each must occur exactly once) and
 * Codex applies a patch (hunks found by their context, top to bottom). What comes out must be what
 * the session's commits hold.
 */
final class EditReplay {
  private final Function<String, String> before;
  private final Map<String, String> files = new TreeMap<>();
  private final Set<String> touched = new LinkedHashSet<>();

  /** {@code before} gives a file's text (by absolute path) before the session, null if none. */
  EditReplay(Function<String, String> before) {
    this.before = before;
  }

  void apply(SessionLog.Event event) {
    switch (event) {
      case SessionLog.Edit edit -> {
        String text = current(edit.path());
        for (String[] replacement : edit.replacements()) {
          int at = text.indexOf(replacement[0]);
          if (at < 0 || text.indexOf(replacement[0], at + 1) >= 0) {
            throw new AssertionError("old_string is not unique in " + edit.path());
          }
          text =
              text.substring(0, at) + replacement[1] + text.substring(at + replacement[0].length());
        }
        put(edit.path(), text);
      }
      case SessionLog.Create create -> put(create.path(), create.content());
      case SessionLog.Patch patch -> patch(patch);
      case SessionLog.Committed committed -> {}
    }
  }

  /** Files edited since the last call, and their text now. */
  Map<String, String> takeTouched() {
    Map<String, String> out = new TreeMap<>();
    touched.forEach(path -> out.put(path, files.get(path)));
    touched.clear();
    return out;
  }

  private String current(String path) {
    String text = files.get(path);
    if (text == null) {
      text = before.apply(path);
    }
    if (text == null) {
      throw new AssertionError("the session edits " + path + ", which does not exist");
    }
    return text;
  }

  private void put(String path, String text) {
    files.put(path, text);
    touched.add(path);
  }

  private void patch(SessionLog.Patch patch) {
    List<String> lines = Arrays.asList(patch.text().split("\n", -1));
    if (!lines.getFirst().equals("*** Begin Patch")) {
      throw new AssertionError("a patch starts with '" + lines.getFirst() + "'");
    }
    int i = 1;
    while (!lines.get(i).equals("*** End Patch")) {
      String line = lines.get(i);
      if (line.startsWith("*** Add File: ")) {
        String path = resolve(patch.cwd(), line.substring(14));
        StringBuilder text = new StringBuilder();
        for (i++; lines.get(i).startsWith("+"); i++) {
          text.append(lines.get(i).substring(1)).append('\n');
        }
        put(path, text.toString());
      } else if (line.startsWith("*** Update File: ")) {
        String path = resolve(patch.cwd(), line.substring(17));
        List<String> file = new ArrayList<>(Arrays.asList(current(path).split("\n", -1)));
        file.removeLast(); // the text ends with a newline
        int cursor = 0;
        for (i++; lines.get(i).equals("@@"); ) {
          List<String> old = new ArrayList<>();
          List<String> replacement = new ArrayList<>();
          for (i++; !lines.get(i).startsWith("@@") && !lines.get(i).startsWith("*** "); i++) {
            String hunkLine = lines.get(i);
            char kind = hunkLine.charAt(0);
            if (kind != '+') {
              old.add(hunkLine.substring(1));
            }
            if (kind != '-') {
              replacement.add(hunkLine.substring(1));
            }
          }
          int at = find(file, old, cursor);
          file.subList(at, at + old.size()).clear();
          file.addAll(at, replacement);
          cursor = at + replacement.size();
        }
        put(path, String.join("\n", file) + "\n");
      } else {
        throw new AssertionError("unexpected patch line '" + line + "'");
      }
    }
  }

  private static int find(List<String> file, List<String> part, int from) {
    for (int at = from; at + part.size() <= file.size(); at++) {
      if (file.subList(at, at + part.size()).equals(part)) {
        return at;
      }
    }
    throw new AssertionError("a hunk's context is not in the file: " + part);
  }

  private static String resolve(String cwd, String path) {
    return Path.of(cwd).resolve(path).normalize().toString();
  }
}
