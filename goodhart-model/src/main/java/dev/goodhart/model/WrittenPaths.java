package dev.goodhart.model;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * The paths of files agents wrote, as their logs name them: absolute (Claude Code, Gemini CLI,
 * OpenCode) or relative to the session's folder (Codex patches). One spelling for both, so that
 * line provenance can compare them with the paths of a repository: forward slashes, no {@code .} or
 * {@code ..} steps, no doubled or trailing slash.
 */
public final class WrittenPaths {
  private WrittenPaths() {}

  /**
   * The path a log names, made absolute against {@code cwd} when it is relative and the folder is
   * known, and normalised; a relative path without a folder stays relative.
   */
  public static String resolve(@Nullable String cwd, String path) {
    String file = slashes(path.strip());
    if (!isAbsolute(file) && cwd != null && !cwd.isBlank()) {
      file = slashes(cwd.strip()) + "/" + file;
    }
    return normalise(file);
  }

  /** Whether a (slashed) path is absolute: a leading slash, or a drive letter. */
  public static boolean isAbsolute(String path) {
    return path.startsWith("/")
        || (path.length() >= 3
            && Character.isLetter(path.charAt(0))
            && path.charAt(1) == ':'
            && path.charAt(2) == '/');
  }

  /** Windows paths use backslashes; everything goodhart compares uses forward ones. */
  private static String slashes(String path) {
    return path.indexOf('\\') >= 0 ? path.replace('\\', '/') : path;
  }

  private static String normalise(String path) {
    boolean absolute = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    String joined = String.join("/", parts);
    return absolute ? "/" + joined : joined;
  }
}
