/**
 * Kimi CLI wire logs ({@code ~/.kimi/sessions/<md5 of the working
 * directory>/<session>/wire.jsonl}). Each {@code StatusUpdate} with {@code token_usage} is one
 * step's request, in Kimi's convention (input without cache reads and writes). The wire does not
 * name the model, so requests carry the configured default model of {@code config.toml}; the
 * working directory comes from {@code kimi.json}.
 */
@NullMarked
package dev.goodhart.ingest.kimi;

import org.jspecify.annotations.NullMarked;
