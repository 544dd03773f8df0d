/** {@code goodhart spend}: billed against observed spend as JSON and as a terminal table. */
@NullMarked
package dev.goodhart.report.spend;

import org.jspecify.annotations.NullMarked;
