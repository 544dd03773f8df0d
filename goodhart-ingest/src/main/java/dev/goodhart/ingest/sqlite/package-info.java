/**
 * What the readers of agents' SQLite databases share: the columns a table has in the version of the
 * agent that wrote it, SQL that turns a row into one JSON record for the source's parser, so that a
 * value of the wrong type in a row is that row's bad record rather than a failed query, and the
 * reading of a table appended to one row per request from where the last import stopped.
 */
@NullMarked
package dev.goodhart.ingest.sqlite;

import org.jspecify.annotations.NullMarked;
