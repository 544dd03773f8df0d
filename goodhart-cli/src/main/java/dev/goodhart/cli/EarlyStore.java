package dev.goodhart.cli;

import dev.goodhart.store.duckdb.DuckDbStore;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Opens the store on a thread of its own while the command line is still being parsed. Loading
 * DuckDB's native library takes about a tenth of a second, as long as parsing the command line; an
 * incremental run, which has little else to do, overlaps the two. A store nobody claimed is closed
 * at the end.
 */
final class EarlyStore {
  private final Path dataDirectory;
  private final CompletableFuture<DuckDbStore> opening;
  private boolean claimed;

  private EarlyStore(Path dataDirectory, DuckDbStore.Settings settings) {
    this.dataDirectory = dataDirectory;
    this.opening =
        CompletableFuture.supplyAsync(
            () -> DuckDbStore.open(dataDirectory, settings),
            runnable -> {
              Thread thread = new Thread(runnable, "goodhart-open-store");
              thread.setDaemon(true);
              thread.start();
            });
  }

  static EarlyStore start(Path dataDirectory, DuckDbStore.Settings settings) {
    return new EarlyStore(dataDirectory, settings);
  }

  /**
   * The store, if it was opened for this data folder; a failure to open surfaces here, in the
   * command.
   */
  synchronized @Nullable DuckDbStore claim(Path directory) {
    if (claimed || !directory.equals(dataDirectory)) {
      return null;
    }
    claimed = true;
    try {
      return opening.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Closes the store if no command claimed it (a usage error, a help request). */
  synchronized void closeIfUnclaimed() {
    if (!claimed) {
      claimed = true;
      opening.thenAccept(DuckDbStore::close).exceptionally(e -> null).join();
    }
  }
}
