/** Output of git scans: commits as JSON lines, survival curves as JSON. */
@NullMarked
package dev.goodhart.report.git;

import org.jspecify.annotations.NullMarked;
