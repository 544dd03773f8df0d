package dev.goodhart.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs git in one repository with no user or system configuration and the C locale, so that the
 * generated repository, and what the tests read back from it, do not depend on the machine.
 */
final class GitCommand {
  private final Path repository;

  GitCommand(Path repository) {
    this.repository = repository;
  }

  /** Starts git; its standard error goes where ours goes, so that its own message is seen. */
  Process start(String... args) {
    ProcessBuilder builder = new ProcessBuilder(command(args));
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    neutral(builder.environment());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run git; install it and put it on PATH", e);
    }
  }

  /** Runs git to the end and returns its standard output; a failure names the command. */
  String run(String... args) {
    Process process = start(args);
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      waitFor(process, args);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the output of git " + String.join(" ", args), e);
    }
  }

  void waitFor(Process process, String... args) {
    try {
      int code = process.waitFor();
      if (code != 0) {
        throw new IllegalStateException(
            "git %s failed in '%s' (exit %d); its message is above"
                .formatted(String.join(" ", args), repository, code));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new IllegalStateException("interrupted while git ran", e);
    }
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
    command.addAll(List.of(args));
    return command;
  }

  private static void neutral(Map<String, String> environment) {
    environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("LC_ALL", "C");
    environment.remove("GIT_DIR");
    environment.remove("GIT_WORK_TREE");
  }
}
