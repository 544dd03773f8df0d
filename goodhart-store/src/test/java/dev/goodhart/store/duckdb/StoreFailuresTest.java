package dev.goodhart.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which of DuckDB's errors call for opening the file again. The stuck connection's message is the
 * one a server's writer logged, word for word, after the Java heap ran out in the middle of a query
 * (bench/org-scale at 10M events); its cause could not be made on demand in a test, so the recovery
 * itself is the one {@link DuckDbFailedCommitTest} and the server's full-disk test check.
 */
class StoreFailuresTest {
  @Test
  void aConnectionWithAnOpenResultIsStuck() {
    assertTrue(
        StoreFailures.isStuck(
            "Resource In Use Error: connection has an open result; drain or destroy it before"
                + " starting a new query"));
    assertFalse(StoreFailures.isStuck("Constraint Error: Duplicate key \"id: 1\""));
    assertFalse(StoreFailures.isStuck("IO Error: No space left on device"));
  }

  @Test
  void aFatalErrorInvalidatesTheDatabase() {
    assertTrue(StoreFailures.isInvalidated("FATAL Error: Failed to create checkpoint"));
    assertTrue(
        StoreFailures.isInvalidated(
            "Invalid Input Error: database has been invalidated because of a previous fatal error"));
    assertFalse(StoreFailures.isInvalidated("IO Error: No space left on device"));
  }
}
