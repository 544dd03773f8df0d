package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeProblem;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.billing.VendorUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Vendors' answers saved to files ({@code curl ... > page1.json}, a report's NDJSON download),
 * imported whatever their order: every row is stored by its bucket and line, so pages saved twice,
 * overlapping saves and a second import of the same files add nothing. Saved files move no API
 * cursor: a file says nothing of what the API would answer now.
 */
public final class VendorSavedFiles {
  private static final int BATCH_ROWS = 5_000;

  private final VendorReader reader;

  public VendorSavedFiles(VendorReader reader) {
    this.reader = requireNonNull(reader, "reader is null");
  }

  /**
   * @throws GoodhartException under {@code strict}, at the first unreadable row or value; or when a
   *     file cannot be read. What was read before stays stored.
   */
  public VendorImportSummary read(
      List<Path> files, VendorTarget target, boolean strict, ForgeListener listener) {
    long bytes = 0;
    for (Path file : files) {
      try {
        bytes += Files.size(file);
      } catch (IOException e) {
        throw unreadable(file, e);
      }
    }
    listener.expectedBytes(bytes);
    Reading reading = new Reading(target, strict, listener);
    for (Path file : files) {
      try {
        reader.read(file, reading, listener);
      } catch (IOException e) {
        reading.flush();
        throw unreadable(file, e);
      }
    }
    reading.flush();
    return new VendorImportSummary(
        reading.tally.reports(),
        reading.values,
        reading.ignored,
        reading.badRecords,
        0,
        false,
        Duration.ZERO);
  }

  private static GoodhartException unreadable(Path file, IOException e) {
    return new GoodhartException(
        ErrorCode.PATH_NOT_FOUND, "cannot read '%s': %s".formatted(file, e.getMessage()), e);
  }

  /** One import: rows gathered into batches, problems counted. */
  private static final class Reading implements VendorReader.Handler {
    private final VendorTarget target;
    private final boolean strict;
    private final ForgeListener listener;
    private final List<VendorUsage> batch = new ArrayList<>();
    final ReportTally tally = new ReportTally();
    int values;
    int ignored;
    int badRecords;

    Reading(VendorTarget target, boolean strict, ForgeListener listener) {
      this.target = target;
      this.strict = strict;
      this.listener = listener;
    }

    @Override
    public void page(VendorPage page) {
      values++;
      if (page.format() != null) {
        tally.add(page.format(), page.rows());
      }
      batch.addAll(page.rows());
      if (page.ignored() != null) {
        ignored++;
      }
      page.problems().forEach(this::problem);
      if (batch.size() >= BATCH_ROWS) {
        flush();
      }
    }

    @Override
    public void broken(ForgeProblem problem) {
      problem(problem);
    }

    private void problem(ForgeProblem problem) {
      badRecords++;
      listener.problem(problem);
      if (strict) {
        flush();
        throw new GoodhartException(
            ErrorCode.BAD_RECORD,
            problem.message()
                + "; what was read before it is stored (without --strict it is skipped)");
      }
    }

    void flush() {
      if (!batch.isEmpty()) {
        target.record(List.copyOf(batch), List.of());
        batch.clear();
      }
    }
  }
}
