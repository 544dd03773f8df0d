package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.SessionScript.Hunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One edit of a file: the file before (null when the edit creates it), after, and the lines of the
 * file before that it replaced.
 */
record FileChange(String path, @Nullable SourceFile before, SourceFile after, List<Hunk> hunks) {
  FileChange {
    hunks = List.copyOf(hunks);
  }

  /**
   * The lines the edit wrote, as an agent's log shows them: a new file's every line; else each
   * hunk's new lines less those of the lines it replaced (a replacement repeats what it keeps).
   */
  List<String> written() {
    SourceFile old = before;
    if (old == null) {
      return after.lines();
    }
    List<String> lines = old.lines();
    List<String> written = new ArrayList<>();
    for (Hunk hunk : hunks) {
      Map<String, Integer> replaced = new HashMap<>();
      lines.subList(hunk.from(), hunk.to()).forEach(line -> replaced.merge(line, 1, Integer::sum));
      for (String line : hunk.lines()) {
        Integer left = replaced.get(line);
        if (left != null && left > 0) {
          replaced.put(line, left - 1);
        } else {
          written.add(line);
        }
      }
    }
    return written;
  }
}
