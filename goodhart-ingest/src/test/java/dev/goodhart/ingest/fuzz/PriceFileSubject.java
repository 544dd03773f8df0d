package dev.goodhart.ingest.fuzz;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.goodhart.ingest.prices.PriceFiles;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A price file as a user passes it ({@code --price-file}): written to disk and read through the
 * public entry points, whose documented failure is a {@link GoodhartException} with {@link
 * ErrorCode#BAD_PRICE_FILE}.
 */
final class PriceFileSubject implements Subject {
  private final Path file;

  PriceFileSubject(Path folder) {
    this.file = folder.resolve("prices.json");
  }

  @Override
  public Outcome read(byte[] input, Random random) {
    // Overwriting in place and cutting off the rest costs a tenth of Files.write, whose truncation
    // to zero would take most of the run's time on a journaling file system.
    try (FileChannel channel = FileChannel.open(file, CREATE, WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(input);
      while (bytes.hasRemaining()) {
        channel.write(bytes, bytes.position());
      }
      channel.truncate(input.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    @Nullable String rejection = documentedFailure(() -> PriceFiles.read(file));
    @Nullable String detection = documentedFailure(() -> PriceFiles.detect(file));
    if (rejection == null) {
      assertNull(detection, "a file read as a price table has no format");
      return Outcome.accepted(List.of(), List.of());
    }
    return Outcome.rejected(List.of(), List.of(), rejection);
  }

  private static @Nullable String documentedFailure(Runnable read) {
    try {
      read.run();
      return null;
    } catch (GoodhartException e) {
      if (e.code() != ErrorCode.BAD_PRICE_FILE) {
        throw e;
      }
      return e.getMessage();
    }
  }
}
