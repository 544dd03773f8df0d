/**
 * The yardstick for the line-fate engine: a generator of random but realistic git histories, built
 * with the real git command line from a seed, and an oracle that counts what {@code git blame}
 * attributes to each commit. The engine is right when its counts equal the oracle's on every
 * history the generator can make.
 */
@NullMarked
package dev.goodhart.git.oracle;

import org.jspecify.annotations.NullMarked;
