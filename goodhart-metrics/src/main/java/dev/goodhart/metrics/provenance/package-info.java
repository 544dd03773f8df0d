/**
 * Line provenance: which agent session wrote each line that entered the default branch, found by
 * content rather than by commit sha, so that work squash-merged, rebased, cherry-picked, amended or
 * committed by a person counts as what it is. The rule is stated once, in {@link
 * dev.goodhart.metrics.provenance.LineProvenance}.
 */
@NullMarked
package dev.goodhart.metrics.provenance;

import org.jspecify.annotations.NullMarked;
