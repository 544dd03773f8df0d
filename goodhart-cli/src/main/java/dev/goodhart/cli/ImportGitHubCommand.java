package dev.goodhart.cli;

import dev.goodhart.ingest.forge.Forge;
import dev.goodhart.ingest.forge.ForgeImportSummary;
import dev.goodhart.ingest.github.GitHubForge;
import dev.goodhart.ingest.github.GitHubSavedFiles;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code goodhart import github OWNER/NAME}: a repository's pull requests, with their commits,
 * reviews and review comments, from GitHub's REST API (only what changed since the last import) or
 * from saved files.
 */
@Command(
    name = "github",
    mixinStandardHelpOptions = true,
    description = {
      "Import a GitHub repository's pull requests with their commits, reviews, review comments, merge commit and state.",
      "A later import asks only for what changed since.",
      "No titles, bodies or comment text are stored, and people only as pseudonyms."
    })
final class ImportGitHubCommand extends ImportForgeCommand {
  @Parameters(index = "0", paramLabel = "OWNER/NAME", description = "The repository.")
  String repository = "";

  @Option(
      names = "--from",
      paramLabel = "FILE",
      arity = "1..*",
      description =
          "Read saved files instead of the API: the output of gh api --paginate"
              + " repos/O/R/pulls, files named pulls-N-commits.json (-reviews, -comments),"
              + " or the JSON lines --save writes.")
  List<Path> from = new ArrayList<>();

  @Option(
      names = "--save",
      paramLabel = "FILE",
      description =
          "Also write the pull requests this run reads (all of them with --full) to FILE, as"
              + " the JSON lines --from reads.")
  @Nullable Path save;

  ImportGitHubCommand(CliContext context) {
    super(context);
  }

  @Override
  Forge forge(Pseudonyms pseudonyms) {
    return new GitHubForge(pseudonyms);
  }

  @Override
  String repository() {
    return repository;
  }

  @Override
  public Integer call() {
    if (!from.isEmpty() && save != null) {
      throw CliContext.usageError(
          "--save writes what the API answers; with --from nothing is asked of it");
    }
    for (Path file : from) {
      if (!Files.isRegularFile(file)) {
        throw CliContext.usageError("--from '%s' is not a file".formatted(file));
      }
    }
    Pseudonyms pseudonyms = PseudonymSecret.in(context.dataDirectory());
    Forge forge = checkedForge(pseudonyms);
    if (from.isEmpty()) {
      // Fail on a bad token file, address or wait before the store is opened.
      apiUrl(forge, token(forge));
      maxWait();
    }
    ForgeImportSummary summary;
    try (DuckDbStore store = context.openStore()) {
      if (!from.isEmpty()) {
        try (ForgeProgress progress = new ForgeProgress(context, "Reading " + repository)) {
          summary =
              new GitHubSavedFiles(pseudonyms)
                  .read(from, repository, target(store), context.strict, progress);
        }
      } else if (save != null) {
        try (GitHubSavedFiles.Writer writer = new GitHubSavedFiles.Writer(save)) {
          summary = importFromApi(store, forge, writer);
        }
      } else {
        summary = importFromApi(store, forge, null);
      }
    }
    print(summary, forge);
    return ExitCodes.OK;
  }
}
