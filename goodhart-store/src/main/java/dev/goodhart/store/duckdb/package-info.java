/**
 * The embedded default store: one DuckDB file in the data folder. DuckDB allows one process per
 * file, so a second goodhart process gets a clear "in use" error rather than a lock wait.
 */
@NullMarked
package dev.goodhart.store.duckdb;

import org.jspecify.annotations.NullMarked;
