package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.access.Scope;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorUsage;
import dev.goodhart.report.html.HeadlessChromium;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard as the server serves it, on what agents sent it over OTLP: it draws its charts, its
 * team filter asks the real API again and redraws, a small team is shown as suppressed, and the
 * browser logs no error.
 */
class DashboardServerTest {
  @TempDir Path folder;
  RunningServer running;
  HeadlessChromium browser;

  @BeforeEach
  void start() throws Exception {
    running = new RunningServer(folder);
    browser = HeadlessChromium.start(folder.resolve("browser"));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    running.close();
  }

  private static String person(String team, int i) {
    return team + i + "@example.com";
  }

  @Test
  void theDashboardDrawsWhatAgentsSentAndItsTeamFilterRedraws() throws Exception {
    String ingest = running.token(Scope.INGEST);
    List<LogRecord> records = new ArrayList<>();
    Instant day = Instant.parse("2026-11-27T09:00:00Z");
    // Platform: five people, four requests each; web: five people, one each; one small team of two.
    String[][] teams = {{"platform", "4"}, {"web", "1"}, {"tiny", "1"}};
    StringBuilder mapping = new StringBuilder("{\"teams\":{");
    for (String[] team : teams) {
      int members = team[0].equals("tiny") ? 2 : 5;
      mapping.append(mapping.charAt(mapping.length() - 1) == '{' ? "" : ",");
      mapping.append('"').append(team[0]).append("\":[");
      for (int i = 0; i < members; i++) {
        mapping.append(i == 0 ? "" : ",").append('"').append(person(team[0], i)).append('"');
        for (int r = 0; r < Integer.parseInt(team[1]); r++) {
          records.add(
              OtlpRecords.apiRequest(
                  "req_%s_%d_%d".formatted(team[0], i, r),
                  "session-%s-%d".formatted(team[0], i),
                  person(team[0], i),
                  day.plusSeconds(3600L * i + 60L * r)));
        }
      }
      mapping.append(']');
    }
    mapping.append("}}");
    running.json(
        running.post(
            "/v1/logs",
            ingest,
            "application/x-protobuf",
            OtlpRecords.request(records).toByteArray()),
        200);
    running.json(
        running
            .request("/api/v1/teams", running.admin)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(mapping.toString()))
            .build(),
        200);
    running.json(
        running.post(
            "/api/v1/events",
            ingest,
            "application/json",
            """
            {"deployments":[{"id":"d1","repository":"acme/web","sha":"abcdef1","environment":"production",
                             "status":"success","at":"2026-11-27T12:00:00Z"}]}
            """),
        200);

    // The organisation's Anthropic bill for the day, as 'goodhart import vendor' stores it.
    Instant start = Instant.parse("2026-11-27T00:00:00Z");
    running
        .stored()
        .recordVendorUsage(
            List.of(
                VendorUsage.builder(
                        Vendor.ANTHROPIC, "cost_report", start, start.plusSeconds(86_400))
                    .lineKey("workspace_id=wrkspc_1")
                    .amount(new BigDecimal("12.5"))
                    .build()),
            List.of());

    String read = running.token(Scope.READ);
    browser.open(URI.create(running.url("/?refresh=0#token=" + read)));
    browser.waitUntil("document.body.dataset.chartsReady === 'true'");
    assertEquals("ready", browser.script("return document.body.dataset.state"));
    Object everyone =
        browser.script("return document.querySelector('#figure-cost .value').textContent");
    long spendPoints =
        (Long)
            browser.script(
                "return echarts.getInstanceByDom(document.getElementById('chart-spend'))"
                    + ".getOption().series.reduce((n, s) => n + s.data.length, 0)");
    assertTrue(spendPoints > 0, "the spend chart has data");
    assertEquals(
        List.of("Anthropic", "Observed in logs and telemetry", "Gap (billed less observed)"),
        browser.script(
            "return echarts.getInstanceByDom(document.getElementById('chart-vendor-spend'))"
                + ".getOption().series.map(s => s.name)"));
    assertTrue(
        ((String) browser.script("return document.getElementById('note-vendor-spend').textContent"))
            .startsWith("Billed Anthropic $12.50; observed $"));
    assertEquals(
        List.of("All teams", "platform", "tiny (fewer than 5 people)", "web"),
        new Select(browser.driver().findElement(By.id("filter-team")))
            .getOptions().stream().map(o -> o.getText()).toList());

    new Select(browser.driver().findElement(By.id("filter-team"))).selectByValue("platform");
    browser.waitUntil(
        "document.body.dataset.renderCount === '2' && document.body.dataset.chartsReady === 'true'");
    Object platform =
        browser.script("return document.querySelector('#figure-cost .value').textContent");
    assertNotEquals(everyone, platform, "the platform team's spend is a part of everyone's");

    new Select(browser.driver().findElement(By.id("filter-team"))).selectByValue("tiny");
    browser.waitUntil("document.body.dataset.state === 'suppressed'");
    assertTrue(
        ((String) browser.script("return document.getElementById('suppressed-reason').textContent"))
            .contains("fewer than 5 people"));
    assertEquals(List.of(), browser.severeMessages());
    browser.screenshot(Path.of("target", "screenshots", "dashboard-server.png").toAbsolutePath());
  }
}
