/**
 * Cursor's Admin API usage events (FORMATS.md §5.1): one event per request, its time in epoch
 * milliseconds (a string or a number), its cost in <b>cents</b> (fractional), as saved answers or
 * from the API with a team admin key.
 */
@NullMarked
package dev.goodhart.ingest.cursor;

import org.jspecify.annotations.NullMarked;
