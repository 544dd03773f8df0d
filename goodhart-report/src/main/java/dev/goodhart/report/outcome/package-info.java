/**
 * The outcome report ({@code goodhart report}): the JSON document of DESIGN.md and a terminal
 * summary read in ten seconds. The HTML page draws the same document.
 */
@NullMarked
package dev.goodhart.report.outcome;

import org.jspecify.annotations.NullMarked;
