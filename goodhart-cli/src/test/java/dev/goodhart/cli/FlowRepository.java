package dev.goodhart.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real git repository in a temporary folder, for the flows work takes to the default branch:
 * every command runs with a clock of the test's choosing (author and committer dates) and an
 * identity, and no user or system configuration.
 */
final class FlowRepository {
  final Path path;
  private String email = "dev@example.com";

  FlowRepository(Path path) {
    this.path = path;
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git(null, "init", "-q", "-b", "main");
    git(null, "config", "user.email", email);
    git(null, "config", "user.name", "Dev");
  }

  /** Commits from now on are by this address (a colleague, a reviewer). */
  FlowRepository as(String address) {
    this.email = address;
    return this;
  }

  void write(String file, String content) {
    try {
      Path target = path.resolve(file);
      Files.createDirectories(target.getParent());
      Files.writeString(target, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String read(String file) {
    try {
      return Files.readString(path.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stages everything and commits at {@code at}; returns the new commit's full sha. */
  String commitAll(Instant at, String message) {
    git(at, "add", "-A");
    git(at, "commit", "-q", "-m", message);
    return head();
  }

  String head() {
    return git(null, "rev-parse", "HEAD").strip();
  }

  String git(Instant at, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", path.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("GIT_AUTHOR_NAME", "Dev");
    environment.put("GIT_AUTHOR_EMAIL", email);
    environment.put("GIT_COMMITTER_NAME", "Dev");
    environment.put("GIT_COMMITTER_EMAIL", email);
    environment.put("GIT_EDITOR", "true");
    if (at != null) {
      environment.put("GIT_AUTHOR_DATE", at.toString());
      environment.put("GIT_COMMITTER_DATE", at.toString());
    }
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Lines of text, each ending with a line break. */
  static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}
