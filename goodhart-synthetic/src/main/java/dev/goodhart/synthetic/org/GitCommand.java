package dev.goodhart.synthetic.org;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The git command line in one folder, out of reach of the machine's and the user's configuration
 * (so that the same history has the same shas everywhere), with a fixed identity and date for the
 * commands that want one.
 */
final class GitCommand {
  private static final String NAME = "goodhart synthetic";
  private static final String EMAIL = "synthetic@goodhart.invalid";

  private final Path directory;
  private final Instant now;

  GitCommand(Path directory, Instant now) {
    this.directory = directory;
    this.now = now;
  }

  /** Starts git with {@code arguments}; the caller talks to it and waits for it. */
  Process start(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of("-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"));
    command.addAll(List.of("-c", "gc.auto=0", "-c", "maintenance.auto=false"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> environment = builder.environment();
    String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    environment.clear();
    environment.put("PATH", path);
    environment.put("HOME", directory.toString());
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
    environment.put("LC_ALL", "C");
    environment.put("TZ", "UTC");
    environment.put("GIT_TERMINAL_PROMPT", "0");
    String date = now.getEpochSecond() + " +0000";
    environment.put("GIT_AUTHOR_NAME", NAME);
    environment.put("GIT_AUTHOR_EMAIL", EMAIL);
    environment.put("GIT_AUTHOR_DATE", date);
    environment.put("GIT_COMMITTER_NAME", NAME);
    environment.put("GIT_COMMITTER_EMAIL", EMAIL);
    environment.put("GIT_COMMITTER_DATE", date);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new GitFailedException(
          "git could not start in '" + directory + "'; is git installed?", e);
    }
  }

  /** Runs git with {@code input} on its standard input and returns its standard output. */
  String run(byte[] input, String... arguments) {
    Process process = start(List.of(arguments));
    CompletableFuture<byte[]> errors =
        CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    try (var stdin = process.getOutputStream()) {
      stdin.write(input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] output = drain(process.getInputStream());
    return finish(process, errors, String.join(" ", arguments), output);
  }

  String run(String... arguments) {
    return run(new byte[0], arguments);
  }

  /** Waits for git and fails with its error output when it failed. */
  static String finish(
      Process process, CompletableFuture<byte[]> errors, String what, byte[] output) {
    try {
      int exit = process.waitFor();
      if (exit != 0) {
        throw new GitFailedException(
            "git "
                + what
                + " failed (exit "
                + exit
                + "): "
                + new String(errors.join(), StandardCharsets.UTF_8).strip(),
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitFailedException("interrupted while git " + what + " ran", e);
    }
    return new String(output, StandardCharsets.UTF_8);
  }

  static byte[] drain(InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
