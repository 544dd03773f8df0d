package dev.goodhart.synthetic;

/**
 * Tokens of counted requests in Anthropic's convention (input without cache reads and writes), the
 * way ccusage reports them; {@code reasoning} is part of {@code output} and not added to totals.
 */
public record Tally(
    long requests, long input, long output, long cacheCreation, long cacheRead, long reasoning) {

  public static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0);

  public static Tally request(
      long input, long output, long cacheCreation, long cacheRead, long reasoning) {
    return new Tally(1, input, output, cacheCreation, cacheRead, reasoning);
  }

  public long total() {
    return input + output + cacheCreation + cacheRead;
  }

  public Tally plus(Tally other) {
    return new Tally(
        requests + other.requests,
        input + other.input,
        output + other.output,
        cacheCreation + other.cacheCreation,
        cacheRead + other.cacheRead,
        reasoning + other.reasoning);
  }
}
