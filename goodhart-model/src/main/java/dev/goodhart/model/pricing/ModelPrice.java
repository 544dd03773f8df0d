package dev.goodhart.model.pricing;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.TokenCounts;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The published prices of one model, in US dollars per token, as a price table gives them. Rates a
 * table leaves out are derived by Anthropic's published multipliers for Claude models (cache read
 * 0.1x, 5-minute cache write 1.25x of the input rate) and by the input rate for others, so a
 * missing cache rate never prices tokens at $0. A 1-hour cache write is always 2x the input rate.
 *
 * @param name the key of the table entry that matched
 * @param longContext the rates above {@link #LONG_CONTEXT_THRESHOLD} prompt tokens, null when the
 *     model has one rate
 * @param fastMultiplier the fast-mode multiplier, null when the table gives none (fast requests
 *     then cost the normal rate)
 */
public record ModelPrice(
    String name,
    PublishedRates standard,
    @Nullable PublishedRates longContext,
    @Nullable BigDecimal fastMultiplier) {

  /**
   * Anthropic bills a whole request at the long-context rate once its prompt, cache included,
   * exceeds this.
   */
  public static final long LONG_CONTEXT_THRESHOLD = 200_000;

  private static final BigDecimal CLAUDE_CACHE_READ = new BigDecimal("0.1");
  private static final BigDecimal CLAUDE_CACHE_WRITE_5M = new BigDecimal("1.25");
  private static final BigDecimal CACHE_WRITE_1H = new BigDecimal("2");

  public ModelPrice {
    requireNonNull(name, "name is null");
    requireNonNull(standard, "standard is null");
    if (fastMultiplier != null && fastMultiplier.signum() <= 0) {
      throw new IllegalArgumentException(
          "fast multiplier must be positive for model '" + name + "'");
    }
  }

  /** The rates as a price table states them; any may be absent except input and output. */
  public record PublishedRates(
      BigDecimal input,
      BigDecimal output,
      @Nullable BigDecimal cacheRead,
      @Nullable BigDecimal cacheWrite5m) {
    public PublishedRates {
      requireNonNull(input, "input is null");
      requireNonNull(output, "output is null");
    }
  }

  /**
   * Whether a request with these tokens falls under the whole-request long-context rule for this
   * model.
   */
  public boolean isLongContext(TokenCounts tokens) {
    return longContext != null && tokens.prompt() > LONG_CONTEXT_THRESHOLD;
  }

  /**
   * The rates that apply to a request: long-context tier for the whole request, then the fast-mode
   * multiplier.
   */
  public TokenRates rates(boolean longContextRequest, boolean fast) {
    PublishedRates published = longContextRequest && longContext != null ? longContext : standard;
    boolean claude = name.contains("claude");
    BigDecimal input = published.input();
    BigDecimal cacheRead =
        published.cacheRead() != null
            ? published.cacheRead()
            : claude ? input.multiply(CLAUDE_CACHE_READ) : input;
    BigDecimal cacheWrite5m =
        published.cacheWrite5m() != null
            ? published.cacheWrite5m()
            : claude ? input.multiply(CLAUDE_CACHE_WRITE_5M) : input;
    TokenRates rates =
        new TokenRates(
            input, published.output(), cacheRead, cacheWrite5m, input.multiply(CACHE_WRITE_1H));
    return fast && fastMultiplier != null ? rates.times(fastMultiplier) : rates;
  }

  /**
   * The exact cost of one request, or of a sum of requests that share model, speed and long-context
   * class.
   */
  public BigDecimal cost(TokenCounts tokens, boolean longContextRequest, boolean fast) {
    return rates(longContextRequest, fast).cost(tokens);
  }
}
