package dev.goodhart.ingest.forge;

import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.ForgeCursor;

/** Where an import from a forge keeps what it read: the store, for the command line. */
public interface ForgeTarget {
  /** What earlier imports saw of the repository. */
  ForgeCursor cursor(String forge, String repository);

  /** Stores the facts and the cursor's update together, or neither. */
  void record(DeliveryBatch facts, ForgeCursor progress);
}
