package dev.goodhart.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code goodhart import}: the group of importers. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import facts into the store.",
    synopsisSubcommandLabel = "usage|github|gitlab|vendor")
final class ImportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name what to import: usage, github, gitlab or vendor");
  }
}
