/**
 * GitHub Copilot. Copilot CLI's OpenTelemetry file exports ({@code
 * COPILOT_OTEL_FILE_EXPORTER_PATH}, and {@code ~/.copilot/otel/*.jsonl}): its {@code chat} spans
 * carry each request's usage in the GenAI semantic conventions (input including cache reads and
 * writes, output including reasoning); its inference log records, turn records and {@code
 * invoke_agent} spans repeat or sum it, and count only where a trace has no chat span. And
 * Copilot's reports (FORMATS.md §4): premium request usage (the only Copilot money, in
 * <b>dollars</b>), and the usage metrics reports, NDJSON files behind signed download links, as
 * saved files or from GitHub's API with a token that may read the organisation's billing and
 * Copilot metrics.
 */
@NullMarked
package dev.goodhart.ingest.copilot;

import org.jspecify.annotations.NullMarked;
