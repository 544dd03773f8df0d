package dev.goodhart.server;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request the server refuses, with the status, a stable code clients can branch on, and a
 * sentence that says what was wrong and what to do. Answered as {@code {"error": {...}}}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final @Nullable Integer retryAfterSeconds;
  private final Map<String, Object> details;

  public ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  private ApiException(
      int status, String code, String message, @Nullable Integer retryAfterSeconds) {
    this(status, code, message, retryAfterSeconds, Map.of());
  }

  private ApiException(
      int status,
      String code,
      String message,
      @Nullable Integer retryAfterSeconds,
      Map<String, Object> details) {
    super(requireNonNull(message, "message is null"));
    this.status = status;
    this.code = requireNonNull(code, "code is null");
    this.retryAfterSeconds = retryAfterSeconds;
    this.details = Map.copyOf(details);
  }

  /** A 400 with more fields in the error object, e.g. every problem of a payload with its path. */
  public static ApiException badRequest(String message, Map<String, Object> details) {
    return new ApiException(400, "bad_request", message, null, details);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, "too_large", message);
  }

  public static ApiException unsupportedMediaType(String message) {
    return new ApiException(415, "unsupported_media_type", message);
  }

  public static ApiException busy(String message, int retryAfterSeconds) {
    return new ApiException(503, "busy", message, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public @Nullable Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The answer's body. */
  public Map<String, Object> body() {
    Map<String, Object> error = new java.util.LinkedHashMap<>();
    error.put("status", status);
    error.put("code", code);
    error.put("message", getMessage());
    error.putAll(details);
    return Map.of("error", error);
  }
}
