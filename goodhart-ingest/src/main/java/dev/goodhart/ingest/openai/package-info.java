/**
 * OpenAI's organisation reports (FORMATS.md §6.5–§6.6): costs (in <b>dollars</b>) and completions
 * usage, in buckets whose times are seconds since 1970, as saved answers or from the API with an
 * Admin key.
 */
@NullMarked
package dev.goodhart.ingest.openai;

import org.jspecify.annotations.NullMarked;
