package dev.goodhart.cli;

import dev.goodhart.ingest.prices.PriceFiles;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.pricing.ModelPrice;
import dev.goodhart.model.pricing.PriceTable;
import dev.goodhart.model.pricing.TokenRates;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code goodhart prices}: keep the price table current, and see how a model is priced. */
@Command(
    name = "prices",
    mixinStandardHelpOptions = true,
    description = "Show and update the prices that turn tokens into dollars.")
final class PricesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a prices command: update or show");
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Store a newer price table in the data folder; later reports use it in front of the built-in one.",
        "FILE is LiteLLM's model_prices_and_context_window.json or models.dev's api.json (or a flat snapshot of it)."
      })
  static final class Update implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The price file.")
    @Nullable Path from;

    Update(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Path file = java.util.Objects.requireNonNull(from);
      PriceTable table = PriceFiles.read(file); // fails with the reason before anything is replaced
      PriceFiles.Format format = PriceFiles.detect(file);
      Path target = context.dataDirectory().resolve(Prices.UPDATED_FILE);
      try {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "prices", ".json");
        Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new GoodhartException(
            ErrorCode.IO_FAILURE,
            "cannot store the price table in '%s': %s".formatted(target, e.getMessage()),
            e);
      }
      if (!context.quiet) {
        context.out.printf(
            "Stored %,d model prices from %s (%s format) in %s; reports now use them before the built-in table.%n",
            table.size(),
            file,
            format == PriceFiles.Format.LITELLM ? "LiteLLM" : "models.dev",
            target);
        context.out.flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Show how models are priced: which table entry matches, and its rates per million tokens.")
  static final class Show implements Callable<Integer> {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final CliContext context;

    @Parameters(
        paramLabel = "MODEL",
        arity = "0..*",
        description = "Model names as logs spell them.")
    List<String> models = new ArrayList<>();

    @Option(
        names = "--price-file",
        paramLabel = "FILE",
        description = "Show prices with this file in front.")
    @Nullable Path priceFile;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PriceTable table = Prices.load(context, priceFile);
      context.out.printf("Prices: %s (%,d models).%n", table.description(), table.size());
      for (String model : models) {
        Optional<ModelPrice> price = table.find(model);
        if (price.isEmpty()) {
          context.out.printf("%n%s: unpriced (no table entry matches)%n", model);
          continue;
        }
        context.out.printf(
            "%n%s: priced as '%s', US$ per million tokens%n", model, price.get().name());
        context.out.println(rates("  standard", price.get().rates(false, false)));
        if (price.get().longContext() != null) {
          context.out.println(
              rates(
                  "  prompt > %,d".formatted(ModelPrice.LONG_CONTEXT_THRESHOLD),
                  price.get().rates(true, false)));
        }
        if (price.get().fastMultiplier() != null) {
          context.out.printf(
              "  fast mode: x%s%n",
              price.get().fastMultiplier().stripTrailingZeros().toPlainString());
        }
      }
      context.out.flush();
      return ExitCodes.OK;
    }

    private static String rates(String label, TokenRates rates) {
      return String.format(
          Locale.ROOT,
          "%s: input %s, output %s, cache read %s, cache write 5m %s, 1h %s",
          label,
          perMillion(rates.input()),
          perMillion(rates.output()),
          perMillion(rates.cacheRead()),
          perMillion(rates.cacheWrite5m()),
          perMillion(rates.cacheWrite1h()));
    }

    private static String perMillion(BigDecimal perToken) {
      return perToken.multiply(MILLION).stripTrailingZeros().toPlainString();
    }
  }
}
