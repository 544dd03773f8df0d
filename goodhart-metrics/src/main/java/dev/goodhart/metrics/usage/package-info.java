/**
 * The usage ledger: tokens and dollars by day, week, month, session and 5-hour billing block. Every
 * report prices the same counted requests with the same rules, so all of them add up to the same
 * totals.
 */
@NullMarked
package dev.goodhart.metrics.usage;

import org.jspecify.annotations.NullMarked;
