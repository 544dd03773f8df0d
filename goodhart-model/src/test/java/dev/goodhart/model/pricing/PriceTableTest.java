package dev.goodhart.model.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  static ModelPrice price(String name, String input) {
    return new ModelPrice(
        name,
        new ModelPrice.PublishedRates(new BigDecimal(input), new BigDecimal(input), null, null),
        null,
        null);
  }

  static PriceTable table(String description, ModelPrice... prices) {
    Map<String, ModelPrice> entries = new LinkedHashMap<>();
    for (ModelPrice price : prices) {
      entries.put(price.name(), price);
    }
    return PriceTable.of(description, entries);
  }

  @Test
  void findsBedrockVertexAndRoutedSpellingsOfOneModel() {
    PriceTable table = table("t", price("claude-sonnet-4-5-20250929", "1"));

    for (String model :
        new String[] {
          "claude-sonnet-4-5-20250929",
          "claude-sonnet-4-5",
          "anthropic/claude-sonnet-4-5",
          "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
          "claude-sonnet-4-5@20250929",
          "claude-sonnet-4-5-20250929-fast",
        }) {
      assertEquals("claude-sonnet-4-5-20250929", table.find(model).orElseThrow().name(), model);
    }
  }

  @Test
  void aProviderRouteNeverShadowsTheProvidersOwnPrice() {
    PriceTable table = table("t", price("azure/eu/gpt-5.1", "2"), price("gpt-5.1", "1"));

    assertEquals("gpt-5.1", table.find("openai/gpt-5.1").orElseThrow().name());
  }

  @Test
  void anEntryThatAlreadyIncludesFastModeIsNotTheBasePrice() {
    PriceTable table = table("t", price("claude-opus-4-6-fast", "6"));

    assertTrue(table.find("claude-opus-4-6").isEmpty());
  }

  @Test
  void anUnknownModelIsNotPriced() {
    assertTrue(table("t", price("gpt-5", "1")).find("claude-experimental-9").isEmpty());
  }

  @Test
  void aNewerTableWinsForEverySpellingOfAModelItPrices() {
    PriceTable builtIn =
        table("built-in", price("claude-sonnet-4-5-20250929", "1"), price("gpt-5", "1"));
    PriceTable newer = table("newer", price("claude-sonnet-4-5", "2"));

    PriceTable layered = builtIn.overriddenBy(newer);

    assertEquals(
        "claude-sonnet-4-5", layered.find("claude-sonnet-4-5-20250929").orElseThrow().name());
    assertEquals("gpt-5", layered.find("gpt-5").orElseThrow().name());
    assertEquals("newer, then built-in", layered.description());
  }
}
