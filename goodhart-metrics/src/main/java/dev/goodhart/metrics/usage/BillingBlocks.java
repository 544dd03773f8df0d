package dev.goodhart.metrics.usage;

import dev.goodhart.store.UsageAggregate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Cuts each agent's requests into 5-hour billing blocks by {@link BlockRule}; more than five hours
 * without requests shows as a gap. Requests arrive ordered by source, then time.
 */
final class BillingBlocks {
  static final Duration LENGTH = BlockRule.LENGTH;
  private static final MathContext RATE = new MathContext(12, RoundingMode.HALF_EVEN);

  private final Pricer pricer;
  private final Instant now;
  private final Map<String, String> machineLabels;
  private final List<UsageRow> rows = new ArrayList<>();
  private @Nullable Block current;

  BillingBlocks(Pricer pricer, Instant now, Map<String, String> machineLabels) {
    this.pricer = pricer;
    this.now = now;
    this.machineLabels = machineLabels;
  }

  /**
   * The requests of one minute, model and machine, in time order per source. A block starts on a
   * whole hour and ends five hours later, both on minute boundaries, and a gap that ends a block is
   * hours long: a minute's requests always fall into one block, so minute sums give the blocks
   * request-by-request reading gives, without reading (and sorting) every request.
   */
  void accept(UsageAggregate event) {
    Instant at = event.first();
    Block block = current;
    if (block == null
        || !block.source.equals(event.source())
        || BlockRule.startsNew(block.start, block.last, at)) {
      if (block != null) {
        rows.add(block.toRow());
        if (block.source.equals(event.source())
            && Duration.between(block.last, at).compareTo(LENGTH) > 0) {
          rows.add(gap(block.source, block.last.plus(LENGTH), at));
        }
      }
      block = new Block(event.source(), BlockRule.start(at), at);
      current = block;
    }
    block.add(event);
  }

  List<UsageRow> finish() {
    if (current != null) {
      rows.add(current.toRow());
      current = null;
    }
    return rows;
  }

  private static UsageRow gap(String source, Instant start, Instant end) {
    return new UsageAccumulator()
        .toRow(
            "gap-" + Instants.format(start),
            null,
            new BlockDetails(source, start, end, null, false, true, null, null));
  }

  private final class Block {
    final String source;
    final Instant start;
    final Instant first;
    Instant last;
    final UsageAccumulator sums = new UsageAccumulator();

    Block(String source, Instant start, Instant first) {
      this.source = source;
      this.start = start;
      this.first = first;
      this.last = first;
    }

    Instant end() {
      return start.plus(LENGTH);
    }

    void add(UsageAggregate event) {
      Pricer.Priced priced =
          pricer.price(
              event.model(),
              event.fast(),
              event.longContext(),
              event.costReported(),
              event.tokens(),
              event.reportedCost());
      sums.add(
          event.source(),
          machineLabels.getOrDefault(event.machineId(), event.machineId()),
          Pricer.displayName(event.model(), event.fast()),
          event.tokens(),
          event.requests(),
          priced,
          event.first(),
          event.last());
      last = event.last().isAfter(last) ? event.last() : last;
    }

    UsageRow toRow() {
      boolean active = BlockRule.isActive(start, last, now);
      BlockDetails.BurnRate rate = active ? burnRate() : null;
      BlockDetails.Projection projection = rate == null ? null : project(rate);
      return sums.toRow(
          Instants.format(start),
          null,
          new BlockDetails(source, start, end(), last, active, false, rate, projection));
    }

    private BlockDetails.@Nullable BurnRate burnRate() {
      long millis = Duration.between(first, last).toMillis();
      if (millis <= 0) {
        return null;
      }
      BigDecimal minutes = BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(60_000), RATE);
      return new BlockDetails.BurnRate(
          BigDecimal.valueOf(sums.tokens().total()).divide(minutes, RATE),
          sums.cost().multiply(BigDecimal.valueOf(60)).divide(minutes, RATE));
    }

    private BlockDetails.Projection project(BlockDetails.BurnRate rate) {
      long remaining = Math.max(0, (Duration.between(now, end()).toSeconds() + 59) / 60);
      BigDecimal more = rate.tokensPerMinute().multiply(BigDecimal.valueOf(remaining));
      BigDecimal moreCost =
          rate.costPerHour()
              .multiply(BigDecimal.valueOf(remaining))
              .divide(BigDecimal.valueOf(60), RATE);
      return new BlockDetails.Projection(
          sums.tokens().total() + more.setScale(0, RoundingMode.HALF_UP).longValueExact(),
          sums.cost().add(moreCost),
          remaining);
    }
  }
}
