package dev.goodhart.cli;

import dev.goodhart.ingest.forge.Forge;
import dev.goodhart.ingest.forge.ForgeImportSummary;
import dev.goodhart.ingest.gitlab.GitLabForge;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.store.duckdb.DuckDbStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code goodhart import gitlab GROUP/NAME}: a project's merge requests, with their commits,
 * approvals and notes, from GitLab's REST API; only what changed since the last import.
 */
@Command(
    name = "gitlab",
    mixinStandardHelpOptions = true,
    description = {
      "Import a GitLab project's merge requests with their commits, approvals (as reviews), notes (as review comments), merge or squash commit and state.",
      "A later import asks only for what changed since.",
      "No titles, descriptions or note text are stored, and people only as pseudonyms."
    })
final class ImportGitLabCommand extends ImportForgeCommand {
  @Parameters(
      index = "0",
      paramLabel = "GROUP/NAME",
      description = "The project's full path, e.g. acme/platform/api.")
  String repository = "";

  ImportGitLabCommand(CliContext context) {
    super(context);
  }

  @Override
  Forge forge(Pseudonyms pseudonyms) {
    return new GitLabForge(pseudonyms);
  }

  @Override
  String repository() {
    return repository;
  }

  @Override
  public Integer call() {
    Pseudonyms pseudonyms = PseudonymSecret.in(context.dataDirectory());
    Forge forge = checkedForge(pseudonyms);
    apiUrl(forge, token(forge));
    maxWait();
    ForgeImportSummary summary;
    try (DuckDbStore store = context.openStore()) {
      summary = importFromApi(store, forge, null);
    }
    print(summary, forge);
    return ExitCodes.OK;
  }
}
