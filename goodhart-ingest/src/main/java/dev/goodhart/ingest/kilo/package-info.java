/**
 * Kilo's CLI, a fork of OpenCode whose database ({@code kilo.db}) has OpenCode's tables: read by
 * {@link dev.goodhart.ingest.opencode.OpenCodeDatabase}, under the name {@code kilo}.
 */
@NullMarked
package dev.goodhart.ingest.kilo;

import org.jspecify.annotations.NullMarked;
