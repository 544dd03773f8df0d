package dev.goodhart.git.oracle;

import java.nio.file.Path;
import java.util.List;

/** A git command that exited with an error, with everything needed to run it again by hand. */
public final class GitCommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String standardError;

  GitCommandFailedException(Path directory, List<String> command, int exitCode, String stderr) {
    super(
        "git failed with exit code "
            + exitCode
            + " in '"
            + directory
            + "': "
            + String.join(" ", command)
            + (stderr.isBlank() ? "" : "\n" + stderr.strip()));
    this.exitCode = exitCode;
    this.standardError = stderr;
  }

  public int exitCode() {
    return exitCode;
  }

  public String standardError() {
    return standardError;
  }
}
