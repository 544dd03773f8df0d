/**
 * Benchmarks: JMH benchmarks of the hot paths and the tools behind the side-by-side scripts in
 * {@code bench/}. Nothing here is part of goodhart itself.
 */
@NullMarked
package dev.goodhart.bench;

import org.jspecify.annotations.NullMarked;
