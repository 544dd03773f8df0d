package dev.goodhart.git.history;

import dev.goodhart.git.Git;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Blob contents from one {@code git cat-file --batch}, started at the first question: rename
 * choices need the contents of a few files in a few commits, and a process per blob would cost more
 * than the reading.
 */
final class BlobReader implements AutoCloseable {
  private final Git git;
  private Git.@Nullable Dialog cat;
  private @Nullable OutputStream requests;
  private @Nullable InputStream answers;

  BlobReader(Git git) {
    this.git = git;
  }

  /** The blob's bytes, or null when the repository lacks it. */
  byte @Nullable [] read(String blob) {
    try {
      if (cat == null) {
        cat = git.dialog(List.of("cat-file", "--batch"));
        requests = new BufferedOutputStream(cat.input());
        answers = new BufferedInputStream(cat.output(), 1 << 16);
      }
      requests.write((blob + "\n").getBytes(StandardCharsets.US_ASCII));
      requests.flush();
      // "<oid> blob <size>\n<content>\n", or "<oid> missing\n"
      String header = headerLine(answers);
      String[] fields = header.split(" ");
      if (fields.length != 3) {
        return null;
      }
      byte[] content = answers.readNBytes(Integer.parseInt(fields[2]));
      answers.read(); // the line feed after the content
      return content;
    } catch (IOException | NumberFormatException e) {
      throw new GoodhartException(
          ErrorCode.GIT_FAILURE, "cannot read blob " + blob + " from git", e);
    }
  }

  private static String headerLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("git cat-file stopped answering");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    if (cat != null) {
      cat.close();
      cat = null;
    }
  }
}
