/**
 * What the readers of agents' SQLite databases share: the columns a table has in the version of the
 * agent that wrote it, and SQL that turns a row into one JSON record for the source's parser, so
 * that a value of the wrong type in a row is that row's bad record rather than a failed query.
 */
@NullMarked
package dev.goodhart.ingest.sqlite;

import org.jspecify.annotations.NullMarked;
