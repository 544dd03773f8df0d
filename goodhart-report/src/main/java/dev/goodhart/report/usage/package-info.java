/**
 * Renders usage reports. The JSON keeps ccusage 20's field names ({@code daily[]}, {@code period},
 * {@code inputTokens}, ..., {@code modelBreakdowns}, {@code totals}) so its users' scripts keep
 * working, and adds goodhart's own fields beside them (unpriced tokens, sources, machines).
 */
@NullMarked
package dev.goodhart.report.usage;

import org.jspecify.annotations.NullMarked;
