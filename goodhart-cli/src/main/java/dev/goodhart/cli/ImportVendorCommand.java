package dev.goodhart.cli;

import dev.goodhart.ingest.forge.ForgeClient;
import dev.goodhart.ingest.vendor.VendorApi;
import dev.goodhart.ingest.vendor.VendorApiImporter;
import dev.goodhart.ingest.vendor.VendorApis;
import dev.goodhart.ingest.vendor.VendorFormats;
import dev.goodhart.ingest.vendor.VendorImportSummary;
import dev.goodhart.ingest.vendor.VendorReader;
import dev.goodhart.ingest.vendor.VendorSavedFiles;
import dev.goodhart.ingest.vendor.VendorTarget;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorCursor;
import dev.goodhart.model.billing.VendorUsage;
import dev.goodhart.report.text.Figures;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code goodhart import vendor FILE...} and {@code goodhart import vendor --from-api VENDOR}:
 * vendors' cost and usage reports, from saved answers (each recognised by its content) or straight
 * from the vendor's API, from where the last import stopped.
 */
@Command(
    name = "vendor",
    mixinStandardHelpOptions = true,
    description = {
      "Import what vendors billed and reported.",
      "Reads Anthropic's cost and usage reports and Claude Code Analytics, OpenAI's costs and completions usage, Copilot's premium requests and usage metrics, and Cursor's usage events.",
      "They come from saved API answers (FILE..., recognised by their content) or from the vendor's API (--from-api).",
      "Pages saved twice or overlapping count once. People are kept only as pseudonyms."
    })
final class ImportVendorCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "Saved API answers: JSON pages, one after another or in an array, or NDJSON.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--from-api",
      paramLabel = "VENDOR",
      description =
          "Ask the vendor's API instead of reading files: anthropic, openai, copilot or cursor.")
  @Nullable String fromApi;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "A file holding the API key (default: ANTHROPIC_ADMIN_KEY, OPENAI_ADMIN_KEY, GITHUB_TOKEN"
              + " or CURSOR_API_KEY).")
  @Nullable Path keyFile;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description =
          "The API's address (default: the vendor's own, e.g. https://api.anthropic.com).")
  @Nullable String apiUrl;

  @Option(
      names = "--org",
      paramLabel = "NAME",
      description = "With --from-api copilot: the organisation whose reports to read.")
  @Nullable String organisation;

  @Option(
      names = "--enterprise",
      paramLabel = "NAME",
      description = "With --from-api copilot: the enterprise whose reports to read.")
  @Nullable String enterprise;

  @Option(
      names = {"-s", "--since"},
      paramLabel = "DATE",
      description =
          "With --from-api: the first UTC day to read (default: where the last import stopped, the"
              + " first time 30 days back).")
  @Nullable String since;

  @Mixin MaxWaitOption maxWait = new MaxWaitOption();

  @Option(
      names = {"-j", "--json"},
      description = "Print the summary as JSON.")
  boolean json;

  ImportVendorCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    VendorImportSummary summary;
    Vendor vendor = null;
    if (fromApi == null) {
      checkFiles();
      VendorReader reader =
          new VendorReader(VendorFormats.load(), PseudonymSecret.in(context.dataDirectory()));
      try (DuckDbStore store = context.openStore();
          ForgeProgress progress = new ForgeProgress(context, "Reading vendors' reports")) {
        summary = new VendorSavedFiles(reader).read(files, target(store), context.strict, progress);
      }
    } else {
      vendor = vendor(fromApi);
      summary = fromApi(vendor);
    }
    print(summary, vendor);
    return ExitCodes.OK;
  }

  private void checkFiles() {
    if (files.isEmpty()) {
      throw CliContext.usageError(
          "name the saved answers to import (FILE...), or ask a vendor's API with --from-api"
              + " anthropic|openai|copilot|cursor");
    }
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw CliContext.usageError("'%s' is not a file".formatted(file));
      }
    }
    if (organisation != null || enterprise != null || since != null || keyFile != null) {
      throw CliContext.usageError(
          "--org, --enterprise, --since and --key-file are for --from-api; saved files say what they hold");
    }
  }

  private static Vendor vendor(String name) {
    return Vendor.of(name)
        .orElseThrow(
            () ->
                CliContext.usageError(
                    "--from-api '%s' is no vendor goodhart reads; use one of %s"
                        .formatted(
                            name,
                            Arrays.stream(Vendor.values())
                                .map(Vendor::wireName)
                                .collect(Collectors.joining(", ")))));
  }

  private VendorImportSummary fromApi(Vendor vendor) {
    if (!files.isEmpty()) {
      throw CliContext.usageError("--from-api asks the vendor: name no FILE with it");
    }
    if (organisation != null && enterprise != null) {
      throw CliContext.usageError("name an organisation (--org) or an enterprise, not both");
    }
    VendorApi api =
        VendorApis.load()
            .get(vendor)
            .orElseThrow(() -> new IllegalStateException("no API registered for " + vendor));
    String scope =
        organisation == null && enterprise == null
            ? null
            : (organisation != null ? "org:" + organisation : "enterprise:" + enterprise);
    String wrongScope = api.checkScope(scope);
    if (wrongScope != null) {
      throw CliContext.usageError(wrongScope);
    }
    LocalDate first = UsageOptions.date("--since", since);
    // Every check before the store is opened: a bad key file, address or wait fails at once.
    String key = ApiAccess.secret(context, keyFile, "--key-file", api.tokenVariable(), "key");
    if (key == null) {
      throw CliContext.usageError(
          "%s's reports need a key: give it with --key-file FILE or %s"
              .formatted(api.title(), api.tokenVariable()));
    }
    URI url = ApiAccess.apiUrl(apiUrl, api.defaultApiUrl(), key, "key");
    Duration wait = maxWait.duration();
    VendorReader reader =
        new VendorReader(VendorFormats.load(), PseudonymSecret.in(context.dataDirectory()));
    try (DuckDbStore store = context.openStore();
        ForgeProgress progress =
            new ForgeProgress(context, vendor.title(), ProgressBar.Unit.REQUESTS)) {
      ForgeClient client =
          new ForgeClient(
              ForgeClient.newHttpClient(),
              api,
              key,
              url,
              context.clock,
              context.sleeper,
              new ForgeClient.Settings(wait, 3, Duration.ofSeconds(60)),
              progress);
      return new VendorApiImporter(api, client, reader, target(store), context.clock, progress)
          .run(scope, new VendorApiImporter.Options(context.strict, first));
    }
  }

  static VendorTarget target(DuckDbStore store) {
    return new VendorTarget() {
      @Override
      public Optional<Instant> cursor(Vendor vendor, String report, String scope) {
        return store.vendorCursor(vendor, report, scope);
      }

      @Override
      public void record(List<VendorUsage> rows, List<VendorCursor> progress) {
        store.recordVendorUsage(rows, progress);
      }
    };
  }

  private void print(VendorImportSummary summary, @Nullable Vendor vendor) {
    if (json) {
      printJson(summary, vendor);
    } else if (!context.quiet) {
      context.out.printf(
          "Imported %,d rows of vendors' reports%s:%n",
          summary.rows(),
          vendor == null
              ? " from %,d file%s".formatted(files.size(), files.size() == 1 ? "" : "s")
              : " from %s's API (%,d requests)".formatted(vendor.title(), summary.requests()));
      for (VendorImportSummary.Report report : summary.reports()) {
        context.out.printf(
            "  %s: %,d row%s, %s%s%n",
            report.title(),
            report.rows(),
            report.rows() == 1 ? "" : "s",
            report.firstDay().equals(report.lastDay())
                ? report.firstDay()
                : report.firstDay() + " to " + report.lastDay(),
            report.amountUsd() != null
                ? ", " + Figures.money(report.amountUsd(), 20)
                : ", %,d tokens".formatted(report.tokens()));
      }
      if (summary.reports().isEmpty()) {
        context.out.println("  nothing: no row in what was read");
      }
      if (summary.ignored() > 0) {
        context.out.printf(
            "%,d value%s of a kind that holds no usage passed over.%n",
            summary.ignored(), summary.ignored() == 1 ? "" : "s");
      }
      if (summary.badRecords() > 0) {
        context.out.printf(
            "%,d unreadable records skipped; what could be read is stored.%n",
            summary.badRecords());
      }
      if (vendor != null) {
        context.out.println(
            summary.cursorsAdvanced()
                ? "The next import starts from each report's last bucket."
                : "Some answers could not be read: the next import asks again from where this one started.");
      }
      context.out.println("'goodhart spend' shows the bills beside the spend the logs observed.");
    }
    context.out.flush();
  }

  private void printJson(VendorImportSummary summary, @Nullable Vendor vendor) {
    StringBuilder reports = new StringBuilder();
    for (VendorImportSummary.Report report : summary.reports()) {
      reports
          .append(reports.isEmpty() ? "" : ", ")
          .append(
              "{\"vendor\": \"%s\", \"report\": \"%s\", \"rows\": %d, \"from\": \"%s\", \"to\": \"%s\", \"billed\": %s, \"tokens\": %d}"
                  .formatted(
                      report.vendor().wireName(),
                      report.report(),
                      report.rows(),
                      report.firstDay(),
                      report.lastDay(),
                      report.amountUsd() == null
                          ? "null"
                          : report.amountUsd().stripTrailingZeros().toPlainString(),
                      report.tokens()));
    }
    context.out.printf(
        "{\"vendor\": %s, \"files\": %d, \"rows\": %d, \"reports\": [%s], \"ignored\": %d,"
            + " \"badRecords\": %d, \"requests\": %d, \"cursorAdvanced\": %s, \"waitedSeconds\": %d}%n",
        vendor == null ? "null" : "\"" + vendor.wireName() + "\"",
        files.size(),
        summary.rows(),
        reports,
        summary.ignored(),
        summary.badRecords(),
        summary.requests(),
        vendor != null && summary.cursorsAdvanced(),
        summary.waited().toSeconds());
  }
}
