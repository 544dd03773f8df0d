package dev.goodhart.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Load generator for {@code goodhart serve}'s OTLP/HTTP logs endpoint, behind {@code
 * bench/otlp-load}. Sends Claude Code {@code api_request} records in protobuf batches over {@code
 * --connections} connections, either as fast as they allow ({@code --rate 0}) or paced open-loop at
 * a fixed rate (see {@link Pacing}), retries each 503 after its Retry-After, times every request,
 * and prints one JSON object ({@link LoadSummary}) when done.
 *
 * <p>Run: {@code java -cp goodhart-bench/target/goodhart-bench.jar dev.goodhart.bench.OtlpLoad
 * --url http://127.0.0.1:4318 --token TOKEN --rate 10000 --duration 20}
 */
public final class OtlpLoad {
  /** How long one request may keep being refused with 503 before it counts as an error. */
  private static final long RETRY_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(120);

  private static final int ERRORS_SHOWN = 5;

  /** A connection that fails this many requests in a row stops: the server is gone or refusing. */
  private static final int GIVE_UP_FAILURES = 10;

  private final OtlpLoadOptions options;

  /** Empty requests per connection before the clock starts. */
  private static final int WARM_UP_REQUESTS = 50;

  private final Pacing pacing;
  private final ApiRequestBodies bodies;
  private final HttpClient client;
  private final AtomicLong nextRequest = new AtomicLong();
  private final ConcurrentLinkedQueue<String> errorMessages = new ConcurrentLinkedQueue<>();
  private long start;

  private OtlpLoad(OtlpLoadOptions options) {
    this.options = options;
    this.pacing = options.pacing();
    this.bodies = new ApiRequestBodies(options.seed(), options.run());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public static void main(String[] args) throws InterruptedException {
    OtlpLoadOptions options;
    try {
      options = OtlpLoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(OtlpLoadOptions.USAGE);
      System.exit(2);
      return;
    }
    LoadSummary summary = run(options, message -> System.err.println("otlp-load: " + message));
    System.out.println(summary.toJson());
    System.exit(summary.errors() == 0 ? 0 : 1);
  }

  /** Runs the load; {@code errors} is told the first few failures' messages. */
  static LoadSummary run(OtlpLoadOptions options, Consumer<String> errors)
      throws InterruptedException {
    OtlpLoad load = new OtlpLoad(options);
    LoadSummary summary = load.run();
    load.errorMessages.forEach(errors);
    return summary;
  }

  private LoadSummary run() throws InterruptedException {
    bodies.prepare(options.batch());
    if (pacing.requests() != Long.MAX_VALUE) {
      bodies.prepare(pacing.eventsIn(pacing.requests() - 1));
    }
    openConnections();
    List<Sender> senders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    start = System.nanoTime();
    for (int i = 0; i < options.connections(); i++) {
      Sender sender = new Sender();
      senders.add(sender);
      threads.add(Thread.ofPlatform().name("otlp-load-" + i).start(sender));
    }
    long end = start;
    for (int i = 0; i < threads.size(); i++) {
      threads.get(i).join();
      end = Math.max(end, senders.get(i).lastAnswer);
    }
    long sent = 0;
    long acknowledged = 0;
    long rejected = 0;
    long requests = 0;
    long retries = 0;
    long errors = 0;
    for (Sender sender : senders) {
      sent += sender.sent;
      acknowledged += sender.acknowledged;
      rejected += sender.rejected;
      requests += sender.requests;
      retries += sender.retries503;
      errors += sender.errors;
    }
    Latencies latencies = Latencies.merge(senders.stream().map(s -> s.latencies).toList());
    return new LoadSummary(
        options,
        sent,
        acknowledged,
        rejected,
        requests,
        retries,
        errors,
        (end - start) / 1e9,
        latencies);
  }

  /**
   * Before the clock starts: opens every connection and warms this JVM's HTTP client with empty log
   * requests (which store nothing), so that the first timed requests do not carry a TCP handshake
   * and the generator's own class loading. An exporter keeps its connection open too.
   */
  private void openConnections() throws InterruptedException {
    byte[] empty = ExportLogsServiceRequest.getDefaultInstance().toByteArray();
    List<Thread> openers = new ArrayList<>();
    for (int i = 0; i < options.connections(); i++) {
      openers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int request = 0; request < WARM_UP_REQUESTS; request++) {
                      try {
                        client.send(
                            HttpRequest.newBuilder(options.url())
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/x-protobuf")
                                .header("Authorization", "Bearer " + options.token())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(empty))
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                      } catch (IOException e) {
                        return; // the timed requests will report it
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                    }
                  }));
    }
    for (Thread opener : openers) {
      opener.join();
    }
  }

  /** One connection's worth of requests: takes the next request due, sends it, times it. */
  private final class Sender implements Runnable {
    final Latencies latencies = new Latencies();
    long sent;
    long acknowledged;
    long rejected;
    long requests;
    long retries503;
    long errors;
    long lastAnswer;
    int failedInARow;

    @Override
    public void run() {
      long durationNanos = options.duration().map(Duration::toNanos).orElse(Long.MAX_VALUE);
      while (true) {
        if (!pacing.paced() && System.nanoTime() - start >= durationNanos) {
          return;
        }
        long request = nextRequest.getAndIncrement();
        long due = pacing.offsetNanos(request);
        if (request >= pacing.requests() || due >= durationNanos) {
          return;
        }
        int events = pacing.eventsIn(request);
        // The body is made before the request is due, so its cost is not in the latency.
        byte[] body = bodies.body(pacing.firstEvent(request), events, Instant.now());
        if (options.gzip()) {
          body = ApiRequestBodies.gzip(body);
        }
        long from;
        if (pacing.paced()) {
          from = start + due;
          for (long wait; (wait = from - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(wait);
          }
        } else {
          from = System.nanoTime();
        }
        requests++;
        sent += events;
        if (send(body, events)) {
          lastAnswer = System.nanoTime();
          latencies.record(lastAnswer - from);
          failedInARow = 0;
        } else if (Thread.currentThread().isInterrupted() || ++failedInARow == GIVE_UP_FAILURES) {
          return;
        }
      }
    }

    /**
     * Sends until answered 200 (true), or refused otherwise, failed, or interrupted (false). Only
     * answered requests are timed: a failure's latency says nothing of the server's.
     */
    private boolean send(byte[] body, int events) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(options.url())
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/x-protobuf")
              .header("Authorization", "Bearer " + options.token())
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (options.gzip()) {
        builder.header("Content-Encoding", "gzip");
      }
      HttpRequest request = builder.build();
      long giveUp = System.nanoTime() + RETRY_BUDGET_NANOS;
      while (true) {
        HttpResponse<byte[]> response;
        try {
          response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
          error("request failed: " + e);
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        int status = response.statusCode();
        if (status == 200) {
          long refused = rejectedIn(response);
          rejected += refused;
          acknowledged += events - refused;
          return true;
        }
        if (status == 503 && System.nanoTime() < giveUp) {
          retries503++;
          long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
          LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(Math.max(0, seconds)));
          continue;
        }
        error(
            "HTTP %d: %s"
                .formatted(status, new String(response.body(), StandardCharsets.UTF_8).strip()));
        return false;
      }
    }

    private void error(String message) {
      errors++;
      if (errorMessages.size() < ERRORS_SHOWN) {
        errorMessages.add(message);
      }
    }
  }

  /** The records an OTLP partial success says were rejected; 0 for an empty or JSON answer. */
  private static long rejectedIn(HttpResponse<byte[]> response) {
    boolean protobuf =
        response.headers().firstValue("Content-Type").orElse("").contains("protobuf");
    if (!protobuf || response.body().length == 0) {
      return 0;
    }
    try {
      return ExportLogsServiceResponse.parseFrom(response.body())
          .getPartialSuccess()
          .getRejectedLogRecords();
    } catch (InvalidProtocolBufferException e) {
      return 0;
    }
  }
}
