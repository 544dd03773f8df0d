/**
 * The generic events endpoint's schema, for CI/CD and paging tools that are not GitHub: one JSON
 * object of {@code deployments} and {@code incidents}, checked strictly and whole
 * (docs/events-api.md is its reference). A request with any problem is refused with all of them
 * listed, and nothing of it is stored.
 */
@NullMarked
package dev.goodhart.ingest.deploys;

import org.jspecify.annotations.NullMarked;
