/**
 * Plain-text tables for terminals: fixed widths that add up to at most 80 columns, numbers that fit
 * their cells.
 */
@NullMarked
package dev.goodhart.report.text;

import org.jspecify.annotations.NullMarked;
