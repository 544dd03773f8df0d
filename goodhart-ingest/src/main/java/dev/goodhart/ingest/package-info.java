/**
 * Reading agent logs into {@link dev.goodhart.model.UsageEvent usage events}. Each source format
 * lives in its own package and registers itself by name through {@link java.util.ServiceLoader} as
 * a {@link UsageSource}; this package holds what all of them share: discovery of log folders,
 * incremental reading by file offsets, and bad-record handling.
 */
@NullMarked
package dev.goodhart.ingest;

import org.jspecify.annotations.NullMarked;
