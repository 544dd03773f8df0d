package dev.goodhart.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request both sent as telemetry and written in a transcript counts once, in either order. */
class DuckDbOneCountPerRequestTest {
  private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
  private static final TokenCounts TOKENS = TokenCounts.of(1_834, 412, 51_200, 2_048);

  @TempDir Path folder;

  @Test
  void theTranscriptsCopyCountsWhenTelemetryArrivesAfterIt() {
    try (DuckDbStore store = open()) {
      importEvents(store, transcript("s1", TOKENS, AT));
      store.appendTelemetry(List.of(telemetry("s1", TOKENS, AT.minusSeconds(2))), List.of());

      assertEquals(2, store.statistics().events());
      assertEquals(1, store.statistics().countedEvents());
    }
  }

  @Test
  void theTranscriptsCopyCountsWhenItIsImportedAfterTelemetry() {
    try (DuckDbStore store = open()) {
      store.appendTelemetry(List.of(telemetry("s1", TOKENS, AT.minusSeconds(2))), List.of());
      importEvents(store, transcript("s1", TOKENS, AT));

      assertEquals(2, store.statistics().events());
      assertEquals(1, store.statistics().countedEvents());
    }
  }

  /**
   * Claude Code writes a message's chunks as they stream: the last, complete one is the request.
   */
  @Test
  void aStreamedTranscriptMatchesOnItsFinalCounts() {
    try (DuckDbStore store = open()) {
      store.appendTelemetry(List.of(telemetry("s1", TOKENS, AT.minusSeconds(2))), List.of());
      importEvents(
          store,
          transcript("s1", TokenCounts.of(1_834, 8, 51_200, 2_048), AT),
          transcript("s1", TOKENS, AT.plusSeconds(1)));

      assertEquals(1, store.statistics().countedEvents());
    }
  }

  @Test
  void otherRequestsStillCountOnBothSides() {
    try (DuckDbStore store = open()) {
      importEvents(store, transcript("s1", TOKENS, AT));
      store.appendTelemetry(
          List.of(
              telemetry("s1", TokenCounts.of(1_834, 413, 51_200, 2_048), AT),
              telemetry("s2", TOKENS, AT)),
          List.of());

      assertEquals(3, store.statistics().countedEvents());
    }
  }

  private DuckDbStore open() {
    return DuckDbStore.open(folder, DuckDbStore.Settings.defaults());
  }

  private static void importEvents(DuckDbStore store, UsageEvent... events) {
    try (ImportTransaction transaction = store.beginImport()) {
      transaction.add(List.of(events));
      transaction.commit();
    }
  }

  /** As the transcript parser keys them: message and request id, grouped by message. */
  private static UsageEvent transcript(String session, TokenCounts tokens, Instant at) {
    return event("m:msg_01|r:req_01", "msg_01", session, tokens, at, "proj");
  }

  /** As the OTLP mapper keys them: the request id telemetry sends. */
  private static UsageEvent telemetry(String session, TokenCounts tokens, Instant at) {
    return event("otel:req_" + session + tokens.output() + at, null, session, tokens, at, null);
  }

  private static UsageEvent event(
      String key,
      @Nullable String group,
      String session,
      TokenCounts tokens,
      Instant at,
      @Nullable String project) {
    return new UsageEvent(
        "claude",
        key + session,
        group == null ? null : group + session,
        false,
        at,
        session,
        project,
        null,
        null,
        "m1",
        "anthropic",
        "claude-sonnet-4-5",
        false,
        tokens,
        null);
  }
}
