package dev.goodhart.metrics.provenance;

import java.util.List;

/**
 * Whether a file an agent wrote is a file of a repository, path for path. An agent's log names a
 * file by its absolute path on the machine it ran on (or relative, when the log gives no folder); a
 * commit by its path in the repository. A file inside this repository's folder is the one at the
 * same relative path; a file inside another scanned repository's folder is never this one's; a file
 * elsewhere (a worktree, a clone in another folder, another machine's home) is the one whose
 * relative path ends its path.
 */
final class RepositoryPaths {
  private final String root;
  private final List<String> otherRoots;

  /**
   * @param root the repository's folder
   * @param otherRoots the folders of the other scanned repositories
   */
  RepositoryPaths(String root, List<String> otherRoots) {
    this.root = slash(root);
    this.otherRoots =
        otherRoots.stream()
            .map(RepositoryPaths::slash)
            // A folder holding this one (a repository nested in another) does not exclude it.
            .filter(other -> !this.root.startsWith(other))
            .toList();
  }

  /**
   * What a written path says about this repository: the relative path it must equal ({@code
   * "=src/a.py"}), the suffix a relative path must end it ({@code "~/home/x/wt/src/a.py"}), or
   * nothing (null) when it lies in another repository.
   */
  String key(String written) {
    for (String other : otherRoots) {
      if (written.startsWith(other)) {
        return null; // another repository's, even one nested in this one's folder
      }
    }
    if (written.startsWith(root)) {
      return "=" + written.substring(root.length());
    }
    return "~" + (written.startsWith("/") ? written : "/" + written);
  }

  /** Whether a written path's {@link #key} names {@code relative}, a path in the repository. */
  static boolean matches(String key, String relative) {
    if (key.charAt(0) == '=') {
      return key.length() - 1 == relative.length() && key.endsWith(relative);
    }
    return key.length() > relative.length() + 1
        && key.endsWith(relative)
        && key.charAt(key.length() - relative.length() - 1) == '/';
  }

  private static String slash(String folder) {
    String f = folder.replace('\\', '/');
    return f.endsWith("/") ? f : f + "/";
  }
}
