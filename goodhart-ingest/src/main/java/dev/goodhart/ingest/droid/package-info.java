/**
 * Droid's session settings files ({@code ~/.factory/sessions/.../<session>.settings.json}): each
 * session's token totals, read as one event per session.
 */
@NullMarked
package dev.goodhart.ingest.droid;

import org.jspecify.annotations.NullMarked;
