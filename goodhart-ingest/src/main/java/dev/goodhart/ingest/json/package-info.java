/**
 * What every JSON-based source parser shares: a tuned Jackson factory, typed field readers that
 * turn a wrong type into a {@link dev.goodhart.ingest.BadRecordException} naming the field and the
 * value, and fast ISO-8601 times.
 */
@NullMarked
package dev.goodhart.ingest.json;

import org.jspecify.annotations.NullMarked;
