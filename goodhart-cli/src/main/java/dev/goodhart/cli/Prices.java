package dev.goodhart.cli;

import dev.goodhart.ingest.prices.PriceFiles;
import dev.goodhart.model.pricing.PriceTable;
import java.nio.file.Files;
import java.nio.file.Path;
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
    PriceTable table = PriceFiles.builtIn();
    Path updated = context.dataDirectory().resolve(UPDATED_FILE);
    if (Files.isRegularFile(updated)) {
      table = table.overriddenBy(PriceFiles.read(updated));
    }
    if (priceFile != null) {
      table = table.overriddenBy(PriceFiles.read(priceFile));
    }
    return table;
  }
}
