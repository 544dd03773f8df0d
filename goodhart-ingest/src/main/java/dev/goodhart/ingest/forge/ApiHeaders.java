package dev.goodhart.ingest.forge;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The headers of {@link RemoteApi#headers}, in the order they are sent: the API's own (what it
 * answers with, its version), goodhart's {@code User-Agent}, then the secret's header when there is
 * a secret. APIs differ only in their own headers and in how the secret is sent.
 */
public final class ApiHeaders {
  private final Map<String, String> own = new LinkedHashMap<>();

  private ApiHeaders() {}

  /** An API that answers in JSON: {@code Accept: application/json}. */
  public static ApiHeaders json() {
    return new ApiHeaders().with("Accept", "application/json");
  }

  /** An API whose first own header is this one. */
  public static ApiHeaders first(String name, String value) {
    return new ApiHeaders().with(name, value);
  }

  /** One more of the API's own headers, sent after those before it. */
  public ApiHeaders with(String name, String value) {
    own.put(name, value);
    return this;
  }

  /** The headers, the token sent as {@code Authorization: Bearer TOKEN}. */
  public Map<String, String> bearer(@Nullable String token) {
    return secret("Authorization", token == null ? null : "Bearer " + token);
  }

  /** The headers, the secret (when there is one) sent as the header of that name. */
  public Map<String, String> secret(String name, @Nullable String secret) {
    Map<String, String> headers = new LinkedHashMap<>(own);
    headers.put("User-Agent", "goodhart");
    if (secret != null) {
      headers.put(name, secret);
    }
    return headers;
  }
}
