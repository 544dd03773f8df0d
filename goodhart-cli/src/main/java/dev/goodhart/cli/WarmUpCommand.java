package dev.goodhart.cli;

import dev.goodhart.ingest.Environment;
import dev.goodhart.synthetic.SyntheticLogs;
import dev.goodhart.synthetic.SyntheticSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
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
 * deployments). {@code warm-up --statusline} runs the status line alone, for a cache of its own
 * (read without picocli, whose command tree would otherwise fill that cache). Hidden: users never
 * need it.
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

  /**
   * The status line as Claude Code runs it after each message, on a transcript of its own: the
   * first call (which reads the price tables), one after a new request, one with nothing new, with
   * either cost source. Its own class cache comes from this alone: everything the other paths load
   * would be loaded by each status line's start too.
   */
  static int statusLineOnly(CliContext context) throws IOException {
    Path folder = Files.createTempDirectory("goodhart-warm-up");
    try {
      statusLine(context, folder);
      return ExitCodes.OK;
    } finally {
      delete(folder);
    }
  }

  private static void statusLine(CliContext context, Path folder) throws IOException {
    Path transcript = folder.resolve("home/.claude/projects/-warm-up/warm-up.jsonl");
    Files.createDirectories(transcript.getParent());
    Instant now = context.clock.instant();
    Files.writeString(
        transcript,
        request("m1", "r1", now.minusSeconds(600), false)
            + "{\"type\":\"user\",\"sessionId\":\"warm-up\",\"timestamp\":\""
            + now.minusSeconds(300)
            + "\",\"message\":{\"role\":\"user\",\"content\":\"go on\"}}\n"
            + request("m2", "r2", now.minusSeconds(200), false)
            + request("m2", "r3", now.minusSeconds(100), true),
        StandardCharsets.UTF_8);
    String path = transcript.toString().replace("\\", "\\\\").replace("\"", "\\\"");
    byte[] hook =
        ("{\"session_id\":\"warm-up\",\"transcript_path\":\""
                + path
                + "\",\"model\":{\"display_name\":\"Warm-up\"},\"cost\":{\"total_cost_usd\":0.5}}")
            .getBytes(StandardCharsets.UTF_8);
    Map<String, String> variables =
        Map.of("HOME", folder.resolve("home").toString(), "HOSTNAME", "warm-up");
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    String data = folder.resolve("data").toString();
    for (String source : List.of("logs", "auto", "logs", "hook")) {
      CliContext quiet =
          new CliContext(
              new Environment(variables, folder.resolve("home")),
              discard,
              discard,
              context.clock,
              context.zone,
              false);
      quiet.in = new ByteArrayInputStream(hook);
      Main.run(quiet, "--data", data, "statusline", "--cost-source", source);
      Files.writeString(
          transcript,
          request("m" + source.length(), "r" + source, now, false),
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    }
  }

  private static String request(String message, String request, Instant at, boolean sidechain) {
    return ("{\"isSidechain\":%s,\"sessionId\":\"warm-up\",\"cwd\":\"/w\",\"message\":{\"id\":\"%s\","
            + "\"model\":\"claude-sonnet-4-5-20250929\",\"usage\":{\"input_tokens\":10,"
            + "\"output_tokens\":20,\"cache_read_input_tokens\":30}},\"requestId\":\"%s\","
            + "\"type\":\"assistant\",\"timestamp\":\"%s\"}\n")
        .formatted(sidechain, message, request, at);
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
