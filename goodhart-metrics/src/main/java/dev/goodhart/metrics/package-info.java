/**
 * Metrics computed from facts through the {@link dev.goodhart.store.Store} interface only, never a
 * concrete store, so that the embedded and the distributed engines give the same answers.
 */
@NullMarked
package dev.goodhart.metrics;

import org.jspecify.annotations.NullMarked;
