/**
 * Amp's thread files ({@code threads/T-<uuid>.json}): the requests of its usage ledger, or of its
 * assistant messages' usage, each with the cache tokens its message records.
 */
@NullMarked
package dev.goodhart.ingest.amp;

import org.jspecify.annotations.NullMarked;
