/**
 * What the tokens shipped: agent sessions joined to the commits they produced, and the metrics of
 * that join (cost per shipped commit, yield of AI-written lines, unshipped spend, waste signals,
 * the efficiency curve). {@link dev.goodhart.metrics.outcome.OutcomeLedger} is the entry point.
 */
@NullMarked
package dev.goodhart.metrics.outcome;

import org.jspecify.annotations.NullMarked;
