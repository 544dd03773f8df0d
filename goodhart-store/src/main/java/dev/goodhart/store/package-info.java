/**
 * Where facts are kept: the {@link Store} interface that metrics are written against, and the
 * filters and aggregates it speaks in. Implementations (DuckDB here, Spark later) live in their own
 * packages and are chosen by name by the composition roots; nothing above this module sees them.
 */
@NullMarked
package dev.goodhart.store;

import org.jspecify.annotations.NullMarked;
