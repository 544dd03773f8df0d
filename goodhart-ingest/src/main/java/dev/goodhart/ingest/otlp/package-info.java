/**
 * OpenTelemetry (OTLP) exports of coding agents: Claude Code, Codex and Gemini CLI, and any emitter
 * of the GenAI semantic conventions. {@link OtlpDecoder} turns a request body (protobuf or
 * OTLP/JSON) into OTLP's messages; {@link OtlpLogMapper} turns log events into usage events and
 * session signals, {@link OtlpMetricMapper} metric data points into metric points; traces are only
 * counted ({@link OtlpTraces}). Decoding fails on a malformed body as a whole; mapping never fails,
 * it skips and reports a bad record. See FORMATS.md §1 (Claude Code), §2.2–2.3 (Codex), §3 (Gemini
 * CLI), §7 (GenAI conventions) and §10.
 */
@NullMarked
package dev.goodhart.ingest.otlp;

import org.jspecify.annotations.NullMarked;
