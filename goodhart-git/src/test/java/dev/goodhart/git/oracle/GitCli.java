package dev.goodhart.git.oracle;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs the real {@code git} command line in one folder, in an environment that neither the
 * machine's nor the user's configuration can reach, so that the same commands make the same commits
 * (same shas) everywhere: no global or system config, an empty home, the C locale, UTC, and the
 * identities and dates given by {@link #committing}.
 */
public final class GitCli {
  /**
   * Settings a user's config could otherwise change: the branch name, signing (which would prompt),
   * line ending conversion (which would rewrite the CRLF file), and rename detection in merges. No
   * housekeeping either: commit and merge would otherwise start {@code git maintenance} each time.
   */
  private static final List<String> NEUTRAL_CONFIG =
      List.of(
          "-c", "init.defaultBranch=main",
          "-c", "commit.gpgsign=false",
          "-c", "core.autocrlf=false",
          "-c", "merge.renames=true",
          "-c", "gc.auto=0",
          "-c", "maintenance.auto=false");

  /** Who runs commands that make no commit; git still wants an identity for some of them. */
  private static final Signature NOBODY =
      new Signature(
          "Goodhart Oracle",
          "oracle@goodhart.invalid",
          Instant.parse("2025-01-01T00:00:00Z"),
          ZoneOffset.UTC);

  private final Path directory;
  private final Map<String, String> environment;

  private GitCli(Path directory, Map<String, String> environment) {
    this.directory = directory;
    this.environment = Map.copyOf(environment);
  }

  /** A git for the repository (or the folder to {@code git init}) at {@code directory}. */
  public static GitCli in(Path directory) {
    requireNonNull(directory, "directory is null");
    Map<String, String> environment = new HashMap<>();
    String path = System.getenv("PATH");
    environment.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
    String home = EmptyHome.PATH.toString();
    environment.put("HOME", home);
    environment.put("XDG_CONFIG_HOME", home);
    environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("LC_ALL", "C");
    environment.put("LANG", "C");
    environment.put("TZ", "UTC");
    // Nothing may wait for a person: no editor, no pager, no password prompt.
    environment.put("GIT_EDITOR", "true");
    environment.put("GIT_PAGER", "cat");
    environment.put("GIT_TERMINAL_PROMPT", "0");
    putIdentity(environment, NOBODY, NOBODY);
    return new GitCli(directory, environment);
  }

  /** The same git, making its commits with this author and committer (names, emails and dates). */
  public GitCli committing(Signature author, Signature committer) {
    Map<String, String> changed = new HashMap<>(environment);
    putIdentity(changed, author, committer);
    return new GitCli(directory, changed);
  }

  public Path directory() {
    return directory;
  }

  /** Runs git and returns its standard output, decoded as UTF-8; fails when git fails. */
  public String run(String... arguments) {
    return new String(output(arguments), StandardCharsets.UTF_8);
  }

  public String run(List<String> arguments) {
    return run(arguments.toArray(String[]::new));
  }

  /**
   * Runs git with {@code input} on its standard input: the way to hand it text that is not ASCII,
   * such as a commit message for {@code commit -F -}. In arguments and environment variables, the
   * JVM encodes text in the platform's encoding, which under the C locale turns an emoji into '?'.
   */
  public String runWithInput(byte[] input, String... arguments) {
    Outcome outcome = attempt(input, arguments);
    if (outcome.exitCode() != 0) {
      throw new GitCommandFailedException(
          directory, command(arguments), outcome.exitCode(), outcome.standardError());
    }
    return outcome.output();
  }

  /** Runs git and returns its standard output as bytes (file contents need not be UTF-8). */
  public byte[] output(String... arguments) {
    Outcome outcome = attempt(arguments);
    if (outcome.exitCode() != 0) {
      throw new GitCommandFailedException(
          directory, command(arguments), outcome.exitCode(), outcome.standardError());
    }
    return outcome.standardOutput();
  }

  /** Runs git and reports how it ended, without failing: for merges that may stop on conflicts. */
  public Outcome attempt(String... arguments) {
    return attempt(new byte[0], arguments);
  }

  private Outcome attempt(byte[] input, String[] arguments) {
    Running<byte[]> running = start(input, arguments, InputStream::readAllBytes);
    return new Outcome(running.exitCode(), running.result(), running.standardError());
  }

  /**
   * Runs git and hands its standard output, as it streams, to {@code reader}: for outputs too large
   * to hold, such as blame's. Fails when git fails.
   */
  public <T> T read(OutputReader<T> reader, String... arguments) {
    Running<T> running = start(new byte[0], arguments, reader);
    if (running.exitCode() != 0) {
      throw new GitCommandFailedException(
          directory, command(arguments), running.exitCode(), running.standardError());
    }
    return running.result();
  }

  /** Consumes a command's standard output. */
  @FunctionalInterface
  public interface OutputReader<T> {
    T read(InputStream output) throws IOException;
  }

  /** How a command ended. */
  public record Outcome(int exitCode, byte[] standardOutput, String standardError) {
    public String output() {
      return new String(standardOutput, StandardCharsets.UTF_8);
    }
  }

  private <T> Running<T> start(byte[] input, String[] arguments, OutputReader<T> reader) {
    List<String> command = command(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start '" + String.join(" ", command) + "'; is git installed and on PATH?", e);
    }
    // Read standard error on the side, so that a chatty git never blocks on a full pipe.
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(
            () -> readQuietly(process.getErrorStream()),
            runnable -> Thread.ofVirtual().start(runnable));
    // And write standard input on the side, for the same reason.
    CompletableFuture<Void> stdin =
        CompletableFuture.runAsync(
            () -> writeQuietly(process.getOutputStream(), input),
            runnable -> Thread.ofVirtual().start(runnable));
    try {
      T result;
      try (InputStream stdout = process.getInputStream()) {
        result = reader.read(stdout);
        stdout.transferTo(OutputStream.nullOutputStream());
      }
      int exitCode = process.waitFor();
      stdin.get();
      return new Running<>(result, exitCode, stderr.get());
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException(
          "reading the output of '" + String.join(" ", command) + "'", e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("writing to or reading from " + command, e);
    }
  }

  private List<String> command(String[] arguments) {
    List<String> command = new ArrayList<>(NEUTRAL_CONFIG.size() + arguments.length + 1);
    command.add("git");
    command.addAll(NEUTRAL_CONFIG);
    command.addAll(List.of(arguments));
    return command;
  }

  private static String readQuietly(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(standard error unreadable: " + e.getMessage() + ")";
    }
  }

  /** A git that exits before reading all its input closes the pipe: that is its business. */
  private static void writeQuietly(OutputStream stream, byte[] input) {
    try (stream) {
      stream.write(input);
    } catch (IOException e) {
      // The exit code and standard error say what went wrong.
    }
  }

  private static void putIdentity(
      Map<String, String> environment, Signature author, Signature committer) {
    environment.put("GIT_AUTHOR_NAME", author.name());
    environment.put("GIT_AUTHOR_EMAIL", author.email());
    environment.put("GIT_AUTHOR_DATE", author.gitDate());
    environment.put("GIT_COMMITTER_NAME", committer.name());
    environment.put("GIT_COMMITTER_EMAIL", committer.email());
    environment.put("GIT_COMMITTER_DATE", committer.gitDate());
  }

  private record Running<T>(T result, int exitCode, String standardError) {}

  /** One empty folder per test run serves as everyone's home: there is nothing in it to read. */
  private static final class EmptyHome {
    static final Path PATH = create();

    private static Path create() {
      try {
        Path home = Files.createTempDirectory("goodhart-git-home");
        home.toFile().deleteOnExit();
        return home;
      } catch (IOException e) {
        throw new UncheckedIOException("could not create an empty home folder for git", e);
      }
    }
  }
}
