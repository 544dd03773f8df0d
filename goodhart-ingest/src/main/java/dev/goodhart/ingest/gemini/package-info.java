/**
 * Gemini CLI chat recordings ({@code ~/.gemini/tmp/<project hash>/chats/session-*.json} as one
 * conversation document in older builds, {@code .jsonl} with a metadata line and one message record
 * per line in newer ones). A message of type {@code gemini} carries {@code tokens}: input includes
 * cached tokens, thinking and tool-use prompt tokens are counted apart from output and input. Its
 * {@code toolCalls} show the files the session wrote.
 */
@NullMarked
package dev.goodhart.ingest.gemini;

import org.jspecify.annotations.NullMarked;
