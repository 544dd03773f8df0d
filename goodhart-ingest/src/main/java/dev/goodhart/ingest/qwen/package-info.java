/**
 * Qwen Code chat recordings ({@code ~/.qwen/projects/<sanitised cwd>/chats/<session>.jsonl}). Qwen
 * Code is a fork of Gemini CLI and keeps the Gemini API's {@code usageMetadata} on each assistant
 * record; its token convention is read by the Gemini package's {@link
 * dev.goodhart.ingest.gemini.GeminiTokenCounts}, with thinking tokens inside the candidates as Qwen
 * Code's OpenAI-compatible converter writes them.
 */
@NullMarked
package dev.goodhart.ingest.qwen;

import org.jspecify.annotations.NullMarked;
