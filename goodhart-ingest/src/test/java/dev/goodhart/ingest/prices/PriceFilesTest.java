package dev.goodhart.ingest.prices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.pricing.ModelPrice;
import dev.goodhart.model.pricing.PriceTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in tables against the published figures, and both file formats. */
class PriceFilesTest {
  static final PriceTable BUILT_IN = PriceFiles.builtIn();

  @TempDir Path folder;

  @Test
  void builtInPricesAreTheSnapshotsExactDecimals() {
    ModelPrice sonnet = BUILT_IN.find("claude-sonnet-4-5-20250929").orElseThrow();

    assertEquals(new BigDecimal("0.000003"), sonnet.standard().input().stripTrailingZeros());
    assertEquals(new BigDecimal("0.000015"), sonnet.standard().output().stripTrailingZeros());
    assertEquals(new BigDecimal("3.75E-6"), sonnet.standard().cacheWrite5m());
    assertNotNull(sonnet.longContext());
    assertEquals(new BigDecimal("0.000006"), sonnet.longContext().input().stripTrailingZeros());
  }

  @Test
  void fastModeMultiplierComesFromTheProviderEntry() {
    assertEquals(
        new BigDecimal("6"), BUILT_IN.find("claude-opus-4-6").orElseThrow().fastMultiplier());
    assertNull(BUILT_IN.find("claude-opus-4-1-20250805").orElseThrow().fastMultiplier());
  }

  @Test
  void modelsDevFillsWhatLiteLlmLacks() {
    ModelPrice opus48 = BUILT_IN.find("claude-opus-4-8").orElseThrow();

    assertTrue(opus48.standard().input().signum() > 0);
  }

  @Test
  void codexModelsArePriced() {
    ModelPrice codex = BUILT_IN.find("gpt-5-codex").orElseThrow();

    assertEquals(new BigDecimal("0.00000125"), codex.standard().input().stripTrailingZeros());
    assertEquals(new BigDecimal("1.25E-7"), codex.standard().cacheRead());
  }

  @Test
  void readsModelsDevApiJsonWithProvidersAndLongContext() throws IOException {
    Path file = folder.resolve("api.json");
    Files.writeString(
        file,
        """
        {"anthropic":{"id":"anthropic","models":{"claude-sonnet-9":{"id":"claude-sonnet-9",
          "cost":{"input":3,"output":15,"cache_read":0.3,"cache_write":3.75,
                  "context_over_200k":{"input":6,"output":22.5,"cache_read":0.6,"cache_write":7.5}}}}}}
        """);

    PriceTable table = PriceFiles.read(file);

    ModelPrice price = table.find("claude-sonnet-9").orElseThrow();
    assertEquals(new BigDecimal("0.000003"), price.standard().input().stripTrailingZeros());
    assertEquals(new BigDecimal("0.0000225"), price.longContext().output().stripTrailingZeros());
    assertEquals(PriceFiles.Format.MODELS_DEV, PriceFiles.detect(file));
  }

  @Test
  void aFileThatIsNoPriceTableSaysWhatWasExpected() throws IOException {
    Path file = folder.resolve("prices.json");
    Files.writeString(file, "{\"hello\": {\"world\": 1}}");

    GoodhartException e = assertThrows(GoodhartException.class, () -> PriceFiles.read(file));

    assertEquals(ErrorCode.BAD_PRICE_FILE, e.code());
    assertTrue(e.getMessage().contains("neither LiteLLM's format"), e.getMessage());
  }

  @Test
  void invalidJsonIsAUserError() throws IOException {
    Path file = folder.resolve("broken.json");
    Files.writeString(file, "{\"gpt-5\": {\"input_cost_per_token\": ");

    GoodhartException e = assertThrows(GoodhartException.class, () -> PriceFiles.read(file));

    assertEquals(ErrorCode.BAD_PRICE_FILE, e.code());
    assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
  }

  @Test
  void aNumberBigDecimalCannotHoldIsAUserError() throws IOException {
    Path file = folder.resolve("huge.json");
    Files.writeString(
        file,
        "{\"gpt-9\": {\"input_cost_per_token\": 1e999999999999, \"output_cost_per_token\": 1e-5}}");

    // Found by ParserFuzzTest: Jackson's NumberFormatException escaped as an internal error.
    GoodhartException e = assertThrows(GoodhartException.class, () -> PriceFiles.read(file));

    assertEquals(ErrorCode.BAD_PRICE_FILE, e.code());
    assertTrue(e.getMessage().contains("holds a number out of range"), e.getMessage());
  }

  @Test
  void anImplausiblePriceCountsAsNoPrice() throws IOException {
    Path file = folder.resolve("tiny.json");
    Files.writeString(
        file,
        "{\"claude-opus-9\": {\"cost\": {\"input\": 15, \"output\": 75, \"cache_write\": 1e-2147483647}}}");

    // Found by ParserFuzzTest: converting it from per million tokens to per token overflowed
    // BigDecimal's scale (ArithmeticException).
    ModelPrice price = PriceFiles.read(file).find("claude-opus-9").orElseThrow();

    assertNull(price.standard().cacheWrite5m());
    assertEquals(new BigDecimal("0.000015"), price.standard().input().stripTrailingZeros());
  }
}
