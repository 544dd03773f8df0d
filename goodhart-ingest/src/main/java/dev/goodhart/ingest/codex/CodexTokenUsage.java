package dev.goodhart.ingest.codex;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.model.TokenCounts;
import org.jspecify.annotations.Nullable;

/**
 * One Codex token usage object in OpenAI's convention: {@code input} includes cached input (and
 * cache writes, in builds that report them), {@code output} includes reasoning.
 */
record CodexTokenUsage(long input, long cachedInput, long cacheWrite, long output, long reasoning) {
  static final CodexTokenUsage ZERO = new CodexTokenUsage(0, 0, 0, 0, 0);

  /**
   * What was used between an earlier cumulative total and this one, or null when a counter went
   * backwards.
   */
  @Nullable CodexTokenUsage minus(CodexTokenUsage earlier) {
    if (input < earlier.input
        || cachedInput < earlier.cachedInput
        || cacheWrite < earlier.cacheWrite
        || output < earlier.output
        || reasoning < earlier.reasoning) {
      return null;
    }
    return new CodexTokenUsage(
        input - earlier.input,
        cachedInput - earlier.cachedInput,
        cacheWrite - earlier.cacheWrite,
        output - earlier.output,
        reasoning - earlier.reasoning);
  }

  /**
   * The sum, exact: each count is at most {@code JsonRecords.MAX_COUNT}, but a running total of
   * thousands of them can still overflow, and an overflowed total would make the next growth an
   * impossible count.
   */
  CodexTokenUsage plus(CodexTokenUsage other) throws BadRecordException {
    try {
      return new CodexTokenUsage(
          Math.addExact(input, other.input),
          Math.addExact(cachedInput, other.cachedInput),
          Math.addExact(cacheWrite, other.cacheWrite),
          Math.addExact(output, other.output),
          Math.addExact(reasoning, other.reasoning));
    } catch (ArithmeticException e) {
      throw new BadRecordException(
          "the session's running token total overflows: '%s' plus 'last_token_usage' '%s'"
              .formatted(signature(), other.signature()),
          e);
    }
  }

  boolean isZero() {
    return input == 0 && cachedInput == 0 && cacheWrite == 0 && output == 0;
  }

  /** In goodhart's convention: cached input and cache writes taken out of input. */
  TokenCounts toTokenCounts() throws BadRecordException {
    long uncached = input - cachedInput - cacheWrite;
    if (uncached < 0) {
      throw new BadRecordException(
          "cached_input_tokens (%d) and cache_write_input_tokens (%d) exceed input_tokens (%d)"
              .formatted(cachedInput, cacheWrite, input));
    }
    if (reasoning > output) {
      // Reasoning is part of output in every Codex build; a log that says otherwise is kept,
      // reasoning capped.
      return new TokenCounts(uncached, output, cachedInput, cacheWrite, 0, output);
    }
    return new TokenCounts(uncached, output, cachedInput, cacheWrite, 0, reasoning);
  }

  String signature() {
    return input + "," + cachedInput + "," + cacheWrite + "," + output + "," + reasoning;
  }

  static CodexTokenUsage parseSignature(String text) {
    String[] parts = text.split(",");
    if (parts.length != 5) {
      throw new IllegalArgumentException("not a token usage signature: " + text);
    }
    CodexTokenUsage usage =
        new CodexTokenUsage(
            Long.parseLong(parts[0]),
            Long.parseLong(parts[1]),
            Long.parseLong(parts[2]),
            Long.parseLong(parts[3]),
            Long.parseLong(parts[4]));
    if (usage.input < 0
        || usage.cachedInput < 0
        || usage.cacheWrite < 0
        || usage.output < 0
        || usage.reasoning < 0) {
      // Only damage writes a negative total, and growth from it would be an impossible count.
      throw new IllegalArgumentException("a negative count in a token usage signature: " + text);
    }
    return usage;
  }
}
