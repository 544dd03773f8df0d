package dev.goodhart.server;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.telemetry.MetricPoint;
import dev.goodhart.store.ServingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's writes. Usage facts (the bulk: every agent's log records) are acknowledged once
 * their request's record is forced to the {@link IngestJournal}; a journal thread writes the
 * records of many requests with one forced write, and the store's one writer then stores them in
 * large batches, waiting up to {@link #LINGER_MILLIS} for more so that a DuckDB commit, which costs
 * about the same for one row as for thousands, is shared by many requests. Every other write
 * (metrics, delivery, tokens, teams) goes to the same writer and is acknowledged after its own
 * commit.
 *
 * <p>What is acknowledged but not yet stored is bounded: a request is refused at once (503 with
 * Retry-After) while the facts waiting for the journal or the store reach the queue's limit.
 * Readers that must see every acknowledged fact call {@link #awaitStored}, which ends the writer's
 * wait for more.
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

    /** The journal record; let go once written, so that waiting batches hold only their facts. */
    byte @Nullable [] record;

    long sequence;

    UsageJob(List<UsageEvent> events, List<SessionSignal> signals, byte[] record) {
      super(events.size() + signals.size());
      this.events = events;
      this.signals = signals;
      this.record = record;
    }
  }

  private static final class StoreJob extends Job {
    final Function<ServingStore, Integer> work;

    StoreJob(int weight, Function<ServingStore, Integer> work) {
      super(weight);
      this.work = work;
    }
  }

  /** A reader waits for what is acknowledged: the writer stops waiting for more and stores it. */
  private static final class FlushJob extends Job {
    FlushJob() {
      super(0);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);

  /** The most facts one DuckDB transaction takes. */
  private static final int MAX_GROUP_FACTS = 100_000;

  /** How long the writer waits for more usage facts before it commits what it has. */
  static final long LINGER_MILLIS = 200;

  /** Facts enough that the writer commits without waiting for more. */
  private static final int GROUP_TARGET_FACTS = 25_000;

  /** After this long with nothing to write, the writer checkpoints. */
  private static final long IDLE_MILLIS = 500;

  /**
   * DuckDB checkpoints by itself when its write-ahead log reaches this. Acknowledgements wait only
   * for the journal, so a checkpoint delays storing, not answering; a small log keeps a restart
   * after a crash quick. Under steady load the writer is never idle, and with a 1 GB limit the log
   * grew for minutes before its first checkpoint.
   */
  static final String WAL_LIMIT = "64MB";

  static final long SEGMENT_BYTES = 32L << 20;

  private static final long MAX_RETRY_MILLIS = 30_000;

  private final ServingStore store;
  private final IngestJournal journal;
  private final BlockingQueue<UsageJob> toJournal = new LinkedBlockingQueue<>();
  private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
  private final Semaphore room;
  private final int capacity;
  private final Thread journaler;
  private final Thread writer;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong journaled = new AtomicLong();
  private final AtomicLong loadFailures = new AtomicLong();
  private final Object storedMonitor = new Object();
  private final Object closeMonitor = new Object();
  private volatile long acknowledgedSequence;
  private volatile long storedSequence;
  private volatile boolean closing;

  /**
   * The store's error while the writer cannot store what is acknowledged (a full disk), null while
   * it can: readers then answer from what is stored instead of waiting for it.
   */
  private volatile @Nullable String storeFailure;

  /** When the writer last said the store cannot be opened again (it says so every 30 s at most). */
  private long lastReopenWarning = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);

  /**
   * Opens the journal in the store's folder and stores what a former run left in it before taking
   * anything new; {@code log} receives what that found.
   */
  IngestQueue(ServingStore store, int capacityFacts, Consumer<String> log) {
    this.store = requireNonNull(store, "store is null");
    this.capacity = capacityFacts;
    this.room = new Semaphore(capacityFacts);
    store.deferCheckpoints(WAL_LIMIT);
    this.journal = openJournal(store, log);
    this.acknowledgedSequence = journal.lastSequence();
    this.storedSequence = acknowledgedSequence;
    this.journaler = Thread.ofPlatform().name("goodhart-journal").daemon().unstarted(this::journal);
    this.writer = Thread.ofPlatform().name("goodhart-writer").daemon().unstarted(this::run);
    journaler.start();
    writer.start();
  }

  private static IngestJournal openJournal(ServingStore store, Consumer<String> log) {
    List<String> found = new ArrayList<>();
    Replay replay = new Replay(store);
    try {
      IngestJournal journal = IngestJournal.open(store.directory(), SEGMENT_BYTES, replay, found);
      replay.flush();
      journal.replayed();
      found.forEach(log);
      return journal;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the journal in " + store.directory().resolve(IngestJournal.FOLDER), e);
    }
  }

  /** Stores a former run's records in batches as the journal reads them back. */
  private static final class Replay implements Consumer<JournalCodec.Facts> {
    private final ServingStore store;
    private final List<UsageEvent> events = new ArrayList<>();
    private final List<SessionSignal> signals = new ArrayList<>();

    Replay(ServingStore store) {
      this.store = store;
    }

    @Override
    public void accept(JournalCodec.Facts facts) {
      events.addAll(facts.events());
      signals.addAll(facts.signals());
      if (events.size() + signals.size() >= MAX_GROUP_FACTS) {
        flush();
      }
    }

    void flush() {
      if (!events.isEmpty() || !signals.isEmpty()) {
        store.appendTelemetry(events, signals);
        events.clear();
        signals.clear();
      }
    }
  }

  /**
   * Queues usage events and signals; the future completes once they are in the journal, which
   * stores them even if the server is killed before the store has them.
   */
  CompletableFuture<Integer> usage(List<UsageEvent> events, List<SessionSignal> signals) {
    UsageJob job = new UsageJob(events, signals, JournalCodec.encode(events, signals));
    reserve(job);
    toJournal.add(job);
    return job.done;
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
    reserve(job);
    jobs.add(job);
    return job.done;
  }

  private void reserve(Job job) {
    if (closing) {
      throw ApiException.busy("the server is shutting down; retry against it once it is back", 5);
    }
    if (!room.tryAcquire(weight(job))) {
      refused.incrementAndGet();
      throw ApiException.busy(
          "the server's write queue is full (%,d facts waiting); retry after a second"
              .formatted(capacity - room.availablePermits()),
          1);
    }
  }

  private int weight(Job job) {
    return Math.min(job.weight, capacity);
  }

  /**
   * Waits until every usage fact acknowledged before this call is in the store, or {@code
   * timeoutMillis} passed; returns whether it is.
   */
  boolean awaitStored(long timeoutMillis) {
    long target = acknowledgedSequence;
    if (storedSequence >= target) {
      return true;
    }
    if (storeFailure != null) {
      return false; // the writer is retrying a failed store: waiting would not help
    }
    jobs.add(new FlushJob());
    waitOn(storedMonitor, timeoutMillis, () -> storedSequence >= target || storeFailure != null);
    return storedSequence >= target;
  }

  /**
   * Waits on {@code monitor} (notified when what {@code done} tests may have changed) until {@code
   * done} holds or {@code millis} passed; returns whether it holds. An interrupt ends the wait.
   */
  private static boolean waitOn(Object monitor, long millis, BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (monitor) {
      long left;
      while (!done.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(monitor, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return done.getAsBoolean();
    }
  }

  /** Why the writer cannot store what is acknowledged; null while it can. */
  @Nullable String storeFailure() {
    return storeFailure;
  }

  /** Facts acknowledged (in the journal) but not yet in the store. */
  long unstoredRequests() {
    return Math.max(0, acknowledgedSequence - storedSequence);
  }

  /** Facts waiting for the journal or the store. */
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

  long journaled() {
    return journaled.get();
  }

  long loadFailures() {
    return loadFailures.get();
  }

  /** The journal thread: one forced write for every record queued meanwhile, then the answers. */
  private void journal() {
    List<UsageJob> taken = new ArrayList<>();
    List<byte[]> records = new ArrayList<>();
    while (!closing || !toJournal.isEmpty()) {
      try {
        UsageJob first = toJournal.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        taken.add(first);
        toJournal.drainTo(taken, 4095);
        for (UsageJob job : taken) {
          records.add(requireNonNull(job.record));
        }
        long last = journal.append(records);
        long sequence = last - taken.size();
        for (UsageJob job : taken) {
          job.sequence = ++sequence;
          job.record = null;
          jobs.add(job);
        }
        acknowledgedSequence = last;
        journaled.addAndGet(taken.size());
        for (UsageJob job : taken) {
          job.done.complete(job.weight);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (IOException | RuntimeException e) {
        LOG.error("cannot write the journal: {}", e.getMessage(), e);
        for (UsageJob job : taken) {
          room.release(weight(job));
          job.done.completeExceptionally(
              ApiException.busy(
                  "the server cannot write its journal (%s); retry later".formatted(e.getMessage()),
                  5));
        }
      } finally {
        taken.clear();
        records.clear();
      }
    }
  }

  private void run() {
    List<Job> taken = new ArrayList<>();
    boolean written = false;
    while (!closing || !jobs.isEmpty() || journaler.isAlive()) {
      try {
        reopenIfInvalidated();
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
        if (first instanceof UsageJob) {
          gather(taken);
        }
        jobs.drainTo(taken, 4096);
        process(taken);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        taken.clear();
      }
    }
  }

  /**
   * Waits up to {@link #LINGER_MILLIS} for more usage facts, unless a reader is waiting, another
   * kind of write arrives, the group is large enough or the server is stopping.
   */
  private void gather(List<Job> taken) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
    int facts = taken.getFirst().weight;
    while (facts < GROUP_TARGET_FACTS && !closing) {
      long left = deadline - System.nanoTime();
      Job next = left > 0 ? jobs.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        return;
      }
      taken.add(next);
      if (!(next instanceof UsageJob)) {
        return;
      }
      facts += next.weight;
    }
  }

  /**
   * Opens the store again when a fatal error invalidated its database (a checkpoint that could not
   * write on a full disk), so that reads and writes work again without a restart; when it cannot be
   * opened yet, the next turn of the writer tries again.
   */
  private void reopenIfInvalidated() {
    try {
      if (store.reopenIfInvalidated()) {
        LOG.warn("the store was unusable after a fatal error and has been opened again");
      }
    } catch (RuntimeException e) {
      long now = System.nanoTime();
      if (now - lastReopenWarning > TimeUnit.SECONDS.toNanos(30)) {
        lastReopenWarning = now;
        LOG.error("the store cannot be opened again yet; retrying: {}", e.getMessage());
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
      Job job = taken.get(at);
      if (job instanceof UsageJob) {
        List<UsageJob> group = new ArrayList<>();
        int facts = 0;
        while (at < taken.size()
            && taken.get(at) instanceof UsageJob usage
            && (group.isEmpty() || facts + usage.weight <= MAX_GROUP_FACTS)) {
          group.add(usage);
          facts += usage.weight;
          at++;
        }
        storeUsage(group);
      } else if (job instanceof StoreJob write) {
        at++;
        try {
          int result = write.work.apply(store);
          commits.incrementAndGet();
          stored.addAndGet(write.weight);
          write.done.complete(result);
        } catch (RuntimeException e) {
          write.done.completeExceptionally(e);
        } finally {
          room.release(weight(write));
        }
      } else {
        at++; // a reader's flush: taking it was the point
      }
    }
  }

  /**
   * Stores acknowledged facts. They are in the journal and answered for, so a failure (a full disk)
   * is retried until it succeeds; meanwhile the queue fills and new requests are refused. A failed
   * group is retried in halves down to one request: a store that got only a little space back can
   * take small commits long before a large one fits (a commit stages its rows in the data folder
   * and writes them to DuckDB's log, twice their size). Pauses grow from 100 ms to 30 s while a
   * single request still fails, and a stop ends them.
   */
  private void storeUsage(List<UsageJob> group) {
    int from = 0;
    int limit = MAX_GROUP_FACTS;
    long pause = 100;
    while (from < group.size()) {
      int to = from + 1;
      int facts = group.get(from).weight;
      while (to < group.size() && facts + group.get(to).weight <= limit) {
        facts += group.get(to).weight;
        to++;
      }
      List<UsageJob> part = group.subList(from, to);
      try {
        storeAll(part);
        if (storeFailure != null) {
          LOG.info("the store takes writes again; {} acknowledged facts stored", facts);
        }
        storeFailure = null;
        from = to;
      } catch (RuntimeException | OutOfMemoryError e) {
        // A heap run out by a reader's computation must not end the writer: the facts are in the
        // journal, and the next try finds the memory back.
        loadFailures.incrementAndGet();
        synchronized (storedMonitor) {
          storeFailure = String.valueOf(e.getMessage());
          storedMonitor.notifyAll(); // waiting readers answer from what is stored
        }
        if (closing) {
          // Stopping: what is acknowledged stays in the journal, and the next start stores it.
          LOG.warn(
              "stopping with acknowledged facts in the journal only; the next start stores them");
          return;
        }
        if (part.size() > 1) {
          limit = Math.max(1, facts / 2); // a smaller commit may fit where this one did not
        } else {
          LOG.error(
              "cannot store {} acknowledged facts (they are safe in the journal); retrying in {} ms: {}",
              facts,
              pause,
              e.getMessage());
          // A stop ends the pause at once.
          if (waitOn(closeMonitor, pause, () -> closing)
              || Thread.currentThread().isInterrupted()) {
            return;
          }
          pause = Math.min(pause * 2, MAX_RETRY_MILLIS);
        }
        reopenIfInvalidated();
      }
    }
  }

  /** One transaction of requests' facts, then what their storing frees and answers. */
  private void storeAll(List<UsageJob> part) {
    List<UsageEvent> events = new ArrayList<>();
    List<SessionSignal> signals = new ArrayList<>();
    for (UsageJob job : part) {
      events.addAll(job.events);
      signals.addAll(job.signals);
    }
    store.appendTelemetry(events, signals);
    commits.incrementAndGet();
    stored.addAndGet(events.size());
    long sequence = part.getLast().sequence;
    for (UsageJob job : part) {
      room.release(weight(job));
    }
    synchronized (storedMonitor) {
      storedSequence = sequence;
      storedMonitor.notifyAll();
    }
    try {
      journal.stored(sequence);
    } catch (IOException e) {
      LOG.warn("cannot delete a stored journal segment: {}", e.toString());
    }
  }

  /** Stops taking requests, journals and stores what is queued, and stops the threads. */
  @Override
  public void close() {
    synchronized (closeMonitor) {
      closing = true;
      closeMonitor.notifyAll();
    }
    try {
      journaler.join(TimeUnit.SECONDS.toMillis(30));
      writer.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      journal.close(!writer.isAlive() && storedSequence == acknowledgedSequence);
    } catch (IOException e) {
      LOG.warn("cannot close the journal: {}", e.toString());
    }
  }
}
