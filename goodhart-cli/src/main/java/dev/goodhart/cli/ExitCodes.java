package dev.goodhart.cli;

import dev.goodhart.model.ErrorCode;

/** The exit codes of the CLI contract. */
final class ExitCodes {
  static final int OK = 0;
  static final int INTERNAL = 1;
  static final int USAGE = 2;
  static final int BAD_INPUT = 3;
  static final int EXTERNAL = 4;

  private ExitCodes() {}

  static int of(ErrorCode code) {
    return switch (code.kind()) {
      case USER -> USAGE;
      case BAD_INPUT -> BAD_INPUT;
      case EXTERNAL, RESOURCES -> EXTERNAL;
      case INTERNAL -> INTERNAL;
    };
  }
}
