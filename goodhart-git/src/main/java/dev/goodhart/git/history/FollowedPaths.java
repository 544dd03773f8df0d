package dev.goodhart.git.history;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The files whose lines line provenance follows one by one: those some agent wrote. A log names a
 * file by an absolute path on its machine (or one relative to the session's folder), a commit by
 * its path in the repository, so a repository path is followed when it ends some written path at a
 * folder boundary (a superset of what line provenance matches). The lines of other files can never
 * be an agent's, and following them cost a history with a vendored tree most of a scan.
 */
public final class FollowedPaths {
  /** Every path: for a scan that does not know what agents wrote. */
  public static final FollowedPaths ALL = new FollowedPaths(null);

  private final @Nullable Map<String, Instant> firstWritten;
  private final Set<String> suffixes = new HashSet<>();

  private FollowedPaths(@Nullable Map<String, Instant> firstWritten) {
    this.firstWritten = firstWritten == null ? null : new TreeMap<>(firstWritten);
    if (firstWritten != null) {
      firstWritten.keySet().forEach(this::addSuffixes);
    }
  }

  /** The paths agents wrote, each with the first moment one wrote it. */
  public static FollowedPaths of(Map<String, Instant> firstWritten) {
    return new FollowedPaths(requireNonNull(firstWritten, "firstWritten is null"));
  }

  /** Whether every path is followed. */
  public boolean all() {
    return firstWritten == null;
  }

  /** The written paths and their first writes; empty when {@link #all()}. */
  public Map<String, Instant> firstWritten() {
    return firstWritten == null ? Map.of() : firstWritten;
  }

  /** Whether the lines of the file at {@code relative}, a path in the repository, are followed. */
  public boolean follows(@Nullable String relative) {
    return relative != null && (firstWritten == null || suffixes.contains(relative));
  }

  /**
   * Whether a change's lines are followed: by the file's new path or the one it was renamed from.
   */
  public boolean follows(@Nullable String oldPath, @Nullable String newPath) {
    return follows(newPath) || follows(oldPath);
  }

  /**
   * Whether a walk that followed {@code previous} up to commits made at {@code walkedUntil} can go
   * on under these paths: every path written since it was first written after those commits, so
   * none of them can hold its lines.
   */
  public boolean extend(FollowedPaths previous, Instant walkedUntil) {
    if (previous.all()) {
      return true;
    }
    if (all()) {
      return false;
    }
    for (Map.Entry<String, Instant> path : firstWritten.entrySet()) {
      if (!previous.firstWritten().containsKey(path.getKey())
          && !path.getValue().isAfter(walkedUntil)) {
        return false;
      }
    }
    return true;
  }

  private void addSuffixes(String written) {
    String path = written.replace('\\', '/');
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    suffixes.add(path.substring(start));
    for (int slash = path.indexOf('/', start); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (slash + 1 < path.length()) {
        suffixes.add(path.substring(slash + 1));
      }
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FollowedPaths that && Objects.equals(firstWritten, that.firstWritten);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(firstWritten);
  }

  @Override
  public String toString() {
    return firstWritten == null ? "FollowedPaths[all]" : "FollowedPaths" + firstWritten.keySet();
  }
}
