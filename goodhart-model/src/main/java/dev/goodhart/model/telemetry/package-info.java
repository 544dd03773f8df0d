/** Facts that arrive as OpenTelemetry metrics: counters and histograms of agents. */
@NullMarked
package dev.goodhart.model.telemetry;

import org.jspecify.annotations.NullMarked;
