/**
 * Grok CLI's database ({@code ~/.grok/grok.db}, superagent-ai's open-source Grok CLI): one row of
 * {@code usage_events} per model call it made for a prompt, a title, a recap or a sub-agent, read
 * as one event each, with the cost Grok CLI priced it at.
 */
@NullMarked
package dev.goodhart.ingest.grok;

import org.jspecify.annotations.NullMarked;
