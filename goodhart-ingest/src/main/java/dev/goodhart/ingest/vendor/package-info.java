/**
 * Vendors' cost and usage reports, from saved answers or straight from their APIs: each report
 * format is a {@link dev.goodhart.ingest.vendor.VendorFormat} in its vendor's package ({@code
 * anthropic}, {@code openai}, {@code copilot}, {@code cursor}), registered in {@code
 * META-INF/services}, and recognised by what an answer holds, never by its file name. Saved files
 * and API answers are read by the same {@link dev.goodhart.ingest.vendor.VendorReader}; the API
 * import asks through the forges' {@link dev.goodhart.ingest.forge.ForgeClient}, with its rate
 * limits and retries.
 */
@NullMarked
package dev.goodhart.ingest.vendor;

import org.jspecify.annotations.NullMarked;
