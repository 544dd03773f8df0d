package dev.goodhart.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@code git fast-import} stream: commits with inline blobs, marks {@code :1, :2, ...} in
 * the order the commits are written, and {@code done} at the end. One fast-import process makes a
 * history of thousands of commits in seconds, where a git command per commit would take minutes.
 */
final class FastImportWriter implements AutoCloseable {
  private final OutputStream out;
  private int marks;

  FastImportWriter(OutputStream out) {
    this.out = new BufferedOutputStream(out, 1 << 16);
  }

  /**
   * Writes a commit on {@code ref} and returns its mark.
   *
   * @param parents marks of the parents, first parent first; none for a root commit
   */
  int commit(
      String ref,
      CommitAuthors.Authorship authorship,
      long authoredAt,
      long committedAt,
      String message,
      List<Integer> parents,
      List<FileCommand> commands) {
    int mark = ++marks;
    text("commit " + ref + "\n");
    text("mark :" + mark + "\n");
    text("author " + authorship.author().at(authoredAt) + "\n");
    text("committer " + authorship.committer().at(committedAt) + "\n");
    data(message.getBytes(StandardCharsets.UTF_8));
    for (int p = 0; p < parents.size(); p++) {
      text((p == 0 ? "from :" : "merge :") + parents.get(p) + "\n");
    }
    for (FileCommand command : commands) {
      switch (command) {
        case FileCommand.Modify modify -> {
          text("M 100644 inline " + checked(modify.path()) + "\n");
          data(modify.content());
        }
        case FileCommand.Delete delete -> text("D " + checked(delete.path()) + "\n");
        case FileCommand.Rename rename ->
            text("R " + checked(rename.from()) + " " + checked(rename.path()) + "\n");
      }
    }
    text("\n");
    return mark;
  }

  @Override
  public void close() {
    text("done\n");
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("git fast-import stopped reading its input", e);
    }
  }

  private void data(byte[] bytes) {
    text("data " + bytes.length + "\n");
    write(bytes);
    text("\n");
  }

  private void text(String text) {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  private void write(byte[] bytes) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("git fast-import stopped reading its input", e);
    }
  }

  /**
   * Paths are written unquoted, so they must not need quoting: the generator makes none that do.
   */
  private static String checked(@Nullable String path) {
    if (path == null || path.isEmpty() || path.matches(".*[\\s\"\\\\].*") || path.startsWith("/")) {
      throw new IllegalArgumentException("a path fast-import would need quoted: '" + path + "'");
    }
    return path;
  }
}
