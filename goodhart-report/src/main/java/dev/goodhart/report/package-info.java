/** Renders metrics for people and programs: terminal tables that fit 80 columns, JSON, CSV. */
@NullMarked
package dev.goodhart.report;

import org.jspecify.annotations.NullMarked;
