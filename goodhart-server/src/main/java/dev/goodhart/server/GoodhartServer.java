package dev.goodhart.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.access.Scope;
import dev.goodhart.store.ServingStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code goodhart serve}: one HTTP server for a team. It receives agents' OpenTelemetry (OTLP/HTTP,
 * protobuf or JSON, gzip or not), GitHub's webhooks and other tools' deployments and incidents, and
 * answers the report's metrics per team, repository, source, model and week, with a dashboard at
 * {@code /}. Every write needs an API token with scope {@code ingest} (GitHub's webhooks: the
 * webhook secret's signature), every read one with scope {@code read}, token and team management
 * {@code admin}. A write is answered only once what it carried is committed.
 */
public final class GoodhartServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GoodhartServer.class);
  static final ObjectMapper JSON = new ObjectMapper();

  /** Set when a handler's own error answer is in place, so the status's generic one stays out. */
  private static final String ANSWERED = "goodhart.answered";

  private final ServerConfig config;
  private final ServingStore store;
  private final Pseudonyms pseudonyms;
  private final Clock clock;
  private final IngestQueue queue;
  private final String localAdmin;
  private final Authenticator authenticator;
  private final RequestBody bodies;
  private final OrgReports reports;
  private final RepositoryRefresher refresher;
  private final Javalin app;

  /** Rescans a mined repository when a push says it moved; by full name, or all when null. */
  @FunctionalInterface
  public interface RepositoryRefresher {
    RepositoryRefresher NONE = repository -> {};

    void refresh(@Nullable String repository);
  }

  private GoodhartServer(
      ServerConfig config,
      ServingStore store,
      Pricer pricer,
      Pseudonyms pseudonyms,
      Clock clock,
      RepositoryRefresher refresher) {
    this.config = config;
    this.store = store;
    this.pseudonyms = pseudonyms;
    this.clock = clock;
    this.refresher = refresher;
    this.queue = new IngestQueue(store, config.queueFacts(), LOG::warn);
    this.localAdmin = LocalAdmin.newToken();
    this.authenticator = new Authenticator(store, localAdmin, clock.instant());
    this.bodies = new RequestBody(config.maxBodyBytes(), config.maxInflatedBytes());
    this.reports =
        new OrgReports(
            store,
            pricer,
            pseudonyms,
            clock,
            config.minimumGroup(),
            queue::commits,
            config.freshWait() != null);
    // Javalin 7 takes every route while it is configured: none can be added to a made app.
    this.app =
        Javalin.create(
            javalin -> {
              javalin.startup.showJavalinBanner = false;
              javalin.concurrency.useVirtualThreads = true;
              javalin.http.maxRequestSize = config.maxBodyBytes();
              javalin.http.prefer405over404 = true;
              javalin.jsonMapper(new JavalinJackson(JSON, false));
              // Jetty 12 drops the requests in flight when it stops unless a graceful handler
              // counts them: with it, a stop closes the port, lets each request being received
              // finish and be answered (its facts stored), then stops. A request waits at most
              // the acknowledgement timeout for its commit; the stop waits as long.
              javalin.jetty.modifyServer(
                  jetty -> {
                    jetty.insertHandler(new GracefulHandler());
                    jetty.setStopTimeout(config.acknowledgeTimeout().toMillis());
                  });
              routes(javalin.routes);
            });
  }

  /** Starts a server on the store; the caller keeps owning the store and closes it after this. */
  public static GoodhartServer start(
      ServerConfig config,
      ServingStore store,
      Pricer pricer,
      Pseudonyms pseudonyms,
      Clock clock,
      RepositoryRefresher refresher) {
    GoodhartServer server =
        new GoodhartServer(
            requireNonNull(config, "config is null"),
            requireNonNull(store, "store is null"),
            requireNonNull(pricer, "pricer is null"),
            requireNonNull(pseudonyms, "pseudonyms is null"),
            requireNonNull(clock, "clock is null"),
            requireNonNull(refresher, "refresher is null"));
    server.app.start(config.bind(), config.port());
    return server;
  }

  /** The port listened on (the one chosen when the configuration asked for 0). */
  public int port() {
    return app.port();
  }

  /**
   * Where this server listens and its local admin credential, which it accepts with scope {@code
   * admin} for as long as it runs, and which is never stored: for {@link LocalAdmin#publish}.
   */
  public LocalAdmin.Endpoint localAdmin() {
    return new LocalAdmin.Endpoint(LocalAdmin.url(config.bind(), port()), localAdmin);
  }

  private void routes(JavalinDefaultRoutingApi app) {
    app.exception(
        ApiException.class,
        (e, ctx) -> {
          ctx.attribute(ANSWERED, true);
          if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"goodhart\"");
          }
          if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
          }
          ctx.status(e.status()).json(e.body());
        });
    app.exception(
        GoodhartException.class,
        (e, ctx) -> {
          LOG.warn("request {} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
          if (e.code() == ErrorCode.OUT_OF_RESOURCES) {
            // The question does not fit the server's limits: asking again will not help, the
            // message says what will.
            ctx.status(503)
                .json(
                    new ApiException(
                            503,
                            "out_of_resources",
                            e.getMessage() + "; nothing of this request was stored")
                        .body());
            return;
          }
          ApiException answer =
              new ApiException(
                  503,
                  "store_failure",
                  "the server could not store or read the facts ("
                      + e.getMessage()
                      + "); nothing of this request was stored, retry it");
          ctx.header("Retry-After", "5").status(503).json(answer.body());
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(500)
              .json(
                  new ApiException(
                          500,
                          "internal_error",
                          "the server failed on this request (a bug in goodhart: "
                              + e.getClass().getSimpleName()
                              + "); nothing of it was stored")
                      .body());
        });
    // Jetty's and Javalin's own refusals (no route, wrong method, body over the limit) get the
    // same JSON error as the handlers' ones.
    unlessAnswered(
        app,
        404,
        ctx ->
            ApiException.notFound(
                "there is no endpoint %s %s; OTLP goes to /v1/logs, /v1/metrics or /v1/traces, the API is under /api/v1/"
                    .formatted(ctx.method(), ctx.path())));
    unlessAnswered(
        app,
        405,
        ctx ->
            new ApiException(
                405,
                "method_not_allowed",
                "%s is not allowed on %s".formatted(ctx.method(), ctx.path())));
    unlessAnswered(
        app,
        413,
        ctx ->
            ApiException.tooLarge(
                "the request body is larger than the server's limit of %,d bytes; send smaller batches"
                    .formatted(config.maxBodyBytes())));

    app.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "ok")));
    app.get(
        "/api/v1/status",
        ctx -> {
          requireRead(ctx);
          ObjectNode status = JSON.createObjectNode();
          status.put("waitingFacts", queue.waiting());
          status.put("storedFacts", queue.stored());
          status.put("journaledRequests", queue.journaled());
          status.put("refusedRequests", queue.refused());
          status.put("commits", queue.commits());
          status.put("storeFailures", queue.loadFailures());
          status.put("storeFailure", queue.storeFailure());
          status.put("unstoredRequests", queue.unstoredRequests());
          try (ServingStore reader = store.reader()) {
            status.put("usageEvents", reader.statistics().events());
          }
          ctx.json(status);
        });
    ReadApi.register(this, app);
    AdminApi.register(this, app);
    DashboardRoutes.register(app);
    OtlpRoutes.register(this, app);
    WebhookRoutes.register(this, app);
  }

  private static void unlessAnswered(
      JavalinDefaultRoutingApi app,
      int status,
      java.util.function.Function<Context, ApiException> answer) {
    app.error(
        status,
        ctx -> {
          if (ctx.attribute(ANSWERED) == null) {
            ctx.json(answer.apply(ctx).body());
          }
        });
  }

  Authenticator authenticator() {
    return authenticator;
  }

  OrgReports reports() {
    return reports;
  }

  /**
   * Checks a read token, then waits (up to the acknowledgement timeout) until every fact
   * acknowledged so far is in the store: an answer never misses what an exporter was told is kept.
   * While the store cannot take writes (a full disk), or when the wait ran out, the answer comes at
   * once from what is stored, with a {@value #STALE_HEADER} header that says so and why.
   */
  void requireRead(Context ctx) {
    requireRead(ctx, config.acknowledgeTimeout());
  }

  /**
   * As {@link #requireRead(Context)} for a view of figures: it waits at most the fresh wait, in
   * all, for the stored facts and its figures (see {@link #freshness}); {@code /api/v1/status} and
   * the other reads still wait for everything acknowledged.
   */
  void requireView(Context ctx) {
    Duration wait = config.acknowledgeTimeout();
    if (config.freshWait() != null && config.freshWait().compareTo(wait) < 0) {
      wait = config.freshWait();
    }
    requireRead(ctx, wait);
  }

  private void requireRead(Context ctx, Duration wait) {
    authenticator.require(ctx, Scope.READ);
    ctx.attribute(READ_STARTED, System.nanoTime());
    if (!queue.awaitStored(wait.toMillis())) {
      String failure = queue.storeFailure();
      ctx.header(
          STALE_HEADER,
          headerText(
              "%d acknowledged requests are not in the store yet%s"
                  .formatted(
                      queue.unstoredRequests(),
                      failure == null ? "" : " (the store cannot take writes: " + failure + ")")));
    }
  }

  /**
   * What is left of a read's fresh wait (one wait for the stored facts and the figures together,
   * from {@link #requireView}), and the header that marks an answer with the last figures computed.
   */
  Freshness freshness(Context ctx) {
    Consumer<Instant> stale =
        computed ->
            ctx.header(
                STALE_HEADER,
                "figures computed at %s; those with the latest facts are being computed"
                    .formatted(computed.truncatedTo(ChronoUnit.MILLIS)));
    Duration wait = config.freshWait();
    Long started = ctx.attribute(READ_STARTED);
    if (wait != null && started != null) {
      Duration spent = Duration.ofNanos(System.nanoTime() - started);
      wait = spent.compareTo(wait) >= 0 ? Duration.ZERO : wait.minus(spent);
    }
    return new Freshness(wait, stale);
  }

  private static final String READ_STARTED = "goodhart.readStarted";

  /** The header of an answer given from what is stored while acknowledged facts wait. */
  static final String STALE_HEADER = "Goodhart-Stale";

  /** One line of printable ASCII, as a header value must be. */
  private static String headerText(String text) {
    String line = text.lines().findFirst().orElse("");
    StringBuilder clean = new StringBuilder(Math.min(line.length(), 300));
    for (int i = 0; i < line.length() && clean.length() < 300; i++) {
      char c = line.charAt(i);
      clean.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return clean.toString();
  }

  /**
   * Waits until every fact acknowledged so far is in the store; false when {@code timeout} passed
   * first.
   */
  public boolean awaitStored(java.time.Duration timeout) {
    return queue.awaitStored(timeout.toMillis());
  }

  IngestQueue queue() {
    return queue;
  }

  ServingStore store() {
    return store;
  }

  RequestBody bodies() {
    return bodies;
  }

  Pseudonyms pseudonyms() {
    return pseudonyms;
  }

  Clock clock() {
    return clock;
  }

  ServerConfig config() {
    return config;
  }

  RepositoryRefresher refresher() {
    return refresher;
  }

  /** Waits for the writer to commit a request's facts: the moment the request may be answered. */
  int acknowledged(CompletableFuture<Integer> written) {
    try {
      return written.get(config.acknowledgeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw ApiException.busy(
          "the facts were not committed within %d s; retry (a retry of the same request is stored once)"
              .formatted(config.acknowledgeTimeout().toSeconds()),
          5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.busy("the server is stopping; retry", 5);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  static JsonNode parseJson(byte[] body, String what) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest(what + " must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      throw ApiException.badRequest(
          "%s is not valid JSON at line %d, column %d: %s"
              .formatted(
                  what,
                  at == null ? 0 : at.getLineNr(),
                  at == null ? 0 : at.getColumnNr(),
                  e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      throw ApiException.badRequest(what + " could not be read: " + e.getMessage());
    }
  }

  /** Refuses a body whose Content-Type is not one of the given. */
  static String requireContentType(Context ctx, String... accepted) {
    String type = ctx.contentType();
    String bare =
        type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    for (String candidate : accepted) {
      if (candidate.equals(bare)) {
        return bare;
      }
    }
    throw ApiException.unsupportedMediaType(
        "Content-Type '%s' is not accepted here; send %s"
            .formatted(type == null ? "(none)" : type, String.join(" or ", accepted)));
  }

  /** Stops listening, writes what is queued, stops. The store stays open (its owner closes it). */
  @Override
  public void close() {
    app.stop();
    queue.close();
  }
}
