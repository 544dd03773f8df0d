package dev.goodhart.server;

/** A journal record that cannot be read back: torn by a crash, or damaged on disk. */
final class JournalFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JournalFormatException(String message) {
    super(message);
  }
}
