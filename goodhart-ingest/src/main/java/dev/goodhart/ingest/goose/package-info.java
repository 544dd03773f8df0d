/**
 * Goose's session database ({@code sessions.db}): one row per session with its running token
 * totals, read as one event per session.
 */
@NullMarked
package dev.goodhart.ingest.goose;

import org.jspecify.annotations.NullMarked;
