package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB allows one process per file: a second goodhart is told so and exits 4, instead of waiting
 * or failing oddly.
 */
class StoreInUseTest {
  @TempDir Path folder;

  @Test
  void aSecondProcessOnTheSameStoreExitsWithFourAndSaysWhy() throws Exception {
    CliHarness cli = new CliHarness(folder);
    Path log = folder.resolve("holder.log");
    Process holder = JavaProcess.start(HoldStore.class, Map.of(), log, cli.data.toString());
    try {
      for (int i = 0; i < 300 && !Files.readString(log).contains("holding"); i++) {
        Thread.sleep(100);
      }
      assertTrue(Files.readString(log).contains("holding"), Files.readString(log));

      CliHarness.Result result = cli.run("usage", "daily");

      assertEquals(4, result.exitCode(), result::toString);
      assertTrue(result.err().contains("is in use by another goodhart process"), result.err());
      assertTrue(result.err().contains("give this one its own --data folder"), result.err());

      // Tokens are what an operator makes while the server runs: the answer says how.
      CliHarness.Result token = cli.run("token", "create", "--scope", "read");
      assertEquals(4, token.exitCode(), token::toString);
      assertTrue(token.err().contains("POST /api/v1/tokens"), token.err());
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }
}
