package dev.goodhart.ingest.prices;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.pricing.ModelPrice;
import dev.goodhart.model.pricing.PriceTable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads price tables in either published format, told apart by their entries: LiteLLM entries have
 * {@code input_cost_per_token}; models.dev entries have a {@code cost} object, either at the top
 * level (a flat snapshot) or below {@code <provider>.models} (models.dev's {@code api.json}).
 */
public final class PriceFiles {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();
  private static final BigDecimal PER_MILLION = BigDecimal.ONE.movePointLeft(6);
  private static final String LITELLM_SNAPSHOT = "litellm-prices-snapshot.json";
  private static final String MODELS_DEV_SNAPSHOT = "models-dev-prices-snapshot.json";

  private PriceFiles() {}

  /** The format of a price file, for messages and for keeping an updated file as it came. */
  public enum Format {
    LITELLM,
    MODELS_DEV
  }

  /**
   * The tables that ship with goodhart: LiteLLM's, completed by models.dev's where LiteLLM has no
   * price.
   */
  public static PriceTable builtIn() {
    PriceTable litellm = readResource(LITELLM_SNAPSHOT, "LiteLLM snapshot (built in)");
    PriceTable modelsDev = readResource(MODELS_DEV_SNAPSHOT, "models.dev snapshot (built in)");
    return litellm.withFallback(modelsDev);
  }

  /**
   * Reads a price file a user gave; a file that is not a price table is a user error with the
   * reason.
   */
  public static PriceTable read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString(), "prices from " + file.getFileName());
    } catch (NoSuchFileException e) {
      throw new GoodhartException(
          ErrorCode.BAD_PRICE_FILE, "price file '%s' does not exist".formatted(file), e);
    } catch (IOException e) {
      throw new GoodhartException(
          ErrorCode.BAD_PRICE_FILE,
          "cannot read price file '%s': %s".formatted(file, e.getMessage()),
          e);
    }
  }

  /** The format of a price file's content, or a user error saying why it is neither. */
  public static Format detect(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return detect(document(in, file.toString()), file.toString());
    } catch (IOException e) {
      throw new GoodhartException(
          ErrorCode.BAD_PRICE_FILE,
          "cannot read price file '%s': %s".formatted(file, e.getMessage()),
          e);
    }
  }

  private static PriceTable readResource(String name, String description) {
    try (InputStream in = PriceFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the built-in price table " + name + " is missing from the class path");
      }
      return parse(in, name, description);
    } catch (IOException e) {
      throw new IllegalStateException("the built-in price table " + name + " cannot be read", e);
    }
  }

  static PriceTable parse(InputStream in, String location, String description) throws IOException {
    Map<String, @Nullable Object> document = document(in, location);
    Map<String, ModelPrice> prices = new LinkedHashMap<>();
    switch (detect(document, location)) {
      case LITELLM ->
          document.forEach((name, entry) -> litellm(name, JsonValues.object(entry), prices));
      case MODELS_DEV ->
          document.forEach(
              (name, entry) -> {
                Map<String, @Nullable Object> object = JsonValues.object(entry);
                Map<String, @Nullable Object> models =
                    object == null ? null : JsonValues.object(object.get("models"));
                if (models != null) {
                  models.forEach(
                      (model, value) -> modelsDev(model, JsonValues.object(value), prices));
                } else {
                  modelsDev(name, object, prices);
                }
              });
    }
    if (prices.isEmpty()) {
      throw new GoodhartException(
          ErrorCode.BAD_PRICE_FILE,
          "price file '%s' prices no model by the token".formatted(location));
    }
    return PriceTable.of(description, prices);
  }

  private static Map<String, @Nullable Object> document(InputStream in, String location)
      throws IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      Map<String, @Nullable Object> document = JsonValues.object(JsonValues.read(parser));
      if (document == null) {
        throw new GoodhartException(
            ErrorCode.BAD_PRICE_FILE,
            "price file '%s' is not a JSON object of models".formatted(location));
      }
      return document;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new GoodhartException(
          ErrorCode.BAD_PRICE_FILE,
          "price file '%s' is not valid JSON: %s".formatted(location, e.getOriginalMessage()),
          e);
    } catch (NumberFormatException e) {
      // Jackson reads 1e999999999999 as a number, but BigDecimal cannot hold its exponent.
      throw new GoodhartException(
          ErrorCode.BAD_PRICE_FILE,
          "price file '%s' holds a number out of range: %s".formatted(location, e.getMessage()),
          e);
    }
  }

  private static Format detect(Map<String, @Nullable Object> document, String location) {
    for (Object value : document.values()) {
      Map<String, @Nullable Object> entry = JsonValues.object(value);
      if (entry == null) {
        continue;
      }
      if (entry.containsKey("input_cost_per_token") || entry.containsKey("output_cost_per_token")) {
        return Format.LITELLM;
      }
      if (entry.containsKey("cost") || entry.get("models") instanceof Map<?, ?>) {
        return Format.MODELS_DEV;
      }
    }
    throw new GoodhartException(
        ErrorCode.BAD_PRICE_FILE,
        ("price file '%s' is neither LiteLLM's format (entries with 'input_cost_per_token') nor models.dev's"
                + " (entries with 'cost'); download one from LiteLLM's model_prices_and_context_window.json"
                + " or https://models.dev/api.json")
            .formatted(location));
  }

  private static void litellm(
      String name, @Nullable Map<String, @Nullable Object> entry, Map<String, ModelPrice> out) {
    BigDecimal input = JsonValues.number(entry, "input_cost_per_token");
    BigDecimal output = JsonValues.number(entry, "output_cost_per_token");
    if (entry == null || input == null || output == null) {
      return; // images, embeddings, containers: not priced by the token
    }
    ModelPrice.PublishedRates standard =
        new ModelPrice.PublishedRates(
            input,
            output,
            JsonValues.number(entry, "cache_read_input_token_cost"),
            JsonValues.number(entry, "cache_creation_input_token_cost"));
    BigDecimal longInput = JsonValues.number(entry, "input_cost_per_token_above_200k_tokens");
    BigDecimal longOutput = JsonValues.number(entry, "output_cost_per_token_above_200k_tokens");
    ModelPrice.PublishedRates longContext =
        longInput == null
            ? null
            : new ModelPrice.PublishedRates(
                longInput,
                longOutput != null ? longOutput : output,
                JsonValues.number(entry, "cache_read_input_token_cost_above_200k_tokens"),
                JsonValues.number(entry, "cache_creation_input_token_cost_above_200k_tokens"));
    BigDecimal fast =
        JsonValues.number(JsonValues.object(entry.get("provider_specific_entry")), "fast");
    out.put(
        name,
        new ModelPrice(
            name, standard, longContext, fast != null && fast.signum() > 0 ? fast : null));
  }

  private static void modelsDev(
      String name, @Nullable Map<String, @Nullable Object> entry, Map<String, ModelPrice> out) {
    Map<String, @Nullable Object> cost =
        entry == null ? null : JsonValues.object(entry.get("cost"));
    BigDecimal input = JsonValues.number(cost, "input");
    BigDecimal output = JsonValues.number(cost, "output");
    if (cost == null || input == null || output == null) {
      return;
    }
    ModelPrice.PublishedRates standard = perToken(input, output, cost);
    Map<String, @Nullable Object> over = JsonValues.object(cost.get("context_over_200k"));
    BigDecimal longInput = JsonValues.number(over, "input");
    BigDecimal longOutput = JsonValues.number(over, "output");
    ModelPrice.PublishedRates longContext =
        over == null || longInput == null
            ? null
            : perToken(longInput, longOutput != null ? longOutput : output, over);
    out.put(name, new ModelPrice(name, standard, longContext, null));
  }

  private static ModelPrice.PublishedRates perToken(
      BigDecimal input, BigDecimal output, Map<String, @Nullable Object> cost) {
    BigDecimal cacheRead = JsonValues.number(cost, "cache_read");
    BigDecimal cacheWrite = JsonValues.number(cost, "cache_write");
    return new ModelPrice.PublishedRates(
        input.multiply(PER_MILLION),
        output.multiply(PER_MILLION),
        cacheRead == null ? null : cacheRead.multiply(PER_MILLION),
        cacheWrite == null ? null : cacheWrite.multiply(PER_MILLION));
  }
}
