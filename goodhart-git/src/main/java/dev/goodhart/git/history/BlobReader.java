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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Blob sizes and contents from {@code git cat-file --batch-check} and {@code --batch}, each started
 * at its first question: rename choices need a few files of a few commits, and a process per blob
 * would cost more than the reading. Questions go in batches, all written before the answers are
 * read (one round trip per batch, not per blob); a batch is small enough that its questions fit in
 * the pipe while git is still busy answering, so neither side waits for the other forever.
 */
final class BlobReader implements AutoCloseable {
  private static final int BATCH = 256;

  private final Git git;
  private final Channel sizes = new Channel("--batch-check");
  private final Channel contents = new Channel("--batch");

  BlobReader(Git git) {
    this.git = git;
  }

  /** Every blob's size in bytes; a blob the repository lacks is left out. */
  Map<String, Long> sizes(List<String> blobs) {
    Map<String, Long> found = new HashMap<>();
    sizes.ask(blobs, (blob, size, in) -> found.put(blob, size));
    return found;
  }

  /** Every blob's bytes; a blob the repository lacks is left out. */
  Map<String, byte[]> read(List<String> blobs) {
    Map<String, byte[]> found = new HashMap<>();
    contents.ask(
        blobs,
        (blob, size, in) -> {
          found.put(blob, in.readNBytes((int) size));
          in.read(); // the line feed after the content
        });
    return found;
  }

  @Override
  public void close() {
    sizes.close();
    contents.close();
  }

  @FunctionalInterface
  private interface Answer {
    /** Reads what follows the header of a blob that exists. */
    void found(String blob, long size, InputStream in) throws IOException;
  }

  /** One {@code cat-file} process and its pipes. */
  private final class Channel implements AutoCloseable {
    private final String mode;
    private Git.@Nullable Dialog cat;
    private @Nullable OutputStream questions;
    private @Nullable InputStream answers;

    Channel(String mode) {
      this.mode = mode;
    }

    void ask(List<String> blobs, Answer answer) {
      try {
        if (cat == null) {
          cat = git.dialog(List.of("cat-file", mode));
          questions = new BufferedOutputStream(cat.input());
          answers = new BufferedInputStream(cat.output(), 1 << 16);
        }
        for (int from = 0; from < blobs.size(); from += BATCH) {
          List<String> batch = blobs.subList(from, Math.min(blobs.size(), from + BATCH));
          for (String blob : batch) {
            questions.write((blob + "\n").getBytes(StandardCharsets.US_ASCII));
          }
          questions.flush();
          for (String blob : batch) {
            // "<oid> blob <size>\n" (and, for --batch, the content and a line feed), or
            // "<oid> missing\n"
            String[] fields = headerLine(answers).split(" ");
            if (fields.length == 3) {
              answer.found(blob, Long.parseLong(fields[2]), answers);
            }
          }
        }
      } catch (IOException | NumberFormatException e) {
        throw new GoodhartException(ErrorCode.GIT_FAILURE, "cannot read blobs from git", e);
      }
    }

    @Override
    public void close() {
      if (cat != null) {
        cat.close();
        cat = null;
      }
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
}
