/**
 * A branch's history as one stream from {@code git log}: every commit, parents before children,
 * with its changes against each parent, down to the hunks of every text file, and, where {@code git
 * blame} follows a file otherwise than the diff pairs it (a type change, a rename source the diff
 * gave to another file), blame's view of the change.
 */
@NullMarked
package dev.goodhart.git.history;

import org.jspecify.annotations.NullMarked;
