package dev.goodhart.store.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A connection's temporary staging tables, made when it first writes, not when it opens: a server
 * opens a connection for every read, and making them (with their staging files' column lookups)
 * took 25 ms of each.
 */
final class TempTables {
  private final Connection connection;
  private final String[] definitions;
  private boolean made;

  TempTables(Connection connection, String... definitions) {
    this.connection = connection;
    this.definitions = definitions.clone();
  }

  /**
   * Makes the tables unless this connection has them already. Made inside a transaction, they go
   * with it if it rolls back (a write on a full disk), so they count as made only once made outside
   * one: writers ensure them before they begin.
   */
  void ensure() throws SQLException {
    if (made) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      for (String definition : definitions) {
        statement.execute(definition);
      }
    }
    made = connection.getAutoCommit();
  }
}
