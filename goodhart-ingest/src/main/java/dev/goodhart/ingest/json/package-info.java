/**
 * What every JSON-based source parser shares: a tuned Jackson factory, typed field readers that
 * turn a wrong type into a {@link dev.goodhart.ingest.BadRecordException} naming the field and the
 * value, and fast ISO-8601 times. For request bodies (webhooks, the events endpoint), {@link
 * JsonPayload} reads a whole tree and collects every problem instead of stopping at the first.
 */
@NullMarked
package dev.goodhart.ingest.json;

import org.jspecify.annotations.NullMarked;
