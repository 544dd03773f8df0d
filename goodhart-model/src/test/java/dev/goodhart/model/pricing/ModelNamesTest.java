package dev.goodhart.model.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelNamesTest {
  @ParameterizedTest
  @CsvSource({
    // as logged, key, fast
    "claude-sonnet-4-5-20250929, claude-sonnet-4-5-20250929, false",
    "anthropic/claude-sonnet-4-5, claude-sonnet-4-5, false",
    "openrouter/anthropic/claude-opus-4.1, claude-opus-4.1, false",
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0, claude-sonnet-4-5-20250929, false",
    "global.anthropic.claude-opus-4-6-v1, claude-opus-4-6, false",
    "anthropic.claude-3-5-haiku-20241022-v1:0, claude-3-5-haiku-20241022, false",
    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0,"
        + " claude-haiku-4-5-20251001, false",
    "claude-opus-4-1@20250805, claude-opus-4-1-20250805, false",
    "claude-opus-4-6@default, claude-opus-4-6, false",
    "claude-sonnet-4-5[1m], claude-sonnet-4-5, false",
    "claude-opus-4-6-fast, claude-opus-4-6, true",
    "Claude-Opus-4-6, claude-opus-4-6, false",
    "azure/eu/gpt-5.1-codex, gpt-5.1-codex, false",
    "gpt-5-2025-08-07, gpt-5-2025-08-07, false",
  })
  void normalisesProviderSpellings(String model, String key, boolean fast) {
    assertEquals(new ModelNames.Normalised(key, fast), ModelNames.normalise(model));
  }

  @ParameterizedTest
  @CsvSource({
    "claude-sonnet-4-5-20250929, claude-sonnet-4-5-20250929, claude-sonnet-4-5",
    "gpt-5-2025-08-07, gpt-5-2025-08-07, gpt-5",
  })
  void triesTheDatedNameThenTheUndatedOne(String model, String first, String second) {
    assertEquals(List.of(first, second), ModelNames.lookupKeys(model));
  }
}
