package dev.goodhart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtlpLoadOptionsTest {
  @Test
  void readsEveryOptionAndTheGzipFlagWithoutAValue() {
    OtlpLoadOptions options =
        OtlpLoadOptions.parse(
            "--url",
            "http://127.0.0.1:9000",
            "--token",
            "t0k",
            "--rate",
            "10_000",
            "--gzip",
            "--batch",
            "100",
            "--duration",
            "20",
            "--count",
            "5000",
            "--connections",
            "8",
            "--seed",
            "7",
            "--run",
            "latency");

    assertEquals(URI.create("http://127.0.0.1:9000/v1/logs"), options.url());
    assertEquals("t0k", options.token());
    assertEquals(10_000, options.rate());
    assertTrue(options.gzip());
    assertEquals(100, options.batch());
    assertEquals(Optional.of(Duration.ofSeconds(20)), options.duration());
    assertEquals(Optional.of(5_000L), options.count());
    assertEquals(8, options.connections());
    assertEquals(7, options.seed());
    assertEquals("latency", options.run());
    assertEquals(new Pacing(10_000, 100, 5_000), options.pacing());
  }

  @Test
  void defaultsToUnpacedBatchesOf500OverFourConnections() {
    OtlpLoadOptions options =
        OtlpLoadOptions.parse("--url", "http://h:1/custom/logs", "--token", "t", "--count", "1");

    assertEquals(URI.create("http://h:1/custom/logs"), options.url(), "a path is kept");
    assertEquals(0, options.rate());
    assertEquals(500, options.batch());
    assertEquals(4, options.connections());
    assertEquals(Long.MAX_VALUE, new Pacing(0, 500, Long.MAX_VALUE).requests());
  }

  @Test
  void needsABoundAndNamesTheBadValue() {
    IllegalArgumentException unbounded =
        assertThrows(
            IllegalArgumentException.class,
            () -> OtlpLoadOptions.parse("--url", "http://h:1", "--token", "t"));
    assertTrue(unbounded.getMessage().contains("--duration"), unbounded.getMessage());

    IllegalArgumentException rate =
        assertThrows(
            IllegalArgumentException.class,
            () -> OtlpLoadOptions.parse("--url", "http://h:1", "--token", "t", "--rate", "fast"));
    assertEquals("--rate must be a whole number, found 'fast'", rate.getMessage());

    assertThrows(
        IllegalArgumentException.class,
        () -> OtlpLoadOptions.parse("--url", "http://h:1", "--token", "t", "--count", "1", "--x"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            OtlpLoadOptions.parse(
                "--url", "http://h:1", "--token", "t", "--count", "1", "--run", "a_b"));
  }
}
