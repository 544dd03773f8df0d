package dev.goodhart.git.fate;

import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * Lines known to be AI-written, per commit and file, from line-level records (git-ai notes). Line
 * numbers are 0-based positions in the file as of that commit.
 */
@FunctionalInterface
public interface AiLines {
  AiLines NONE = (sha, path) -> null;

  /** The AI-written lines of {@code path} in commit {@code sha}, or null when none are known. */
  @Nullable BitSet of(String sha, String path);
}
