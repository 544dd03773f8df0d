/**
 * GitHub Copilot CLI's OpenTelemetry file exports ({@code COPILOT_OTEL_FILE_EXPORTER_PATH}, and
 * {@code ~/.copilot/otel/*.jsonl}). Its {@code chat} spans carry each request's usage in the GenAI
 * semantic conventions (input including cache reads and writes, output including reasoning); its
 * inference log records, turn records and {@code invoke_agent} spans repeat or sum it, and count
 * only where a trace has no chat span.
 */
@NullMarked
package dev.goodhart.ingest.copilot;

import org.jspecify.annotations.NullMarked;
