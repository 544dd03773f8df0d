/**
 * Price tables as published by LiteLLM ({@code model_prices_and_context_window.json}: US dollars
 * per token) and by models.dev (US dollars per million tokens), read into {@link
 * dev.goodhart.model.pricing.PriceTable}s. A snapshot of each ships inside goodhart as the offline
 * default.
 */
@NullMarked
package dev.goodhart.ingest.prices;

import org.jspecify.annotations.NullMarked;
