package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.access.ApiToken;
import dev.goodhart.model.access.Scope;
import dev.goodhart.server.ApiTokens;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code goodhart token}: made once, kept hashed, listed without secrets, revoked. */
class TokenCommandTest {
  @TempDir Path folder;

  @Test
  void aTokenIsShownOnceKeptHashedListedAndRevoked() {
    CliHarness cli = new CliHarness(folder);
    CliHarness.Result made = cli.run("token", "create", "--scope", "ingest,read", "--name", "ci");
    assertEquals(0, made.exitCode(), made.toString());
    String token = made.out().strip();
    String id = ApiTokens.idOf(token).orElseThrow();
    try (DuckDbStore store = DuckDbStore.open(cli.data, DuckDbStore.Settings.defaults())) {
      ApiToken stored = store.token(id).orElseThrow();
      assertEquals(Set.of(Scope.INGEST, Scope.READ), stored.scopes());
      assertTrue(ApiTokens.matches(token, stored));
      assertFalse(stored.secretHash().contains(token.substring(17)), "the secret is not stored");
    }
    CliHarness.Result list = cli.run("token", "list");
    assertTrue(list.out().contains(id) && list.out().contains("ingest,read"), list.toString());
    assertFalse(list.out().contains(token), "a listing never shows the token");

    assertEquals(0, cli.run("token", "revoke", id).exitCode());
    assertTrue(cli.run("token", "list").out().contains("revoked"));
    CliHarness.Result again = cli.run("token", "revoke", id);
    assertEquals(2, again.exitCode(), again.toString());
    assertTrue(again.err().contains("no active token"), again.toString());

    CliHarness.Result bad = cli.run("token", "create", "--scope", "root");
    assertEquals(2, bad.exitCode(), bad.toString());
    assertTrue(bad.err().contains("'root' is unknown"), bad.toString());
  }
}
