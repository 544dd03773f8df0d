package dev.goodhart.cli;

import dev.goodhart.cli.statusline.StatusLine;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@code goodhart statusline} read without picocli. Claude Code runs the status
 * line after every message, and building picocli's model cost more than everything else the command
 * does: picocli's classes are Java 5 class files, which the JVM's class cache cannot hold, so each
 * start loaded and verified them again (about 100 ms). Only the lines this reads exactly, the
 * global options and the command's own, go this way; anything else ({@code --help}, a mistake) goes
 * through picocli as every command does, with its messages.
 */
final class StatuslineLine {
  private StatuslineLine() {}

  /** Whether the line is a status line this reads whole. */
  static boolean handles(String[] args) {
    return parse(args, null);
  }

  static int run(CliContext context, String[] args) {
    StatuslineCommand command = new StatuslineCommand(context);
    parse(args, new Target(context, command));
    try {
      return command.call();
    } catch (Exception e) {
      return CommandTree.failed(context, e);
    } finally {
      context.out.flush();
      context.err.flush();
    }
  }

  private record Target(CliContext context, StatuslineCommand command) {}

  /** Reads the line into the target (when given); false when it is not one this reads. */
  private static boolean parse(String[] args, @Nullable Target target) {
    boolean named = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      switch (name) {
        case "statusline" -> {
          if (named) {
            return false;
          }
          named = true;
        }
        case "-q", "--quiet", "--no-progress", "--strict" -> {
          if (value != null) {
            return false;
          }
          if (target != null) {
            target.context().quiet |= name.equals("-q") || name.equals("--quiet");
            target.context().noProgress |= name.equals("--no-progress");
            target.context().strict |= name.equals("--strict");
          }
        }
        case "--data", "-z", "--tz", "--timezone", "--cost-source" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              return false;
            }
            value = args[++i];
          }
          if (!name.equals("--data") && !named) {
            return false; // the command's options come after it
          }
          if (!apply(name, value, target)) {
            return false;
          }
        }
        default -> {
          return false;
        }
      }
    }
    return named;
  }

  private static boolean apply(String name, String value, @Nullable Target target) {
    switch (name) {
      case "--data" -> {
        Path data;
        try {
          data = Path.of(value);
        } catch (InvalidPathException e) {
          return false;
        }
        if (value.isEmpty()) {
          return false;
        }
        if (target != null) {
          target.context().data = data;
        }
      }
      case "--cost-source" -> {
        StatusLine.CostSource source;
        try {
          source = StatusLine.CostSource.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          return false; // picocli says what the choices are
        }
        if (target != null) {
          target.command().costSource = source;
        }
      }
      default -> {
        if (target != null) {
          target.command().zone = value;
        }
      }
    }
    return true;
  }
}
