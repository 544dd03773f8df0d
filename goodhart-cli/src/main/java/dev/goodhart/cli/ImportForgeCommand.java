package dev.goodhart.cli;

import dev.goodhart.ingest.forge.Forge;
import dev.goodhart.ingest.forge.ForgeClient;
import dev.goodhart.ingest.forge.ForgeImportSummary;
import dev.goodhart.ingest.forge.ForgeImporter;
import dev.goodhart.ingest.forge.ForgeTarget;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.ForgeCursor;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code goodhart import github} and {@code goodhart import gitlab} share: the token, the
 * API's address, the longest wait, and the run of a {@link ForgeImporter} into the store.
 */
abstract class ImportForgeCommand implements Callable<Integer> {
  final CliContext context;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "A file holding the API token (default: the GITHUB_TOKEN or GITLAB_TOKEN variable).")
  @Nullable Path tokenFile;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description =
          "The API's address, e.g. https://HOST/api/v3 for GitHub Enterprise (default:"
              + " https://api.github.com, https://gitlab.com/api/v4).")
  @Nullable String apiUrl;

  @Mixin MaxWaitOption maxWait = new MaxWaitOption();

  @Option(
      names = "--full",
      description = "Ignore what earlier imports saw: read every pull request and its lists again.")
  boolean full;

  @Option(
      names = {"-j", "--json"},
      description = "Print the summary as JSON.")
  boolean json;

  ImportForgeCommand(CliContext context) {
    this.context = context;
  }

  abstract Forge forge(Pseudonyms pseudonyms);

  abstract String repository();

  /** Checks the command line before any work, as every command does. */
  Forge checkedForge(Pseudonyms pseudonyms) {
    Forge forge = forge(pseudonyms);
    String wrong = forge.checkRepository(repository());
    if (wrong != null) {
      throw CliContext.usageError(wrong);
    }
    return forge;
  }

  /** Imports from the API into the open store. */
  ForgeImportSummary importFromApi(
      DuckDbStore store, Forge forge, ForgeImporter.@Nullable Recorder recorder) {
    String token = token(forge);
    URI api = apiUrl(forge, token);
    Duration wait = maxWait();
    ForgeProgress progress = new ForgeProgress(context, forge.title() + " " + repository());
    try {
      ForgeClient client =
          new ForgeClient(
              ForgeClient.newHttpClient(),
              forge,
              token,
              api,
              context.clock,
              context.sleeper,
              new ForgeClient.Settings(wait, 3, Duration.ofSeconds(60)),
              progress);
      return new ForgeImporter(
              forge,
              client,
              target(store),
              new ForgeImporter.Options(context.strict, full),
              progress,
              recorder)
          .run(repository());
    } finally {
      progress.close();
    }
  }

  static ForgeTarget target(DuckDbStore store) {
    return new ForgeTarget() {
      @Override
      public ForgeCursor cursor(String forge, String repository) {
        return store.forgeCursor(forge, repository);
      }

      @Override
      public void record(DeliveryBatch facts, ForgeCursor progress) {
        store.recordImport(facts, progress);
      }
    };
  }

  /**
   * {@code --token-file}, else the forge's variable, else none (public repositories only, at a
   * lower rate limit). The token is never printed.
   */
  @Nullable String token(Forge forge) {
    return ApiAccess.secret(context, tokenFile, "--token-file", forge.tokenVariable(), "token");
  }

  URI apiUrl(Forge forge, @Nullable String token) {
    return ApiAccess.apiUrl(apiUrl, forge.defaultApiUrl(), token, "token");
  }

  Duration maxWait() {
    return maxWait.duration();
  }

  void print(ForgeImportSummary summary, Forge forge) {
    String forgeTitle = forge.title();
    if (json) {
      context.out.printf(
          "{\"forge\": \"%s\", \"repository\": \"%s\", \"upToDate\": %s, \"pullRequests\": %d,"
              + " \"unchanged\": %d, \"commits\": %d, \"reviews\": %d, \"reviewComments\": %d,"
              + " \"requests\": %d, \"notModified\": %d, \"badRecords\": %d,"
              + " \"cursorAdvanced\": %s, \"waitedSeconds\": %d}%n",
          forge.name(),
          summary.repository(),
          summary.upToDate(),
          summary.pullRequests(),
          summary.unchanged(),
          summary.commits(),
          summary.reviews(),
          summary.reviewComments(),
          summary.requests(),
          summary.notModified(),
          summary.badRecords(),
          summary.cursorAdvanced(),
          summary.waited().toSeconds());
    } else if (!context.quiet) {
      if (summary.upToDate()) {
        context.out.printf(
            "%s on %s: nothing changed since the last import (%d request, answered 'not modified').%n",
            summary.repository(), forgeTitle, summary.requests());
      } else {
        context.out.printf(
            "Imported %,d pull requests of %s from %s (%,d commits, %,d reviews, %,d review comments)"
                + "%s; %,d requests (%,d answered 'not modified'); %,d unreadable records skipped.%n",
            summary.pullRequests(),
            summary.repository(),
            forgeTitle,
            summary.commits(),
            summary.reviews(),
            summary.reviewComments(),
            summary.unchanged() == 0
                ? ""
                : "; %,d already stored by an interrupted import".formatted(summary.unchanged()),
            summary.requests(),
            summary.notModified(),
            summary.badRecords());
        if (summary.badRecords() > 0) {
          context.out.println(
              "The next import asks again for what could not be read; what was read is stored.");
        }
      }
    }
    context.out.flush();
  }
}
