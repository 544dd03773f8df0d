package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.SessionScript.Hunk;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One edit of a file: the file before (null when the edit creates it), after, and the lines of the
 * file before that it replaced.
 */
record FileChange(String path, @Nullable SourceFile before, SourceFile after, List<Hunk> hunks) {
  FileChange {
    hunks = List.copyOf(hunks);
  }
}
