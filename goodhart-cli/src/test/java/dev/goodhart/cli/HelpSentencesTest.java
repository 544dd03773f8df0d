package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every description in {@code --help} is whole sentences. picocli lists a subcommand under its
 * parent by the first line of its description only, and prints each line of a description as given:
 * a sentence broken over two source lines showed as "... unshipped spend," in {@code goodhart
 * --help}. So every line of every command's, option's and parameter's description must start a
 * sentence and end one, and every entry of every rendered command list must end one.
 */
class HelpSentencesTest {
  /** Starts with a capital, a digit or a quotation, ends with . ? or ! (then a closing mark). */
  private static final Pattern SENTENCES = Pattern.compile("(?s)[\\p{Lu}0-9'\"`$(].*[.?!][)'\"`]*");

  @TempDir Path folder;

  @Test
  void noDescriptionInHelpEndsMidSentence() {
    CliContext context =
        new CliContext(
            new Environment(Map.of("HOME", folder.toString()), folder),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Clock.systemUTC(),
            ZoneOffset.UTC,
            false);
    CommandLine root = CommandTree.build(context, "--help"); // the whole tree
    List<String> problems = new ArrayList<>();
    int[] commands = {0};
    walk(root, problems, commands);
    assertEquals(List.of(), problems);
    assertEquals(true, commands[0] >= 20, "every command was walked: " + commands[0]);
  }

  private static void walk(CommandLine command, List<String> problems, int[] commands) {
    commands[0]++;
    CommandSpec spec = command.getCommandSpec();
    String where = spec.qualifiedName();
    check(where + " (header)", spec.usageMessage().header(), problems);
    check(where, spec.usageMessage().description(), problems);
    for (OptionSpec option : spec.options()) {
      if (!option.hidden()) {
        check(where + " " + option.longestName(), option.description(), problems);
      }
    }
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      if (!parameter.hidden()) {
        check(where + " " + parameter.paramLabel(), parameter.description(), problems);
      }
    }
    checkCommandList(where, command.getUsageMessage(), problems);
    for (CommandLine sub : command.getSubcommands().values()) {
      if (!sub.getCommandSpec().usageMessage().hidden()) {
        walk(sub, problems, commands);
      }
    }
  }

  private static void check(String where, String[] lines, List<String> problems) {
    for (String line : lines) {
      String text = line.strip();
      if (!text.isEmpty() && !SENTENCES.matcher(text).matches()) {
        problems.add(where + ": '" + text + "' is not whole sentences");
      }
    }
  }

  /** The "Commands:" list as printed: each entry, its wrapped lines joined, ends a sentence. */
  private static void checkCommandList(String where, String usage, List<String> problems) {
    int start = usage.indexOf("\nCommands:\n");
    if (start < 0) {
      return;
    }
    List<String> entries = new ArrayList<>();
    for (String line : usage.substring(start + "\nCommands:\n".length()).split("\n")) {
      if (line.isBlank() || !line.startsWith(" ")) {
        break; // the list ends at a blank line or the footer
      }
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        entries.add(line.strip());
      } else if (!entries.isEmpty()) {
        entries.set(entries.size() - 1, entries.getLast() + " " + line.strip());
      }
    }
    for (String entry : entries) {
      String[] nameAndText = entry.split("\\s+", 2);
      String text = nameAndText.length < 2 ? "" : nameAndText[1];
      if (!SENTENCES.matcher(text).matches()) {
        problems.add(where + " lists " + nameAndText[0] + " as '" + text + "', cut mid-sentence");
      }
    }
  }
}
