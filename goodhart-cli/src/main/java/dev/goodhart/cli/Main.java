package dev.goodhart.cli;

import dev.goodhart.ingest.Environment;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import picocli.CommandLine;

/**
 * The entry point: builds the command tree around a context and maps every failure to the
 * contract's exit codes.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Trace.mark("JVM started");
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
            // The status line's output goes to Claude Code, never a terminal: no need to ask.
            !StatuslineLine.handles(args) && Terminal.stdoutIsTerminal());
    int code = run(context, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line; returns its exit code. Tests call this with their own context. */
  static int run(CliContext context, String... args) {
    if (StatuslineLine.handles(args)) {
      return StatuslineLine.run(context, args);
    }
    if (args.length == 2 && args[0].equals("warm-up") && args[1].equals("--statusline")) {
      try {
        return WarmUpCommand.statusLineOnly(context);
      } catch (Exception e) {
        return CommandTree.failed(context, e);
      }
    }
    Path store = CommandTree.storeFolder(context, args);
    if (store != null) {
      context.earlyStore = EarlyStore.start(store, context.storeSettings());
    }
    Trace.mark("store opening started");
    CommandLine commandLine = CommandTree.build(context, args);
    Trace.mark("command tree built");
    try {
      return commandLine.execute(args);
    } finally {
      if (context.earlyStore != null) {
        context.earlyStore.closeIfUnclaimed();
      }
      context.out.flush();
      context.err.flush();
    }
  }
}
