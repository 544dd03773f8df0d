/**
 * The {@code goodhart} command line: picocli commands, and the composition root that picks the
 * concrete store and wires ingest, metrics and report together. Exit codes: 0 ok, 1 internal error,
 * 2 usage error, 3 bad input under {@code --strict}, 4 external failure.
 */
@NullMarked
package dev.goodhart.cli;

import org.jspecify.annotations.NullMarked;
