package dev.goodhart.cli;

import dev.goodhart.ingest.Environment;
import dev.goodhart.synthetic.SyntheticLogs;
import dev.goodhart.synthetic.SyntheticSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Runs goodhart's common paths once on synthetic logs in a temporary folder, for the launcher: run
 * under the JVM's recording mode at build time, it leaves a class and profile cache (an AOT cache
 * on JDK 24+, a class-data archive before) that makes every later start faster. The usage reports,
 * and a small demo organisation's import, scan and report (line provenance, pull requests,
 * deployments). Hidden: users never need it.
 */
@Command(name = "warm-up", hidden = true, description = "Exercise the common paths once.")
final class WarmUpCommand implements Callable<Integer> {
  private final CliContext context;

  WarmUpCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Path folder = Files.createTempDirectory("goodhart-warm-up");
    try {
      Path home = folder.resolve("home");
      SyntheticLogs.write(home, SyntheticSpec.of(1, 24 << 20, 6 << 20));
      Map<String, String> variables = Map.of("HOME", home.toString(), "HOSTNAME", "warm-up");
      PrintWriter discard = new PrintWriter(Writer.nullWriter());
      CliContext quiet =
          new CliContext(
              new Environment(variables, home),
              discard,
              discard,
              context.clock,
              context.zone,
              false);
      String data = folder.resolve("data").toString();
      for (List<String> line :
          List.of(
              List.of("import", "usage"),
              List.of("usage", "daily", "--json"),
              List.of("usage", "daily"),
              List.of("usage", "session", "--json"),
              List.of("usage", "blocks"),
              List.of("usage", "monthly", "--csv"),
              List.of(
                  "demo",
                  "--out",
                  folder.resolve("demo").toString(),
                  "--people",
                  "3",
                  "--repositories",
                  "1",
                  "--days",
                  "10"))) {
        String[] args =
            Stream.concat(Stream.of("--data", data), line.stream()).toArray(String[]::new);
        Main.run(quiet, args);
      }
      return ExitCodes.OK;
    } finally {
      delete(folder);
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
