/**
 * Git outcome mining. The history of a branch is read from the git command line in one stream
 * (commits with their diffs against every parent), and the line-fate engine replays it in
 * topological order, handing each line from parent to child the way {@code git blame} does, so that
 * the commit it attributes every line of every state to is blame's answer.
 */
@NullMarked
package dev.goodhart.git;

import org.jspecify.annotations.NullMarked;
