package dev.goodhart.git;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The git command line, run in one repository with the options that make its output goodhart's
 * input: default diff behaviour whatever the user's configuration says (Myers with the indent
 * heuristic, as {@code git blame} uses by default), no colour, no pager, raw paths.
 */
public final class Git {
  /** Settings that decide what a diff looks like; the command line overrides any config file. */
  private static final List<String> NEUTRAL =
      List.of(
          "-c", "diff.algorithm=myers",
          "-c", "diff.indentHeuristic=true",
          "-c", "diff.renames=true",
          "-c", "diff.renameLimit=1000",
          // "log" would print a submodule's change without a "diff --git" header, one patch short.
          "-c", "diff.submodule=short",
          // Context between hunks would fuse close hunks, their unchanged lines counted as changed.
          "-c", "diff.interHunkContext=0",
          "-c", "diff.noprefix=false",
          "-c", "diff.mnemonicPrefix=false",
          "-c", "color.ui=false",
          "-c", "core.quotePath=false",
          "-c", "log.showSignature=false");

  private final String executable;
  private final Path repository;

  private Git(String executable, Path repository) {
    this.executable = executable;
    this.repository = repository;
  }

  public static Git in(Path repository) {
    return new Git("git", repository);
  }

  public Path repository() {
    return repository;
  }

  /**
   * Runs a command and returns its standard output; a failure names the command and git's words.
   */
  public String run(String... args) {
    return new String(output(null, args), StandardCharsets.UTF_8);
  }

  /**
   * Runs a command with {@code input} on its standard input and returns its standard output; a
   * failure names the command and git's words. The input is written while the output is read, so
   * neither side waits on a full pipe.
   */
  public byte[] runWithInput(byte[] input, String... args) {
    return output(input, args);
  }

  private byte[] output(byte @Nullable [] input, String... args) {
    Process process = start(List.of(args));
    CompletableFuture<String> errors = drain(process.getErrorStream());
    Thread feeding = input == null ? null : feed(process, input);
    try (InputStream out = process.getInputStream()) {
      byte[] output = out.readAllBytes();
      int code = process.waitFor();
      if (feeding != null) {
        feeding.join();
      }
      if (code != 0) {
        throw failure(List.of(args), code, errors.join());
      }
      return output;
    } catch (IOException e) {
      throw new GoodhartException(
          ErrorCode.GIT_FAILURE, "cannot read the output of git " + String.join(" ", args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new GoodhartException(ErrorCode.INTERNAL_ERROR, "interrupted while git ran", e);
    }
  }

  /**
   * Writes a command's input on a thread of its own: git may wait for the end of its input before
   * it ends its output.
   */
  private static Thread feed(Process process, byte[] input) {
    return Thread.ofPlatform()
        .daemon()
        .name("goodhart-git-input")
        .start(
            () -> {
              try (var in = process.getOutputStream()) {
                in.write(input);
              } catch (IOException e) {
                // git stopped reading (it failed): its exit code and words say why
              }
            });
  }

  /** Like {@link #run}, but an exit code other than 0 is an empty result. */
  public Optional<String> tryRun(String... args) {
    Process process = start(List.of(args));
    drain(process.getErrorStream());
    try (InputStream out = process.getInputStream()) {
      String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor() == 0 ? Optional.of(text) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      return Optional.empty();
    }
  }

  /** A running command whose output the caller streams; {@link Streaming#close} checks its exit. */
  public Streaming stream(List<String> args) {
    Process process = start(args);
    return new Streaming(process, args, drain(process.getErrorStream()));
  }

  /**
   * A command that answers requests written to its standard input, such as {@code cat-file
   * --batch}: one process for many questions.
   */
  public Dialog dialog(List<String> args) {
    Process process = start(args);
    return new Dialog(process, drain(process.getErrorStream()));
  }

  /** A command kept running to answer requests; {@link Dialog#close} ends its input. */
  public static final class Dialog implements AutoCloseable {
    private final Process process;
    private final CompletableFuture<String> errors;

    private Dialog(Process process, CompletableFuture<String> errors) {
      this.process = process;
      this.errors = errors;
    }

    public java.io.OutputStream input() {
      return process.getOutputStream();
    }

    public InputStream output() {
      return process.getInputStream();
    }

    @Override
    public void close() {
      try {
        process.getOutputStream().close();
        process.getInputStream().close();
        process.waitFor();
        errors.join();
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  /** A command whose standard output is being read. */
  public final class Streaming implements AutoCloseable {
    private final Process process;
    private final List<String> args;
    private final CompletableFuture<String> errors;

    private Streaming(Process process, List<String> args, CompletableFuture<String> errors) {
      this.process = process;
      this.args = args;
      this.errors = errors;
    }

    public InputStream output() {
      return process.getInputStream();
    }

    /** Stops git without waiting for it: for a reader that gave up. */
    public void abort() {
      process.destroyForcibly();
    }

    @Override
    public void close() {
      try {
        process.getInputStream().close();
        int code = process.waitFor();
        if (code != 0) {
          throw failure(args, code, errors.join());
        }
      } catch (IOException e) {
        throw new GoodhartException(ErrorCode.GIT_FAILURE, "cannot read git's output", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroy();
        throw new GoodhartException(ErrorCode.INTERNAL_ERROR, "interrupted while git ran", e);
      }
    }
  }

  private Process start(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.add("-C");
    command.add(repository.toString());
    command.addAll(NEUTRAL);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.put("LC_ALL", "C");
    environment.put("GIT_PAGER", "cat");
    environment.put("GIT_TERMINAL_PROMPT", "0");
    environment.remove("GIT_DIR");
    environment.remove("GIT_WORK_TREE");
    try {
      return builder.start();
    } catch (IOException e) {
      throw new GoodhartException(
          ErrorCode.GIT_FAILURE,
          "cannot run git (%s); install git and make sure it is on PATH".formatted(e.getMessage()),
          e);
    }
  }

  /**
   * Reads a command's error output on a thread of its own until the command ends it. Not the common
   * pool: on two cores it has one thread, and a drain waiting for one command to end would hold up
   * every other command's.
   */
  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("goodhart-git-errors")
        .start(
            () -> {
              try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8).trim());
              } catch (IOException e) {
                text.complete("");
              }
            });
    return text;
  }

  private GoodhartException failure(List<String> args, int code, String stderr) {
    return new GoodhartException(
        ErrorCode.GIT_FAILURE,
        "git %s failed in '%s' (exit %d): %s"
            .formatted(
                String.join(" ", args),
                repository,
                code,
                stderr.isEmpty() ? "no message" : stderr));
  }
}
