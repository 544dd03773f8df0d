package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * ccusage 20.0.24, the usage ledger people use today, as an independent oracle. {@code ./run-tests}
 * installs it and names its binary in {@code CCUSAGE_BIN}; where npm is missing the comparison is
 * skipped, unless {@code GOODHART_CCUSAGE=required} (CI) makes that a failure.
 */
final class Ccusage {
  private final Path binary;

  private Ccusage(Path binary) {
    this.binary = binary;
  }

  static Ccusage require() {
    String bin = System.getenv("CCUSAGE_BIN");
    boolean required = "required".equals(System.getenv("GOODHART_CCUSAGE"));
    if (bin == null || !Files.isExecutable(Path.of(bin))) {
      if (required) {
        fail("ccusage is required (GOODHART_CCUSAGE=required) but CCUSAGE_BIN is '" + bin + "'");
      }
      Assumptions.abort("ccusage is not installed (run ./run-tests, which installs it with npm)");
    }
    return new Ccusage(Path.of(bin));
  }

  /**
   * Runs {@code ccusage <agent> <report> --json --offline -z zone} on the logs under {@code home},
   * with nothing else of this machine visible to it.
   */
  JsonNode run(Path home, String agent, String report, String zone) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), agent, report));
    command.addAll(List.of("--json", "--offline", "-z", zone));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().clear();
    builder.environment().put("HOME", home.toString());
    builder.environment().put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
    builder.environment().put("CODEX_HOME", home.resolve(".codex").toString());
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.environment().put("NO_COLOR", "1");
    try {
      Path out = Files.createTempFile("ccusage", ".json");
      Path err = Files.createTempFile("ccusage", ".err");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("ccusage did not finish in 120 s: " + command);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      Files.delete(out);
      Files.delete(err);
      assertEquals(0, process.exitValue(), () -> command + " failed:\n" + stderr);
      return CliHarness.JSON.readTree(stdout);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
