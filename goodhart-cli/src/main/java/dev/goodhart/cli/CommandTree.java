package dev.goodhart.cli;

import dev.goodhart.metrics.usage.UsageReportKind;
import dev.goodhart.model.GoodhartException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Builds the picocli command tree. Building a command's model costs reflection over its annotated
 * options, and five usage reports with some fifteen options each took a fifth of a second before
 * anything ran; so only the branch a command line names is built in full. Help requests and lines
 * that name no known command get the whole tree, so that listings and "Did you mean" suggestions
 * see every command.
 */
final class CommandTree {
  private static final Set<String> GLOBAL_FLAGS =
      Set.of("--strict", "-q", "--quiet", "--no-progress");
  private static final Set<String> GROUPS =
      Set.of(
          "usage",
          "import",
          "prices",
          "scan",
          "report",
          "demo",
          "serve",
          "token",
          "spend",
          "statusline");

  private static final Map<UsageReportKind, String> DESCRIPTIONS =
      Map.of(
          UsageReportKind.DAILY,
          "Tokens and dollars by day, after importing what is new in the agent logs.",
          UsageReportKind.WEEKLY,
          "Tokens and dollars by week (Monday to Sunday).",
          UsageReportKind.MONTHLY,
          "Tokens and dollars by month.",
          UsageReportKind.SESSION,
          "Tokens and dollars by agent session (sub-agents count in their parent session).",
          UsageReportKind.BLOCKS,
          "Tokens and dollars by 5-hour billing block, with the active block's burn rate and projection.");

  private CommandTree() {}

  static CommandLine build(CliContext context, String... args) {
    List<String> path = commandPath(args);
    boolean whole =
        path.isEmpty() ? isHelp(args) : !GROUPS.contains(path.getFirst()) || isHelp(args);
    String group = whole || path.isEmpty() ? null : path.getFirst();
    String sub = whole || path.size() < 2 ? null : path.get(1);
    CommandLine root = new CommandLine(new GoodhartCommand(context));
    if (whole || "usage".equals(group)) {
      root.addSubcommand("usage", usage(context, sub));
    }
    if (whole || "import".equals(group)) {
      root.addSubcommand(
          "import",
          new CommandLine(new ImportCommand())
              .addSubcommand("usage", new ImportUsageCommand(context))
              .addSubcommand("github", new ImportGitHubCommand(context))
              .addSubcommand("gitlab", new ImportGitLabCommand(context))
              .addSubcommand("vendor", new ImportVendorCommand(context)));
    }
    if (whole || "spend".equals(group)) {
      root.addSubcommand("spend", new SpendCommand(context));
    }
    if (whole || "scan".equals(group)) {
      root.addSubcommand("scan", new ScanCommand(context));
    }
    if (whole || "report".equals(group)) {
      root.addSubcommand("report", new ReportCommand(context));
    }
    if (whole || "demo".equals(group)) {
      root.addSubcommand("demo", new DemoCommand(context));
    }
    if (whole || "serve".equals(group)) {
      root.addSubcommand("serve", new ServeCommand(context));
    }
    if (whole || "token".equals(group)) {
      root.addSubcommand(
          "token",
          new CommandLine(new TokenCommand())
              .addSubcommand("create", new TokenCommand.Create(context))
              .addSubcommand("list", new TokenCommand.ListTokens(context))
              .addSubcommand("revoke", new TokenCommand.Revoke(context)));
    }
    if (whole || "prices".equals(group)) {
      CommandLine prices = new CommandLine(new PricesCommand());
      if (sub == null || !sub.equals("show")) {
        prices.addSubcommand("update", new PricesCommand.Update(context));
      }
      if (sub == null || !sub.equals("update")) {
        prices.addSubcommand("show", new PricesCommand.Show(context));
      }
      root.addSubcommand("prices", prices);
    }
    if (whole || "statusline".equals(group)) {
      root.addSubcommand("statusline", new StatuslineCommand(context));
    }
    if (whole) {
      root.addSubcommand("warm-up", new WarmUpCommand(context));
    }
    root.setCaseInsensitiveEnumValuesAllowed(true);
    root.setOut(context.out);
    root.setErr(context.err);
    root.setExecutionExceptionHandler((exception, command, parsed) -> failed(context, exception));
    return root;
  }

  /** What a command that threw says, and its exit code. */
  static int failed(CliContext context, Exception exception) {
    if (exception instanceof GoodhartException goodhart) {
      context.err.println("goodhart: " + goodhart.getMessage());
      return ExitCodes.of(goodhart.code());
    }
    context.err.println("goodhart: internal error, please report it: " + exception);
    exception.printStackTrace(context.err);
    return ExitCodes.INTERNAL;
  }

  /** Only the named report when it is a known one; every report otherwise. */
  private static CommandLine usage(CliContext context, String sub) {
    CommandLine usage = new CommandLine(new UsageCommand());
    for (UsageReportKind kind : UsageReportKind.values()) {
      if (sub != null && isReport(sub) && !kind.jsonName().equals(sub)) {
        continue;
      }
      CommandLine report = new CommandLine(new UsageReportCommand(context, kind));
      report.getCommandSpec().usageMessage().description(DESCRIPTIONS.get(kind));
      usage.addSubcommand(kind.jsonName(), report);
    }
    return usage;
  }

  private static boolean isReport(String name) {
    for (UsageReportKind kind : UsageReportKind.values()) {
      if (kind.jsonName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The data folder a command line will open a store in, known before parsing so that the store can
   * be opened in the meantime; null for commands that need no store (prices, help).
   */
  static @Nullable Path storeFolder(CliContext context, String... args) {
    List<String> path = commandPath(args);
    boolean needsStore =
        !isHelp(args)
            && (path.isEmpty()
                || path.getFirst().equals("usage")
                || path.getFirst().equals("import")
                || path.getFirst().equals("spend")
                || path.getFirst().equals("scan"));
    if (!needsStore) {
      return null;
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--data") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--data=")) {
        return Path.of(args[i].substring("--data=".length()));
      }
    }
    return context.dataDirectory();
  }

  /** The words of a command line that name commands: everything before the first other option. */
  static List<String> commandPath(String... args) {
    List<String> path = new ArrayList<>();
    for (int i = 0; i < args.length && path.size() < 2; i++) {
      String arg = args[i];
      if (arg.equals("--data")) {
        i++; // its value
      } else if (arg.startsWith("--data=") || GLOBAL_FLAGS.contains(arg)) {
        continue;
      } else if (arg.startsWith("-")) {
        break;
      } else {
        path.add(arg);
      }
    }
    return path;
  }

  private static boolean isHelp(String... args) {
    for (String arg : args) {
      if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
        return true;
      }
    }
    return false;
  }
}
