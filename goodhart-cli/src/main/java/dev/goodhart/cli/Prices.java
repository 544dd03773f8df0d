package dev.goodhart.cli;

import dev.goodhart.ingest.prices.PriceFiles;
import dev.goodhart.model.pricing.PriceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * Which prices a run uses: {@code --price-file} first, then the table {@code prices update} stored
 * in the data folder, then the snapshots built into goodhart. A model any layer prices takes the
 * first layer's price.
 */
final class Prices {
  static final String UPDATED_FILE = "prices/prices.json";

  private Prices() {}

  static PriceTable load(CliContext context, @Nullable Path priceFile) {
    return start(context, priceFile).get();
  }

  /**
   * Reads the user's price files now, so that a bad one fails before any work, and the built-in
   * tables on a thread of their own, since they never fail and take a while to parse; {@link
   * Loading#get()} joins the two.
   */
  static Loading start(CliContext context, @Nullable Path priceFile) {
    List<PriceTable> newer = new ArrayList<>();
    Path updated = context.dataDirectory().resolve(UPDATED_FILE);
    if (Files.isRegularFile(updated)) {
      newer.add(PriceFiles.read(updated));
    }
    if (priceFile != null) {
      newer.add(PriceFiles.read(priceFile));
    }
    FutureTask<PriceTable> builtIn = new FutureTask<>(PriceFiles::builtIn);
    Thread thread = new Thread(builtIn, "goodhart-prices");
    thread.setDaemon(true);
    thread.start();
    return new Loading(builtIn, newer);
  }

  /** Price tables being read. */
  record Loading(FutureTask<PriceTable> builtIn, List<PriceTable> newer) {
    PriceTable get() {
      PriceTable table;
      try {
        table = builtIn.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the built-in prices", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("the built-in prices cannot be read", e.getCause());
      }
      for (PriceTable override : newer) {
        table = table.overriddenBy(override);
      }
      return table;
    }
  }
}
