/**
 * Importing pull requests from a forge's REST API: the HTTP client (rate limits, retries, ETags,
 * pagination), the import that asks only for what changed since the last one, and the reading of
 * answers and saved files item by item. Each forge ({@code github}, {@code gitlab}) is a {@link
 * dev.goodhart.ingest.forge.Forge} in its own package, which says where its resources are and reads
 * its JSON into the same facts.
 */
@NullMarked
package dev.goodhart.ingest.forge;

import org.jspecify.annotations.NullMarked;
