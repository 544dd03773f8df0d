package dev.goodhart.cli;

import dev.goodhart.store.duckdb.DuckDbStore;
import java.nio.file.Path;

/**
 * A second process that holds a store open until it is killed, as a long import or a server would.
 */
public final class HoldStore {
  private HoldStore() {}

  public static void main(String[] args) throws InterruptedException {
    try (DuckDbStore store = DuckDbStore.open(Path.of(args[0]), DuckDbStore.Settings.defaults())) {
      System.out.println("holding " + store.file());
      System.out.flush();
      Thread.sleep(120_000);
    }
  }
}
