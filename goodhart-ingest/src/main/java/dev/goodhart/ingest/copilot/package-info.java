/**
 * GitHub Copilot's reports (FORMATS.md §4): premium request usage (the only Copilot money, in
 * <b>dollars</b>), and the usage metrics reports, NDJSON files behind signed download links, as
 * saved files or from GitHub's API with a token that may read the organisation's billing and
 * Copilot metrics.
 */
@NullMarked
package dev.goodhart.ingest.copilot;

import org.jspecify.annotations.NullMarked;
