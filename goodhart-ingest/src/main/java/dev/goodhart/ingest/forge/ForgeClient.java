package dev.goodhart.ingest.forge;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * GETs (and POSTs, for APIs that page through a request body) a forge's or a vendor's pages the way
 * its rate limits ask: a {@code 403} or {@code 429} with {@code Retry-After} waits that long; one
 * with no requests remaining ({@code X-RateLimit-Remaining: 0}, GitLab's {@code
 * RateLimit-Remaining}) waits until the reset time the answer gives; one with neither waits a
 * minute, as GitHub advises for its secondary limits. A wait longer than {@link Settings#maxWait()}
 * ends the import instead. Server errors ({@code 5xx}) and failed connections are tried again after
 * 1, 2, 4 ... seconds. {@code 401} and any other refusal end the import. Redirects are followed
 * only on the API's own host, and the token goes to no other: it is never written anywhere,
 * messages included. A signed download link (Copilot's reports) is fetched without any credential,
 * wherever it points.
 *
 * <p>The clock and the sleeper are the caller's, so that tests wait for nothing.
 */
public final class ForgeClient {
  /** An answer larger than this is refused: a page of 100 pull requests is about a megabyte. */
  public static final int MAX_ANSWER_BYTES = 64 << 20;

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration UNSAID_LIMIT_WAIT = Duration.ofMinutes(1);
  private static final int MAX_REDIRECTS = 3;
  private static final int MAX_LIMIT_WAITS = 10;
  private static final int MAX_ERROR_BYTES = 64 << 10;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /**
   * @param maxWait the longest single wait for a rate limit or a retry
   * @param retries how often a server error or a failed connection is tried again
   * @param timeout how long one request may take
   */
  public record Settings(Duration maxWait, int retries, Duration timeout) {
    public Settings {
      requireNonNull(maxWait, "maxWait is null");
      requireNonNull(timeout, "timeout is null");
      if (maxWait.isNegative() || retries < 0 || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("negative waits, retries or timeouts");
      }
    }

    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(15), 3, Duration.ofSeconds(60));
    }
  }

  /** Waits; tests record the waits instead. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper SYSTEM = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
  }

  /** What a GET came back with. */
  public sealed interface Answer {
    URI uri();
  }

  /**
   * A page of a list.
   *
   * @param next the next page's address, null on the last page
   * @param lastPage the last page's number as the {@code Link} header gives it, 0 when unknown
   * @param totalItems the items of the whole list as GitLab's {@code X-Total} gives it, -1 when
   *     unknown
   */
  public record Page(
      URI uri,
      byte[] body,
      @Nullable String etag,
      @Nullable URI next,
      long lastPage,
      long totalItems)
      implements Answer {}

  /** {@code 304}: the page is as it was when its ETag was given. */
  public record NotModified(URI uri) implements Answer {}

  /** {@code 404} or {@code 410}. */
  public record NotFound(URI uri) implements Answer {}

  /** An answer that cannot be used (too large), for the caller to report and skip. */
  public record Unreadable(URI uri, String reason) implements Answer {}

  private final HttpClient http;
  private final RemoteApi api;
  private final @Nullable String token;
  private final URI apiUrl;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Settings settings;
  private final ForgeListener listener;
  private int requests;
  private int notModified;
  private Duration waited = Duration.ZERO;

  public ForgeClient(
      HttpClient http,
      RemoteApi api,
      @Nullable String token,
      URI apiUrl,
      Clock clock,
      Sleeper sleeper,
      Settings settings,
      ForgeListener listener) {
    this.http = requireNonNull(http, "http is null");
    this.api = requireNonNull(api, "api is null");
    this.token = token;
    this.apiUrl = requireNonNull(apiUrl, "apiUrl is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.listener = requireNonNull(listener, "listener is null");
  }

  /** The client goodhart uses: redirects are this class's to follow, so tokens stay home. */
  public static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public URI apiUrl() {
    return apiUrl;
  }

  public int requests() {
    return requests;
  }

  public int notModified() {
    return notModified;
  }

  public Duration waited() {
    return waited;
  }

  /**
   * GETs one page, with {@code If-None-Match} when an ETag is given.
   *
   * @throws GoodhartException when the API refuses the token or the request, its rate limit would
   *     take too long to lift, or it cannot be reached after the retries
   */
  public Answer get(URI uri, @Nullable String etag) {
    return exchange(new Exchange("GET", uri, null, etag, true));
  }

  /**
   * POSTs a JSON body and reads the answer as a page, for APIs that page through the request body
   * (Cursor's): the same rate limits, retries and refusals as {@link #get}.
   */
  public Answer post(URI uri, byte[] json) {
    requireNonNull(json, "json is null");
    return exchange(new Exchange("POST", uri, json.clone(), null, true));
  }

  /**
   * GETs a signed link the API gave (a report's download link) without any credential: it may lie
   * on another host, which must never see the token.
   */
  public Answer download(URI uri) {
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) address: " + uri);
    }
    return exchange(new Exchange("GET", uri, null, null, false));
  }

  /** One request: a POST carries a body; an unauthenticated one carries no credential. */
  private record Exchange(
      String method,
      URI uri,
      byte @Nullable [] body,
      @Nullable String etag,
      boolean authenticated) {
    Exchange to(URI target, boolean keepMethod) {
      return keepMethod
          ? new Exchange(method, target, body, etag, authenticated)
          : new Exchange("GET", target, null, etag, authenticated);
    }

    String describe() {
      return method + " " + uri;
    }
  }

  private Answer exchange(Exchange first) {
    if (first.authenticated() && !Links.sameOrigin(apiUrl, first.uri())) {
      throw new IllegalArgumentException("not on the API's host: " + first.uri());
    }
    Exchange current = first;
    int redirects = 0;
    int failures = 0;
    int limitWaits = 0;
    while (true) {
      HttpResponse<InputStream> response;
      byte[] body;
      try {
        requests++;
        response = http.send(request(current), HttpResponse.BodyHandlers.ofInputStream());
        int limit = response.statusCode() / 100 == 2 ? MAX_ANSWER_BYTES : MAX_ERROR_BYTES;
        body = read(response.body(), limit);
      } catch (IOException e) {
        failures++;
        retryOrFail(current, failures, null, "%s".formatted(describe(e)));
        continue;
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
      int status = response.statusCode();
      HttpHeaders headers = response.headers();
      URI uri = current.uri();
      if (status == 304) {
        notModified++;
        return new NotModified(uri);
      }
      if (status / 100 == 2) {
        if (body.length > MAX_ANSWER_BYTES) {
          return new Unreadable(
              uri, "an answer over %d MiB; not read".formatted(MAX_ANSWER_BYTES >> 20));
        }
        return page(uri, body, headers);
      }
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        current =
            current.to(redirect(current, headers, ++redirects), status == 307 || status == 308);
        continue;
      }
      if (status == 404 || status == 410) {
        return new NotFound(uri);
      }
      String message = message(body);
      if (!current.authenticated() && (status == 401 || status == 403)) {
        throw new GoodhartException(
            ErrorCode.FORGE_REFUSED,
            "a download link %s gave refused %s (%d%s); such links expire within minutes: run the same command again for fresh ones"
                .formatted(api.title(), current.describe(), status, said(message)));
      }
      if (status == 401) {
        throw new GoodhartException(
            ErrorCode.FORGE_REFUSED,
            token == null
                ? "%s asks for a %s (401 at %s); give one with %s FILE or %s"
                    .formatted(
                        api.title(),
                        api.credential(),
                        current.describe(),
                        api.credentialOption(),
                        api.tokenVariable())
                : "the %s was refused by %s (401 at %s); check %s / %s"
                    .formatted(
                        api.credential(),
                        api.title(),
                        current.describe(),
                        api.credentialOption(),
                        api.tokenVariable()));
      }
      if (status == 403 || status == 429) {
        Duration wait = rateLimitWait(status, headers, message);
        if (wait != null) {
          if (++limitWaits > MAX_LIMIT_WAITS) {
            throw new GoodhartException(
                ErrorCode.RATE_LIMITED,
                "%s still refuses %s for its rate limit after %d waits; what was imported so far is stored: run the same command again later"
                    .formatted(api.title(), current.describe(), MAX_LIMIT_WAITS));
          }
          waitForLimit(wait);
          continue;
        }
        throw new GoodhartException(
            ErrorCode.FORGE_REFUSED,
            "%s refused %s (%d%s); %s: check %s / %s"
                .formatted(
                    api.title(),
                    current.describe(),
                    status,
                    said(message),
                    api.refusal(),
                    api.credentialOption(),
                    api.tokenVariable()));
      }
      if (status / 100 == 5) {
        failures++;
        retryOrFail(current, failures, retryAfter(headers), status + said(message));
        continue;
      }
      throw new GoodhartException(
          ErrorCode.FORGE_REFUSED,
          "%s answered %s with %d%s"
              .formatted(api.title(), current.describe(), status, said(message)));
    }
  }

  private HttpRequest request(Exchange exchange) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(exchange.uri()).timeout(settings.timeout());
    if (exchange.body() != null) {
      request.POST(HttpRequest.BodyPublishers.ofByteArray(exchange.body()));
      request.header("Content-Type", "application/json");
    } else {
      request.GET();
    }
    if (exchange.authenticated()) {
      api.headers(token).forEach(request::header);
    } else {
      request.header("User-Agent", "goodhart");
    }
    if (exchange.etag() != null && !exchange.etag().isEmpty()) {
      request.header("If-None-Match", exchange.etag());
    }
    return request.build();
  }

  private static byte[] read(InputStream in, int limit) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 << 10];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        if (out.size() > limit) {
          break; // the caller sees more than the limit and refuses it
        }
      }
      return out.toByteArray();
    }
  }

  private Page page(URI uri, byte[] body, HttpHeaders headers) {
    String links = String.join(", ", headers.allValues("link"));
    URI next = Links.relation(links, "next");
    if (next == null) {
      long nextPage = headers.firstValue("x-next-page").map(Links::parse).orElse(0L);
      if (nextPage > 0) {
        next = Links.withPage(uri, nextPage);
      }
    }
    long total = headers.firstValue("x-total").map(Links::parse).filter(n -> n > 0).orElse(-1L);
    return new Page(
        uri,
        body,
        headers.firstValue("etag").orElse(null),
        next == null ? null : uri.resolve(next),
        Links.page(Links.relation(links, "last")),
        total);
  }

  private URI redirect(Exchange from, HttpHeaders headers, int redirects) {
    Optional<String> location = headers.firstValue("location");
    URI target;
    try {
      target = from.uri().resolve(location.orElseThrow());
    } catch (RuntimeException e) {
      throw new GoodhartException(
          ErrorCode.NETWORK_FAILURE,
          "%s redirected %s without a usable Location".formatted(api.title(), from.describe()));
    }
    if (redirects > MAX_REDIRECTS
        || from.authenticated() && !Links.sameOrigin(apiUrl, target)
        || !from.authenticated() && !String.valueOf(target.getScheme()).startsWith("http")) {
      throw new GoodhartException(
          ErrorCode.NETWORK_FAILURE,
          "%s redirected %s to %s; goodhart follows redirects on the API's own host only (at most %d), so that the %s goes nowhere else: give that address with --api-url"
              .formatted(api.title(), from.describe(), target, MAX_REDIRECTS, api.credential()));
    }
    return target;
  }

  /** How long a refusal asks to wait, or null when it is no rate limit. */
  private @Nullable Duration rateLimitWait(int status, HttpHeaders headers, String message) {
    Duration retryAfter = retryAfter(headers);
    if (retryAfter != null) {
      return retryAfter;
    }
    String remaining =
        headers
            .firstValue("x-ratelimit-remaining")
            .or(() -> headers.firstValue("ratelimit-remaining"))
            .orElse(null);
    String reset =
        headers
            .firstValue("x-ratelimit-reset")
            .or(() -> headers.firstValue("ratelimit-reset"))
            .orElse(null);
    if (remaining != null && remaining.trim().equals("0") && reset != null) {
      long resetSeconds = Links.parse(reset);
      if (resetSeconds > 0) {
        // A second more: the reset time is rounded down, and the first request after it counts.
        Duration wait =
            Duration.between(clock.instant(), Instant.ofEpochSecond(resetSeconds)).plusSeconds(1);
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
      }
    }
    if (status == 429 || message.toLowerCase(Locale.ROOT).contains("rate limit")) {
      return UNSAID_LIMIT_WAIT;
    }
    return null;
  }

  /** {@code Retry-After} in seconds or as an HTTP date, or null. */
  private @Nullable Duration retryAfter(HttpHeaders headers) {
    String value = headers.firstValue("retry-after").map(String::trim).orElse(null);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.chars().allMatch(Character::isDigit)) {
      long seconds = Links.parse(value);
      return Duration.ofSeconds(Math.max(1, seconds));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private void waitForLimit(Duration wait) {
    Instant until = clock.instant().plus(wait);
    if (wait.compareTo(settings.maxWait()) > 0) {
      throw new GoodhartException(
          ErrorCode.RATE_LIMITED,
          "%s's rate limit allows no more requests until %s (in %s), longer than --max-wait %s; what was imported so far is stored: run the same command again then%s"
              .formatted(
                  api.title(),
                  until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                  describe(wait),
                  describe(settings.maxWait()),
                  token == null
                      ? " (a %s raises the limit: %s FILE or %s)"
                          .formatted(api.credential(), api.credentialOption(), api.tokenVariable())
                      : ""));
    }
    sleep(wait, until, api.title() + "'s rate limit is spent");
  }

  private void retryOrFail(
      Exchange exchange, int failures, @Nullable Duration retryAfter, String what) {
    Duration backoff =
        retryAfter != null ? retryAfter : FIRST_BACKOFF.multipliedBy(1L << (failures - 1));
    if (failures > settings.retries() || backoff.compareTo(settings.maxWait()) > 0) {
      throw new GoodhartException(
          ErrorCode.NETWORK_FAILURE,
          "%s failed %d times (last: %s); what was imported so far is stored: run the same command again later"
              .formatted(exchange.describe(), failures, what));
    }
    sleep(
        backoff,
        clock.instant().plus(backoff),
        "%s failed (%s); trying again".formatted(exchange.describe(), what));
  }

  private void sleep(Duration wait, Instant until, String why) {
    listener.waiting(wait, until, why);
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
    waited = waited.plus(wait);
  }

  private static GoodhartException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new GoodhartException(
        ErrorCode.NETWORK_FAILURE, "interrupted; what was imported so far is stored", e);
  }

  /**
   * The {@code message} (GitHub, GitLab) or {@code error} (GitLab) of an error's JSON body, or the
   * {@code error.message} (Anthropic, OpenAI).
   */
  private static String message(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        JsonNode message =
            node.path("message").isTextual() ? node.get("message") : node.get("error");
        if (message != null && message.isObject() && message.path("message").isTextual()) {
          message = message.get("message");
        }
        if (message != null && message.isTextual()) {
          return message.textValue();
        }
      }
    } catch (IOException e) {
      // not JSON: an HTML error page from a proxy says nothing worth quoting
    }
    return "";
  }

  private static String said(String message) {
    return message.isBlank() ? "" : " " + JsonPayload.quote(message);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + JsonPayload.quote(message));
  }

  /** {@code 4m 10s}, {@code 1h 2m}, {@code 900ms}. */
  public static String describe(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds == 0) {
      return duration.toMillis() + "ms";
    }
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
    }
    return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + "m");
  }
}
