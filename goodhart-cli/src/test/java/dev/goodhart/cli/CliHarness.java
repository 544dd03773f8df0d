package dev.goodhart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goodhart.ingest.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real command line in-process against a home folder and a data folder of the test's own,
 * capturing standard output, standard error and the exit code.
 */
final class CliHarness {
  static final ObjectMapper JSON = new ObjectMapper();

  Path home;
  final Path data;
  final Map<String, String> variables = new HashMap<>();
  Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
  ZoneId zone = ZoneId.of("Pacific/Chatham");

  /** Standard input of the next runs. */
  byte[] stdin = new byte[0];

  /** What forge imports waited for: recorded, never slept. */
  final List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();

  CliHarness(Path folder) {
    this.home = folder.resolve("home");
    this.data = folder.resolve("data");
    variables.put("HOME", home.toString());
    variables.put("HOSTNAME", "test-machine");
  }

  /** Reads another home folder's logs (the data folder stays this harness's own). */
  CliHarness readingHome(Path other) {
    home = other;
    variables.put("HOME", other.toString());
    return this;
  }

  record Result(int exitCode, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON:\n" + out + "\nstderr:\n" + err, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            new Environment(variables, home),
            new PrintWriter(out),
            new PrintWriter(err),
            clock,
            zone,
            false);
    context.sleeper = waits::add;
    context.in = new java.io.ByteArrayInputStream(stdin);
    String[] withData = new String[args.length + 2];
    withData[0] = "--data";
    withData[1] = data.toString();
    System.arraycopy(args, 0, withData, 2, args.length);
    int code = Main.run(context, withData);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Copies one of the format specification's sample logs (test resources of the ingest module)
   * under home.
   */
  Path sample(String sample, String relativeTarget) {
    try (InputStream in = CliHarness.class.getResourceAsStream("/samples/" + sample)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + sample);
      }
      Path target = home.resolve(relativeTarget);
      Files.createDirectories(target.getParent());
      Files.copy(in, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path write(String relativeTarget, String content) {
    return write(home.resolve(relativeTarget), content);
  }

  Path write(Path target, String content) {
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(target, content);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path append(String relativeTarget, String content) {
    try {
      Path target = home.resolve(relativeTarget);
      Files.writeString(target, content, java.nio.file.StandardOpenOption.APPEND);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
