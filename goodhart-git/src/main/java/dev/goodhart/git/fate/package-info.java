/**
 * The line-fate engine: every line of every commit's tree attributed to the commit {@code git
 * blame} attributes it to, computed for the whole history in one pass, and the lines' lives on the
 * branch's first-parent chain.
 */
@NullMarked
package dev.goodhart.git.fate;

import org.jspecify.annotations.NullMarked;
