package dev.goodhart.cli;

import dev.goodhart.ingest.Environment;
import dev.goodhart.metrics.usage.UsageReportKind;
import dev.goodhart.model.GoodhartException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import picocli.CommandLine;

/**
 * The entry point: builds the command tree around a context and maps every failure to the
 * contract's exit codes.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new PrintStream(System.out, false, StandardCharsets.UTF_8), false);
    PrintWriter err =
        new PrintWriter(new PrintStream(System.err, false, StandardCharsets.UTF_8), false);
    CliContext context =
        new CliContext(
            Environment.system(),
            out,
            err,
            Clock.systemUTC(),
            ZoneId.systemDefault(),
            Terminal.stdoutIsTerminal());
    int code = run(context, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line; returns its exit code. Tests call this with their own context. */
  static int run(CliContext context, String... args) {
    CommandLine commandLine = commandLine(context);
    try {
      return commandLine.execute(args);
    } finally {
      context.out.flush();
      context.err.flush();
    }
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine usage = new CommandLine(new UsageCommand());
    for (UsageReportKind kind : UsageReportKind.values()) {
      CommandLine report = new CommandLine(new UsageReportCommand(context, kind));
      report.getCommandSpec().usageMessage().description(DESCRIPTIONS.get(kind));
      usage.addSubcommand(kind.jsonName(), report);
    }
    CommandLine root =
        new CommandLine(new GoodhartCommand(context))
            .addSubcommand("usage", usage)
            .addSubcommand(
                "import",
                new CommandLine(new ImportCommand())
                    .addSubcommand("usage", new ImportUsageCommand(context)))
            .addSubcommand(
                "prices",
                new CommandLine(new PricesCommand())
                    .addSubcommand("update", new PricesCommand.Update(context))
                    .addSubcommand("show", new PricesCommand.Show(context)));
    root.setCaseInsensitiveEnumValuesAllowed(true);
    root.setOut(context.out);
    root.setErr(context.err);
    root.setExecutionExceptionHandler(
        (exception, command, parsed) -> {
          if (exception instanceof GoodhartException goodhart) {
            context.err.println("goodhart: " + goodhart.getMessage());
            return ExitCodes.of(goodhart.code());
          }
          context.err.println("goodhart: internal error, please report it: " + exception);
          exception.printStackTrace(context.err);
          return ExitCodes.INTERNAL;
        });
    return root;
  }

  private static final Map<UsageReportKind, String> DESCRIPTIONS =
      Map.of(
          UsageReportKind.DAILY,
              "Tokens and dollars by day, after importing what is new in the agent logs.",
          UsageReportKind.WEEKLY, "Tokens and dollars by week (Monday to Sunday).",
          UsageReportKind.MONTHLY, "Tokens and dollars by month.",
          UsageReportKind.SESSION,
              "Tokens and dollars by agent session (sub-agents count in their parent session).",
          UsageReportKind.BLOCKS,
              "Tokens and dollars by 5-hour billing block, with the burn rate and projection of the active block.");
}
