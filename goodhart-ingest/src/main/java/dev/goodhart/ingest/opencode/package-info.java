/**
 * OpenCode's message files ({@code storage/message/<session>/<message>.json} under its data
 * folder). Each assistant message carries {@code tokens} (input without cache, output, reasoning
 * apart from output, cache read and write) and the {@code cost} OpenCode computed. The parts of a
 * message ({@code storage/part/<message>/<part>.json}) hold its tool calls, which show the files
 * the session wrote. The SQLite store of newer OpenCode builds is not read yet.
 */
@NullMarked
package dev.goodhart.ingest.opencode;

import org.jspecify.annotations.NullMarked;
