/**
 * Billed against observed: per UTC day, what vendors billed (their imported reports) beside what
 * the agents' logs and telemetry observed (priced usage), and the gap between them.
 */
@NullMarked
package dev.goodhart.metrics.spend;

import org.jspecify.annotations.NullMarked;
