package dev.goodhart.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code goodhart usage}: the group of usage reports. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description =
        "Usage reports of this machine's agent logs: daily, weekly, monthly, session, blocks.",
    synopsisSubcommandLabel = "(daily | weekly | monthly | session | blocks)")
final class UsageCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a report: daily, weekly, monthly, session or blocks");
  }
}
