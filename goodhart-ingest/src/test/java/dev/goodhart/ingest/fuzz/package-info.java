/**
 * The fuzz suite: every parser, fed a seeded corpus of malformed records made from valid samples,
 * must return normally or throw its documented exception, and whatever it emits must still be a
 * sane usage event. The corpus is generated, never stored, so it costs nothing to make it larger
 * ({@code -Dgoodhart.fuzz.cases}) or different ({@code -Dgoodhart.fuzz.seed}).
 */
@NullMarked
package dev.goodhart.ingest.fuzz;

import org.jspecify.annotations.NullMarked;
