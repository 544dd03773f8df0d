/**
 * Anthropic's Admin API reports (FORMATS.md §6.1–§6.3): the cost report (cents, as decimal
 * strings), the messages usage report and Claude Code Analytics (estimated cents), as saved answers
 * or from the API with an Admin key.
 */
@NullMarked
package dev.goodhart.ingest.anthropic;

import org.jspecify.annotations.NullMarked;
