package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * One request of a report.
 *
 * @param body a POST's JSON body; null for a GET
 * @param download a signed link to fetch without the key (it may point anywhere)
 * @param expected the format of the answer; null to recognise it by its shape
 * @param recent whether it asks for a day the vendor may not have reported yet (yesterday or
 *     today): a {@code 404} then means "not yet", not a problem
 */
public record ApiRequest(
    URI uri,
    byte @Nullable [] body,
    boolean download,
    @Nullable VendorFormat expected,
    boolean recent) {
  public ApiRequest {
    requireNonNull(uri, "uri is null");
    body = body == null ? null : body.clone();
  }

  public ApiRequest(
      URI uri, byte @Nullable [] body, boolean download, @Nullable VendorFormat expected) {
    this(uri, body, download, expected, false);
  }

  /** The same request, for a day the vendor may not have reported yet. */
  public ApiRequest asRecent() {
    return new ApiRequest(uri, body, download, expected, true);
  }

  public static ApiRequest get(URI uri, VendorFormat expected) {
    return new ApiRequest(uri, null, false, expected);
  }

  public static ApiRequest post(URI uri, String json, VendorFormat expected) {
    return new ApiRequest(
        uri, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), false, expected);
  }

  public static ApiRequest download(URI uri, @Nullable VendorFormat expected) {
    return new ApiRequest(uri, null, true, expected);
  }

  @Override
  public byte @Nullable [] body() {
    return body == null ? null : body.clone();
  }

  /** {@code GET https://...}, for messages. */
  public String describe() {
    return (body == null ? "GET " : "POST ") + uri;
  }
}
