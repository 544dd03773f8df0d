package dev.goodhart.store;

/**
 * Everything a goodhart server keeps, with a second connection for readers: the server answers
 * queries on a reader while its one writer ingests, so a long report never holds up an exporter.
 */
public interface ServingStore extends Store, TelemetryStore, DeliveryStore, AccessStore {
  /** A view of the same facts on its own connection; close it before this store. */
  ServingStore reader();
}
