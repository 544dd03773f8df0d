package dev.goodhart.git.history;

import dev.goodhart.git.Git;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the installed git's rename detection does, where versions differ: from 2.31 it first pairs a
 * destination with the one source of the same file name when they are 75% alike; from 2.43.2 a last
 * line without a line feed counts towards similarity. Both change which source blame follows.
 */
record RenameRules(boolean basenames, boolean lastLine) {
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /** The rules of the git the scan runs. */
  static RenameRules of(Git git) {
    return ofVersion(git.tryRun("version").orElse(""));
  }

  /** The rules of the git whose {@code git version} printed {@code version}; newest if unknown. */
  static RenameRules ofVersion(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.find()) {
      return new RenameRules(true, true);
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    int number = major * 1_000_000 + minor * 1_000 + patch;
    return new RenameRules(number >= 2_031_000, number >= 2_043_002);
  }
}
