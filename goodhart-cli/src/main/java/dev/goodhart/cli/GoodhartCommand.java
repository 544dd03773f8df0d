package dev.goodhart.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top command. Its options apply to every subcommand and may be given anywhere on the line.
 * Without a subcommand it is {@code goodhart report}: this machine's agent logs joined to the
 * current repository.
 */
@Command(
    name = "goodhart",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "What did our AI coding spend actually ship?",
      "",
      "Without a command: 'goodhart report' for this machine's agent logs and the current repository."
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 internal error, 2 usage error, 3 bad input under --strict, 4 external failure."
    })
final class GoodhartCommand implements Callable<Integer> {
  private final CliContext context;

  GoodhartCommand(CliContext context) {
    this.context = context;
  }

  @Option(
      names = "--data",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "Where goodhart keeps its store (default: $GOODHART_DATA, else ~/.goodhart).")
  void data(@Nullable Path data) {
    context.data = data;
  }

  @Option(
      names = "--strict",
      scope = ScopeType.INHERIT,
      description =
          "Fail (exit code 3) at the first record that cannot be read, instead of skipping it.")
  void strict(boolean strict) {
    context.strict = strict;
  }

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "Print only results and errors: no progress, no warnings.")
  void quiet(boolean quiet) {
    context.quiet = quiet;
  }

  @Option(
      names = "--no-progress",
      scope = ScopeType.INHERIT,
      description = "Never draw a progress bar.")
  void noProgress(boolean noProgress) {
    context.noProgress = noProgress;
  }

  @Override
  public Integer call() throws Exception {
    return new ReportCommand(context).call();
  }
}
