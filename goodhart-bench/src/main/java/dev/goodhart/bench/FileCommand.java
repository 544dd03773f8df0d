package dev.goodhart.bench;

import static java.util.Objects.requireNonNull;

/** What a commit does to one path, as fast-import's {@code M}, {@code D} and {@code R} say it. */
sealed interface FileCommand {
  /** The path, or paths, of the file, so that a commit message can name what it changed. */
  String path();

  /** The file at {@code path} now has these bytes: an addition or a modification. */
  record Modify(String path, byte[] content) implements FileCommand {
    public Modify {
      requireNonNull(path, "path is null");
      requireNonNull(content, "content is null");
    }
  }

  record Delete(String path) implements FileCommand {
    public Delete {
      requireNonNull(path, "path is null");
    }
  }

  /** The file moves with its content; a {@link Modify} of {@code path} may follow to edit it. */
  record Rename(String from, String path) implements FileCommand {
    public Rename {
      requireNonNull(from, "from is null");
      requireNonNull(path, "path is null");
    }
  }
}
