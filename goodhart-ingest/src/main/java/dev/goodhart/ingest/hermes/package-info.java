/**
 * Hermes Agent's state database ({@code state.db}): one row per session with its token totals and
 * recorded cost, read as one event per session.
 */
@NullMarked
package dev.goodhart.ingest.hermes;

import org.jspecify.annotations.NullMarked;
