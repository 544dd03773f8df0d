/**
 * OpenCode's sessions: the SQLite database current OpenCode keeps ({@code opencode.db} under its
 * data folder, read by {@link dev.goodhart.ingest.opencode.OpenCodeDatabase}) and the message and
 * part files older OpenCode wrote ({@code storage/message/<session>/<message>.json}, {@code
 * storage/part/<message>/<part>.json}). Each assistant message carries {@code tokens} (input
 * without cache, output, reasoning apart from output, cache read and write), the {@code cost}
 * OpenCode computed and the folder it worked in ({@code path.cwd}, {@code path.root}); the parts
 * hold its tool calls, which show the files the session wrote. Kilo, a fork of OpenCode, keeps the
 * same database and is read by the same classes under its own name.
 */
@NullMarked
package dev.goodhart.ingest.opencode;

import org.jspecify.annotations.NullMarked;
