package dev.goodhart.server;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Values computed from the store, each kept until the store changes (its version moves), the least
 * recently used dropped beyond a capacity. Requests that want a value being computed wait for that
 * computation instead of starting their own: a dashboard asks for several views of one period at
 * once, and each used to link every session again. A failed computation is not kept.
 *
 * <p>Under steady ingest the version moves several times a second, faster than a large
 * organisation's views can be computed. {@link #get(String, Supplier, Duration, Consumer)} then
 * answers from the last value computed when the new one is not ready within a wait, says so, and
 * lets the new one finish for the next request: each view is computed at most once at a time,
 * whatever the rate of writes and reads. A request does not wait at all when the new value cannot
 * be ready within the wait, judged by how long the last computation of its view took and, while it
 * is queued, by when the view thread should be free: waiting the whole wait in vain added it to
 * every answer of a view that takes seconds, and of every view queued behind one.
 */
final class VersionedCache {
  private final int capacity;
  private final boolean keep;

  /** Whether a request joins a computation still running for an older version (see get). */
  private final boolean joinOlder;

  private final LongSupplier version;
  private final Map<String, Kept> entries;

  /** Where a value that a request stopped waiting for is computed. */
  private final Executor background;

  /**
   * When the computation running in the background should end (it took that long the last time): a
   * view queued behind a slow one cannot be ready before.
   */
  private volatile Instant backgroundFreeAt = Instant.EPOCH;

  /** A value being computed, or computed, at a version; with the last one computed before it. */
  private static final class Kept {
    final long version;
    final CompletableFuture<Object> value = new CompletableFuture<>();

    /** Dropped once this one is computed: only a value being computed needs the one before. */
    volatile @Nullable Done previous;

    volatile @Nullable Instant completed;

    /** When its computation started; null until then. */
    volatile @Nullable Instant started;

    Kept(long version, @Nullable Done previous) {
      this.version = version;
      this.previous = previous;
    }

    /** This value if it was computed, else the one before it. */
    @Nullable Done latestDone() {
      Instant at = completed;
      Instant from = started;
      return at != null && from != null && !value.isCompletedExceptionally()
          ? new Done(value.join(), at, Duration.between(from, at))
          : previous;
    }

    /**
     * When the computation under way should end if it takes what the last one took: from its start,
     * or, while it waits for the view thread, from when that thread should be free.
     */
    Instant expectedEnd(Done last, Instant now, Instant threadFreeAt) {
      Instant from = started;
      Instant start = from != null ? from : threadFreeAt.isAfter(now) ? threadFreeAt : now;
      return start.plus(last.took());
    }
  }

  /** A computed value, when it was computed and how long that took. */
  private record Done(Object value, Instant at, Duration took) {}

  /**
   * Values computed in the background one at a time, on one thread: each view of a large
   * organisation links every session of its period, and several at once ran the heap out.
   */
  VersionedCache(int capacity, LongSupplier version) {
    this(
        capacity,
        true,
        false,
        version,
        // One thread at most, ended when idle: a server that is stopped (every test starts
        // several) leaves none behind.
        new ThreadPoolExecutor(
            0,
            1,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            Thread.ofPlatform().name("goodhart-views").daemon().factory()));
  }

  /**
   * Values shared only by the requests that ask while one is being computed, not kept after: for
   * values too large to keep (a period's links hold every session of it).
   *
   * @param joinOlder whether a request joins a computation still running for an older version
   *     rather than start another (two at once each held every session of the period): for a server
   *     whose views may answer with figures a little behind the store
   */
  static VersionedCache sharedWhileComputing(LongSupplier version, boolean joinOlder) {
    return new VersionedCache(Integer.MAX_VALUE, false, joinOlder, version, Runnable::run);
  }

  private VersionedCache(
      int capacity, boolean keep, boolean joinOlder, LongSupplier version, Executor background) {
    this.capacity = capacity;
    this.keep = keep;
    this.joinOlder = joinOlder;
    this.version = version;
    this.background = background;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > VersionedCache.this.capacity;
          }
        };
  }

  /** The value computed for the key at the store's current version, else a new one (kept). */
  <T> T get(String key, Supplier<T> computation) {
    return get(key, computation, null, stale -> {});
  }

  /**
   * As {@link #get(String, Supplier)}, but when the value of the current version is not ready
   * within {@code wait} (null: no limit) and one was computed before, that one, after telling
   * {@code stale} when it was computed; the new one goes on computing for later requests.
   */
  @SuppressWarnings("unchecked") // each key is always computed by the same kind of computation
  <T> T get(String key, Supplier<T> computation, @Nullable Duration wait, Consumer<Instant> stale) {
    long now = version.getAsLong();
    Kept mine = null;
    Kept kept;
    Done resting = null;
    synchronized (entries) {
      Kept hit = entries.get(key);
      // A request that may wait less joins a computation still running for an older version
      // rather than start another: one at a time per view, whatever the rate of writes.
      if (hit != null
          && (hit.version == now || ((wait != null || joinOlder) && !hit.value.isDone()))) {
        kept = hit;
      } else if (wait != null && (resting = resting(hit)) != null) {
        kept = hit;
      } else {
        mine = new Kept(now, hit == null ? null : hit.latestDone());
        entries.put(key, mine);
        kept = mine;
      }
    }
    if (resting != null) {
      stale.accept(resting.at());
      return (T) resting.value();
    }
    Done previous = kept.previous;
    boolean mayWaitLess = wait != null && previous != null;
    if (mine != null) {
      Kept computing = mine;
      Done like = mayWaitLess ? previous : null;
      Runnable run = () -> compute(key, computing, computation, like);
      if (mayWaitLess) {
        background.execute(run);
      } else {
        run.run();
      }
    }
    try {
      if (mayWaitLess) {
        try {
          Instant asked = Instant.now();
          if (!kept.value.isDone()
              && kept.expectedEnd(previous, asked, backgroundFreeAt).isAfter(asked.plus(wait))) {
            stale.accept(previous.at());
            return (T) previous.value();
          }
          return (T) kept.value.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          stale.accept(previous.at());
          return (T) previous.value();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stale.accept(previous.at());
          return (T) previous.value();
        } catch (ExecutionException e) {
          throw new CompletionException(e.getCause());
        }
      }
      return (T) kept.value.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * The value a view computed last, while the view rests: until as long after its computation ended
   * as the computation took. Under steady ingest every request found a view out of date and
   * computed it again as soon as the last computation ended; a large organisation's report then
   * linked every session of its period back to back, and the collections of a full heap paused
   * every other request. Resting bounds each view to half of a core, and its figures to twice their
   * computing time behind the store. Null when the view is not resting (never computed, its last
   * computation failed, or its rest is over).
   */
  private static @Nullable Done resting(@Nullable Kept hit) {
    if (hit == null || !hit.value.isDone() || hit.value.isCompletedExceptionally()) {
      return null;
    }
    Done last = hit.latestDone();
    return last != null && Instant.now().isBefore(last.at().plus(last.took())) ? last : null;
  }

  /**
   * @param inBackground the last value computed, when this runs on the background thread (null when
   *     it runs for a request that waits for it): how long it took says when the thread is free
   */
  private void compute(
      String key, Kept kept, Supplier<?> computation, @Nullable Done inBackground) {
    Instant started = Instant.now();
    kept.started = started;
    if (inBackground != null) {
      backgroundFreeAt = started.plus(inBackground.took());
    }
    try {
      Object value = computation.get();
      kept.completed = Instant.now();
      kept.value.complete(value);
      kept.previous = null;
    } catch (RuntimeException | Error e) {
      kept.value.completeExceptionally(e);
      forget(key, kept, e);
      return;
    }
    if (!keep) {
      forget(key, kept, null);
    }
  }

  /**
   * Drops a failed or unkept value; a failed one leaves the one before it for requests that may
   * answer with it.
   */
  private void forget(String key, Kept value, @Nullable Throwable failure) {
    synchronized (entries) {
      Kept kept = entries.get(key);
      if (kept == value) {
        entries.remove(key);
        if (failure != null && keep && value.previous != null) {
          Kept restored = new Kept(-1, value.previous);
          restored.value.completeExceptionally(failure);
          entries.put(key, restored);
        }
      }
    }
  }
}
