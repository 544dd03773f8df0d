package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.access.Scope;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer about more sessions than it lists: the most costly are listed, in time order, and every
 * figure still counts all of them.
 */
class LargeReportTest {
  private static final int SESSIONS = OrgReports.SESSIONS_SHOWN + 100;
  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  @TempDir Path folder;

  @Test
  void theMostCostlySessionsAreListedAndAllAreCounted() throws Exception {
    try (RunningServer running = new RunningServer(folder)) {
      List<UsageEvent> events = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        // Session i costs (i + 1) cents; sessions are spread over six people and a day.
        events.add(
            new UsageEvent(
                "claude-code",
                "otel:req_" + i,
                null,
                false,
                T0.plusSeconds(97L * ((i * 37) % SESSIONS)),
                "s-" + i,
                null,
                null,
                null,
                "person:p" + i % 6,
                "anthropic",
                "claude-sonnet-4-5",
                false,
                TokenCounts.of(100, 10, 0, 0),
                new BigDecimal(i + 1).movePointLeft(2)));
      }
      running.store.appendTelemetry(events, List.of());
      String read = running.token(Scope.READ);

      JsonNode report = running.json(running.get("/api/v1/report", read), 200);

      assertEquals(SESSIONS, report.get("sessionsTotal").asInt());
      assertEquals(SESSIONS, report.get("totals").get("sessions").asInt(), "figures count all");
      JsonNode listed = report.get("sessions");
      assertEquals(OrgReports.SESSIONS_SHOWN, listed.size());
      Set<String> ids = new TreeSet<>();
      String previous = "";
      for (JsonNode session : listed) {
        ids.add(session.get("sessionId").asText());
        String start = session.get("start").asText();
        assertTrue(
            start.compareTo(previous) >= 0, "in time order: " + start + " after " + previous);
        previous = start;
      }
      Set<String> mostCostly = new TreeSet<>();
      for (int i = SESSIONS - OrgReports.SESSIONS_SHOWN; i < SESSIONS; i++) {
        mostCostly.add("s-" + i);
      }
      assertEquals(mostCostly, ids);
    }
  }
}
