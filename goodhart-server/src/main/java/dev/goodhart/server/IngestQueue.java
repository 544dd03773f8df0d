package dev.goodhart.server;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.telemetry.MetricPoint;
import dev.goodhart.store.ServingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one writer of the store. Requests hand their facts to a bounded queue and wait; a single
 * thread takes what has queued up, stores consecutive usage batches in one transaction (group
 * commit: one DuckDB commit for many requests), and only then completes the requests, so every
 * acknowledged fact is durable. When the queue holds its limit of facts, a request is refused at
 * once (the server answers 503 with Retry-After) instead of growing the memory.
 */
final class IngestQueue implements AutoCloseable {
  /** A write waiting for the writer; {@code weight} is what it holds against the limit. */
  private abstract static class Job {
    final CompletableFuture<Integer> done = new CompletableFuture<>();
    final int weight;

    Job(int weight) {
      this.weight = Math.max(1, weight);
    }
  }

  private static final class UsageJob extends Job {
    final List<UsageEvent> events;
    final List<SessionSignal> signals;

    UsageJob(List<UsageEvent> events, List<SessionSignal> signals) {
      super(events.size() + signals.size());
      this.events = events;
      this.signals = signals;
    }
  }

  private static final class StoreJob extends Job {
    final Function<ServingStore, Integer> work;

    StoreJob(int weight, Function<ServingStore, Integer> work) {
      super(weight);
      this.work = work;
    }
  }

  private static final int MAX_GROUP_FACTS = 100_000;

  /**
   * After this long with nothing to write, the writer checkpoints: DuckDB's own checkpoints, which
   * hold up the commit that triggers them, are put off (see {@link ServingStore#deferCheckpoints}).
   */
  private static final long IDLE_MILLIS = 200;

  static final String WAL_LIMIT = "1GB";

  private final ServingStore store;
  private final BlockingQueue<Job> jobs;
  private final Semaphore room;
  private final int capacity;
  private final Thread writer;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private volatile boolean closing;

  IngestQueue(ServingStore store, int capacityFacts) {
    this.store = requireNonNull(store, "store is null");
    this.capacity = capacityFacts;
    this.room = new Semaphore(capacityFacts);
    this.jobs = new ArrayBlockingQueue<>(Math.max(16, capacityFacts));
    store.deferCheckpoints(WAL_LIMIT);
    this.writer = Thread.ofPlatform().name("goodhart-writer").daemon().unstarted(this::run);
    writer.start();
  }

  /** Queues usage events and signals; the future completes once they are committed. */
  CompletableFuture<Integer> usage(List<UsageEvent> events, List<SessionSignal> signals) {
    return offer(new UsageJob(events, signals));
  }

  CompletableFuture<Integer> metrics(List<MetricPoint> points) {
    return offer(new StoreJob(points.size(), s -> s.recordMetrics(points)));
  }

  CompletableFuture<Integer> delivery(DeliveryBatch batch) {
    return offer(new StoreJob(batch.size(), s -> s.recordDelivery(batch) ? 1 : 0));
  }

  /** Any other write (tokens, teams), run by the writer so writes never interleave. */
  CompletableFuture<Integer> write(Function<ServingStore, Integer> work) {
    return offer(new StoreJob(1, work));
  }

  private CompletableFuture<Integer> offer(Job job) {
    if (closing) {
      throw ApiException.busy("the server is shutting down; retry against it once it is back", 5);
    }
    int weight = Math.min(job.weight, capacity);
    if (!room.tryAcquire(weight)) {
      refused.incrementAndGet();
      throw ApiException.busy(
          "the server's write queue is full (%,d facts waiting); retry after a second"
              .formatted(capacity - room.availablePermits()),
          1);
    }
    if (!jobs.offer(job)) {
      room.release(weight);
      refused.incrementAndGet();
      throw ApiException.busy("the server's write queue is full; retry after a second", 1);
    }
    return job.done;
  }

  /** Facts waiting to be written. */
  int waiting() {
    return capacity - room.availablePermits();
  }

  long stored() {
    return stored.get();
  }

  long refused() {
    return refused.get();
  }

  long commits() {
    return commits.get();
  }

  private void run() {
    List<Job> taken = new ArrayList<>();
    boolean written = false;
    while (!closing || !jobs.isEmpty()) {
      try {
        Job first = jobs.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (written) {
            checkpointQuietly();
            written = false;
          }
          continue;
        }
        written = true;
        taken.add(first);
        jobs.drainTo(taken, 4096);
        process(taken);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        for (Job job : taken) {
          room.release(Math.min(job.weight, capacity));
          job.done.completeExceptionally(new IllegalStateException("not written"));
        }
        taken.clear();
      }
    }
  }

  private void checkpointQuietly() {
    try {
      store.checkpoint();
    } catch (RuntimeException e) {
      // DuckDB checkpoints by itself when the log reaches its limit; nothing is lost.
    }
  }

  /** Consecutive usage jobs go in one transaction; every other job in its own. */
  private void process(List<Job> taken) {
    int at = 0;
    while (at < taken.size()) {
      if (taken.get(at) instanceof UsageJob) {
        List<UsageJob> group = new ArrayList<>();
        int facts = 0;
        while (at < taken.size()
            && taken.get(at) instanceof UsageJob usage
            && (group.isEmpty() || facts + usage.weight <= MAX_GROUP_FACTS)) {
          group.add(usage);
          facts += usage.weight;
          at++;
        }
        commitUsage(group);
      } else {
        StoreJob job = (StoreJob) taken.get(at++);
        try {
          int result = job.work.apply(store);
          commits.incrementAndGet();
          stored.addAndGet(job.weight);
          job.done.complete(result);
        } catch (RuntimeException e) {
          job.done.completeExceptionally(e);
        }
      }
    }
  }

  private void commitUsage(List<UsageJob> group) {
    @Nullable RuntimeException failure = null;
    long count = 0;
    try {
      List<UsageEvent> events = new ArrayList<>();
      List<SessionSignal> signals = new ArrayList<>();
      for (UsageJob job : group) {
        events.addAll(job.events);
        signals.addAll(job.signals);
      }
      store.appendTelemetry(events, signals);
      count = events.size();
    } catch (RuntimeException e) {
      failure = e;
    }
    if (failure == null) {
      commits.incrementAndGet();
      stored.addAndGet(count);
    }
    for (UsageJob job : group) {
      if (failure == null) {
        job.done.complete(job.events.size());
      } else {
        job.done.completeExceptionally(failure);
      }
    }
  }

  /** Stops taking requests, writes what is queued, and stops the writer. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
