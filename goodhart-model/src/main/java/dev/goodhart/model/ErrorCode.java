package dev.goodhart.model;

import static java.util.Objects.requireNonNull;

/**
 * Every failure goodhart reports has one of these codes. The kind decides how a front end reacts:
 * the CLI maps it to an exit code, a server to an HTTP status.
 */
public enum ErrorCode {
  USAGE_ERROR(Kind.USER),
  UNKNOWN_SOURCE(Kind.USER),
  BAD_DATE(Kind.USER),
  BAD_TIME_ZONE(Kind.USER),
  BAD_PRICE_FILE(Kind.USER),
  PATH_NOT_FOUND(Kind.USER),
  NOT_A_REPOSITORY(Kind.USER),
  UNKNOWN_BRANCH(Kind.USER),
  BAD_RECORD(Kind.BAD_INPUT),
  UNREADABLE_FILE(Kind.BAD_INPUT),
  STORE_LOCKED(Kind.EXTERNAL),
  STORE_FAILURE(Kind.EXTERNAL),
  IO_FAILURE(Kind.EXTERNAL),
  GIT_FAILURE(Kind.EXTERNAL),
  /**
   * A forge or a vendor's API refused the token (401) or the request (403 without a rate limit).
   */
  FORGE_REFUSED(Kind.EXTERNAL),
  /**
   * A forge does not know the repository, or does not show it to the token; a vendor's API has no
   * such report.
   */
  FORGE_NOT_FOUND(Kind.EXTERNAL),
  /** A forge's or a vendor's rate limit would take longer to lift than the caller will wait. */
  RATE_LIMITED(Kind.EXTERNAL),
  /** The network failed, or a server kept answering with errors, after the retries. */
  NETWORK_FAILURE(Kind.EXTERNAL),
  OUT_OF_RESOURCES(Kind.RESOURCES),
  INTERNAL_ERROR(Kind.INTERNAL);

  /** Who has to act: the user fixing a command line, the input's author, the environment, or us. */
  public enum Kind {
    /** A mistake on the command line or in configuration: fix the command. */
    USER,
    /** The input held records that could not be read; fatal only under {@code --strict}. */
    BAD_INPUT,
    /**
     * Something outside goodhart failed: a file system, a lock held by another process, the
     * network.
     */
    EXTERNAL,
    /** Memory or disk ran out. */
    RESOURCES,
    /** A bug in goodhart. */
    INTERNAL
  }

  private final Kind kind;

  ErrorCode(Kind kind) {
    this.kind = requireNonNull(kind, "kind is null");
  }

  public Kind kind() {
    return kind;
  }
}
