/**
 * A branch's history as one stream from {@code git log}: every commit, parents before children,
 * with its changes against each parent, down to the hunks of every text file.
 */
@NullMarked
package dev.goodhart.git.history;

import org.jspecify.annotations.NullMarked;
