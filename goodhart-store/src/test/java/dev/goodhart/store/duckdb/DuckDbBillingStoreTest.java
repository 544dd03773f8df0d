package dev.goodhart.store.duckdb;

import dev.goodhart.store.BillingStore;
import dev.goodhart.store.BillingStoreConformanceTest;
import java.nio.file.Path;

class DuckDbBillingStoreTest extends BillingStoreConformanceTest {
  @Override
  protected BillingStore open(Path folder) {
    return DuckDbStore.open(folder, new DuckDbStore.Settings("128MB", 2));
  }

  @Override
  protected void close(BillingStore store) {
    ((DuckDbStore) store).close();
  }
}
