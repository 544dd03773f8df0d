package dev.goodhart.model;

/**
 * Tokens of one request, or of a sum of requests, in Anthropic's convention (FORMATS.md §10.1):
 * {@code input} excludes cache reads and writes, so the five buckets add up to what the model read
 * and wrote. Readers of sources whose input includes cached tokens (Codex, Gemini, OpenAI) subtract
 * them before building this. {@code reasoning} is already inside {@code output}; it is kept for
 * reports, never added to totals.
 */
public record TokenCounts(
    long input, long output, long cacheRead, long cacheWrite5m, long cacheWrite1h, long reasoning) {

  public static final TokenCounts ZERO = new TokenCounts(0, 0, 0, 0, 0, 0);

  public TokenCounts {
    if (input < 0
        || output < 0
        || cacheRead < 0
        || cacheWrite5m < 0
        || cacheWrite1h < 0
        || reasoning < 0) {
      throw new IllegalArgumentException(
          "token counts must not be negative: input=%d output=%d cacheRead=%d cacheWrite5m=%d cacheWrite1h=%d reasoning=%d"
              .formatted(input, output, cacheRead, cacheWrite5m, cacheWrite1h, reasoning));
    }
  }

  public static TokenCounts of(long input, long output, long cacheRead, long cacheWrite5m) {
    return new TokenCounts(input, output, cacheRead, cacheWrite5m, 0, 0);
  }

  public long cacheWrite() {
    return cacheWrite5m + cacheWrite1h;
  }

  /** Everything the model read for this request: the base of the long-context rule. */
  public long prompt() {
    return input + cacheRead + cacheWrite5m + cacheWrite1h;
  }

  /** Input, output, cache reads and cache writes: the {@code totalTokens} of every report. */
  public long total() {
    return prompt() + output;
  }

  public TokenCounts plus(TokenCounts other) {
    return new TokenCounts(
        Math.addExact(input, other.input),
        Math.addExact(output, other.output),
        Math.addExact(cacheRead, other.cacheRead),
        Math.addExact(cacheWrite5m, other.cacheWrite5m),
        Math.addExact(cacheWrite1h, other.cacheWrite1h),
        Math.addExact(reasoning, other.reasoning));
  }
}
