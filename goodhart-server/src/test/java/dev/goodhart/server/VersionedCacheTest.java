package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A view whose latest figures are not ready within the wait answers with the last ones computed,
 * says when they were computed, and is computed once at a time however often the store changes.
 */
class VersionedCacheTest {
  private static final Duration WAIT = Duration.ofMillis(50);

  private final AtomicLong version = new AtomicLong(1);
  private final VersionedCache cache = new VersionedCache(8, version::get);
  private final AtomicReference<Instant> staleSince = new AtomicReference<>();

  @Test
  void theLastValueAnswersWhileTheLatestIsComputedOnceAtATime() throws Exception {
    assertEquals("v1", get(() -> "v1"));
    assertNull(staleSince.get(), "the first value is waited for");

    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger computations = new AtomicInteger();
    Supplier<String> slow =
        () -> {
          computations.incrementAndGet();
          await(release);
          return "v" + version.get();
        };
    version.set(2);
    assertEquals("v1", get(slow));
    assertNotNull(staleSince.get(), "an answer from the last value says so");

    // More writes while it computes: the same computation, not another.
    version.set(3);
    staleSince.set(null);
    assertEquals("v1", get(slow));
    assertNotNull(staleSince.get());
    assertEquals(1, computations.get());

    release.countDown();
    // Once it is done, the next request computes the latest version's and gets it in time.
    waitUntil(() -> "v3".equals(getFresh(slow)));
    assertTrue(computations.get() <= 2, computations.get() + " computations");
  }

  @Test
  void aValueReadyWithinTheWaitIsTheLatest() {
    assertEquals("v1", get(() -> "v1"));
    version.set(2);
    assertEquals("v2", get(() -> "v2"));
    assertNull(staleSince.get());
  }

  @Test
  void withoutAWaitEveryAnswerHasTheLatestFacts() {
    assertEquals("v1", cache.get("k", () -> "v1"));
    version.set(2);
    assertEquals(
        "v2",
        cache.get(
            "k",
            () -> {
              sleep(100);
              return "v2";
            }));
  }

  @Test
  void aFailedComputationLeavesTheLastValueForTheNextRequests() throws Exception {
    assertEquals("v1", get(() -> "v1"));
    version.set(2);
    CountDownLatch failed = new CountDownLatch(1);
    assertEquals(
        "v1",
        get(
            () -> {
              sleep(150);
              failed.countDown();
              throw new IllegalStateException("the store failed");
            }));
    assertTrue(failed.await(5, TimeUnit.SECONDS));
    sleep(50);
    staleSince.set(null);
    assertEquals(
        "v1",
        get(
            () -> {
              sleep(150);
              return "v2";
            }),
        "still the last value computed, while a new computation runs");
    assertNotNull(staleSince.get());
    waitUntil(() -> "v2".equals(get(() -> "v2")));
  }

  @Test
  void aViewThatTookLongerThanTheWaitAnswersWithoutWaiting() throws Exception {
    Duration wait = Duration.ofMillis(800);
    assertEquals(
        "v1",
        cache.get(
            "k",
            () -> {
              sleep(1_000);
              return "v1";
            },
            wait,
            staleSince::set));
    version.set(2);
    CountDownLatch release = new CountDownLatch(1);
    long started = System.nanoTime();
    String answer =
        cache.get(
            "k",
            () -> {
              await(release);
              return "v2";
            },
            wait,
            staleSince::set);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    release.countDown();
    assertEquals("v1", answer);
    assertNotNull(staleSince.get());
    // The last computation took a second: the new one cannot be ready within the wait.
    assertTrue(
        waited < wait.toMillis(), "waited " + waited + " ms for figures that could not come");
    waitUntil(() -> "v2".equals(cache.get("k", () -> "v2", wait, at -> {})));
  }

  @Test
  void aViewQueuedBehindASlowOneAnswersWithoutWaiting() throws Exception {
    Duration wait = Duration.ofMillis(800);
    Supplier<String> slowFirst =
        () -> {
          sleep(1_500);
          return "a1";
        };
    assertEquals("a1", cache.get("a", slowFirst, wait, at -> {}));
    assertEquals("b1", cache.get("b", () -> "b1", wait, at -> {}));
    sleep(1_600); // "a" rests as long as it took before it is computed again
    version.set(2);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Supplier<String> blocked =
        () -> {
          entered.countDown();
          await(release);
          return "a2";
        };
    // The view thread takes the slow view, expected to need a second and a half.
    assertEquals("a1", cache.get("a", blocked, wait, at -> {}));
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    long asked = System.nanoTime();
    String answer = cache.get("b", () -> "b2", wait, staleSince::set);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
    release.countDown();
    assertEquals("b1", answer);
    assertNotNull(staleSince.get());
    assertTrue(waited < wait.toMillis(), "waited " + waited + " ms behind a slow view");
    waitUntil(() -> "b2".equals(cache.get("b", () -> "b2", wait, at -> {})));
  }

  @Test
  void aViewRestsAsLongAsItsLastComputationTookBeforeItIsComputedAgain() throws Exception {
    Duration wait = Duration.ofMillis(100);
    assertEquals(
        "v1",
        cache.get(
            "k",
            () -> {
              sleep(400);
              return "v1";
            },
            wait,
            staleSince::set));
    version.set(2);
    AtomicInteger computations = new AtomicInteger();
    Supplier<String> latest =
        () -> {
          computations.incrementAndGet();
          return "v" + version.get();
        };
    assertEquals("v1", cache.get("k", latest, wait, staleSince::set));
    assertNotNull(staleSince.get(), "an answer from a resting view says it is not the latest");
    assertEquals(0, computations.get(), "a resting view is not computed again");
    sleep(450);
    waitUntil(() -> "v2".equals(cache.get("k", latest, wait, at -> {})));
    assertEquals(1, computations.get());
  }

  @Test
  void aFirstComputationThatFailsFailsTheRequest() {
    assertThrows(
        IllegalStateException.class,
        () ->
            get(
                () -> {
                  throw new IllegalStateException("the store failed");
                }));
  }

  private String get(Supplier<String> computation) {
    return cache.get("k", computation, WAIT, staleSince::set);
  }

  private String getFresh(Supplier<String> computation) {
    staleSince.set(null);
    String value = get(computation);
    return staleSince.get() == null ? value : null;
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "the latest value never came");
      Thread.sleep(20);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
