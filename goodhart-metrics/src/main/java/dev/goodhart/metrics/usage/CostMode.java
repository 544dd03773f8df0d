package dev.goodhart.metrics.usage;

/** Where a request's dollars come from. */
public enum CostMode {
  /** The cost the log carries when it carries one, else the price table's. */
  AUTO,
  /** Always the price table's, ignoring costs in logs. */
  CALCULATE,
  /** Only the cost the log carries; requests without one are unpriced. */
  DISPLAY
}
