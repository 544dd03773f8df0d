/**
 * What the readers of agents' SQLite databases share: the columns a table has in the version of the
 * agent that wrote it; SQL that turns a row into one JSON record for the source's parser, so that a
 * value of the wrong type in a row is that row's bad record rather than a failed query; the reading
 * of a table appended to one row per request from where the last import stopped; a source whose
 * logs are one database of a fixed name; and what a row of a whole session's totals is worth.
 */
@NullMarked
package dev.goodhart.ingest.sqlite;

import org.jspecify.annotations.NullMarked;
