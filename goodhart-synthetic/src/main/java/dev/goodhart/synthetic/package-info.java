/**
 * Realistic synthetic agent logs, written the way the agents write them, with the truth about them
 * kept beside: the requests a correct reader must count. Tests, benchmarks and the demo use these
 * instead of anyone's real logs. This module knows the formats only as a writer; it shares no code
 * with the readers, so that a test against it is an independent check.
 */
@NullMarked
package dev.goodhart.synthetic;

import org.jspecify.annotations.NullMarked;
