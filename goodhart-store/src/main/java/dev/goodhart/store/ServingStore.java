package dev.goodhart.store;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a goodhart server keeps, with a second connection for readers: the server answers
 * queries on a reader while its one writer ingests, so a long report never holds up an exporter.
 */
public interface ServingStore
    extends Store, TelemetryStore, DeliveryStore, AccessStore, BillingStore {
  /**
   * Stores telemetry's usage events and signals in one transaction. Telemetry's copies of a request
   * are an exporter's retries of one record (same key, same time): a copy already stored stays, and
   * only stored events of the batch's own time span are compared, so a commit costs the same in a
   * small store and a large one. Events must have no de-duplication group.
   */
  void appendTelemetry(List<UsageEvent> events, List<SessionSignal> signals);

  /**
   * Lets the write-ahead log grow to {@code walLimit} (DuckDB's size syntax, e.g. {@code 1GB})
   * before DuckDB checkpoints by itself: a checkpoint holds up the commit that triggers it, which a
   * server would rather do in a quiet moment ({@link #checkpoint()}).
   */
  void deferCheckpoints(String walLimit);

  /** Writes the write-ahead log into the database file now. */
  void checkpoint();

  /** The folder the store keeps its files in; a server keeps its journal beside them. */
  Path directory();

  /** A view of the same facts on its own connection; close it before this store. */
  ServingStore reader();

  /**
   * Opens the store's file again if a fatal error (a checkpoint that could not write on a full
   * disk) left its database unusable, closing every reader first; returns whether it did. Throws
   * when the file cannot be opened yet, so that the caller tries again later.
   */
  boolean reopenIfInvalidated();
}
