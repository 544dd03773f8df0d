package dev.goodhart.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Values computed from the store, each kept until the store changes (its version moves), the least
 * recently used dropped beyond a capacity. Requests that want a value being computed wait for that
 * computation instead of starting their own: a dashboard asks for several views of one period at
 * once, and each used to link every session again. A failed computation is not kept.
 */
final class VersionedCache {
  private final int capacity;
  private final boolean keep;
  private final LongSupplier version;
  private final Map<String, Kept> entries;

  private record Kept(long version, CompletableFuture<Object> value) {}

  VersionedCache(int capacity, LongSupplier version) {
    this(capacity, true, version);
  }

  /**
   * Values shared only by the requests that ask while one is being computed, not kept after: for
   * values too large to keep (a period's links hold every session of it).
   */
  static VersionedCache sharedWhileComputing(LongSupplier version) {
    return new VersionedCache(Integer.MAX_VALUE, false, version);
  }

  private VersionedCache(int capacity, boolean keep, LongSupplier version) {
    this.capacity = capacity;
    this.keep = keep;
    this.version = version;
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
  @SuppressWarnings("unchecked") // each key is always computed by the same kind of computation
  <T> T get(String key, Supplier<T> computation) {
    long now = version.getAsLong();
    CompletableFuture<Object> mine = null;
    CompletableFuture<Object> value;
    synchronized (entries) {
      Kept hit = entries.get(key);
      if (hit != null && hit.version() == now) {
        value = hit.value();
      } else {
        mine = new CompletableFuture<>();
        entries.put(key, new Kept(now, mine));
        value = mine;
      }
    }
    if (mine != null) {
      try {
        mine.complete(computation.get());
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
        forget(key, mine);
        throw e;
      }
      if (!keep) {
        forget(key, mine);
      }
    }
    try {
      return (T) value.join();
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

  private void forget(String key, CompletableFuture<Object> value) {
    synchronized (entries) {
      Kept kept = entries.get(key);
      if (kept != null && kept.value() == value) {
        entries.remove(key);
      }
    }
  }
}
