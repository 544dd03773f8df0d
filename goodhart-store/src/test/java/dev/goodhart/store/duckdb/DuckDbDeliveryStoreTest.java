package dev.goodhart.store.duckdb;

import dev.goodhart.store.DeliveryStore;
import dev.goodhart.store.DeliveryStoreConformanceTest;
import java.nio.file.Path;

class DuckDbDeliveryStoreTest extends DeliveryStoreConformanceTest {
  @Override
  protected DeliveryStore open(Path folder) {
    return DuckDbStore.open(folder, new DuckDbStore.Settings("128MB", 2));
  }

  @Override
  protected void close(DeliveryStore store) {
    ((DuckDbStore) store).close();
  }
}
