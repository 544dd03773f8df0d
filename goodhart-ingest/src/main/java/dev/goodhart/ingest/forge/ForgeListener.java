package dev.goodhart.ingest.forge;

import java.time.Duration;
import java.time.Instant;

/** Hears how an import from a forge goes: for a progress bar and for messages as things happen. */
public interface ForgeListener {
  ForgeListener SILENT = new ForgeListener() {};

  /** The pull requests there are to read, as far as the answers so far tell; it may grow. */
  default void expected(long pullRequests) {}

  /** One more pull request was read (stored, or found unchanged). */
  default void pullRequestRead() {}

  /** Reading saved files: this many bytes in all. */
  default void expectedBytes(long bytes) {}

  /** Reading saved files: this many more bytes were read. */
  default void bytesRead(long bytes) {}

  /** Something could not be read and was skipped. */
  default void problem(ForgeProblem problem) {}

  /**
   * The import waits before its next request.
   *
   * @param why a sentence: {@code GitHub's rate limit is spent}
   */
  default void waiting(Duration wait, Instant until, String why) {}
}
