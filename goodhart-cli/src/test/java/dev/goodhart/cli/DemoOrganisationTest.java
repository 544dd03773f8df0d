package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.report.html.HeadlessChromium;
import dev.goodhart.synthetic.org.OrganisationTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code goodhart demo} on a synthetic organisation whose truth is known: which session made which
 * commit (by its own tool output, or by hand just after it), how many lines each agent wrote, what
 * shipped. The report's links are measured against that truth, and its figures against values
 * worked out here from the truth and from {@code goodhart usage}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoOrganisationTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir static Path folder;
  CliHarness cli;
  CliHarness stored;
  Path demo;
  OrganisationTruth truth;
  JsonNode report;
  String summary;

  @BeforeAll
  void runTheDemo() throws Exception {
    cli = new CliHarness(folder);
    cli.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    demo = folder.resolve("demo");
    CliHarness.Result result = cli.run("demo", "--out", demo.toString(), "--seed", "7");
    assertEquals(0, result.exitCode(), result::toString);
    summary = result.out();
    truth = OrganisationTruth.read(demo.resolve("organisation/truth.json"));
    // A harness on the demo's folder uses the demo's own store (demo/data).
    stored = new CliHarness(demo);
    stored.clock = cli.clock;
    CliHarness.Result json = stored.run("report", "--json", "--no-import", "--no-scan");
    assertEquals(0, json.exitCode(), json::toString);
    report = json.json();
  }

  @Test
  void printsTheSummaryAndWhereThePageIs() {
    assertTrue(summary.contains("What the tokens shipped"), summary);
    assertTrue(summary.contains("HTML report: " + demo.resolve("report.html")), summary);
    assertTrue(Files.isRegularFile(demo.resolve("report.html")));
  }

  @Test
  void linksSessionsToTheirCommitsWithPrecisionAndRecallOfAtLeast95Percent() {
    Set<String> truthLinks = new HashSet<>();
    for (OrganisationTruth.Session session : truth.sessions()) {
      session.commits().forEach(c -> truthLinks.add(session.sessionId() + " " + c.sha()));
    }
    Set<String> found = new HashSet<>();
    int correct = 0;
    for (JsonNode session : report.get("sessions")) {
      String id = session.get("sessionId").asText();
      for (JsonNode commit : session.get("commits")) {
        String sha = full(commit.get("sha").asText());
        found.add(id + " " + sha);
        if (truthLinks.contains(id + " " + sha)) {
          correct++;
        }
      }
    }
    double precision = (double) correct / found.size();
    double recall = (double) correct / truthLinks.size();
    System.out.printf(
        "links: %d in truth, %d found, %d correct: precision %.3f, recall %.3f%n",
        truthLinks.size(), found.size(), correct, precision, recall);
    assertTrue(precision >= 0.95, "precision " + precision);
    assertTrue(recall >= 0.95, "recall " + recall);
  }

  @Test
  void everySessionIsReportedWithTheLinesItsAgentWroteAndItsSpend() {
    CliHarness.Result usage = stored.run("usage", "session", "--json", "--offline");
    Map<String, Double> usageCost = new HashMap<>();
    usage
        .json()
        .get("session")
        .forEach(s -> usageCost.put(s.get("sessionId").asText(), s.get("totalCost").asDouble()));
    Map<String, JsonNode> reported = new HashMap<>();
    report.get("sessions").forEach(s -> reported.put(s.get("sessionId").asText(), s));

    assertEquals(truth.sessions().size(), reported.size());
    long written = 0;
    for (OrganisationTruth.Session session : truth.sessions()) {
      JsonNode s = reported.get(session.sessionId());
      assertEquals(session.aiLinesAdded(), s.get("aiLinesWritten").asLong(), session.sessionId());
      assertEquals(
          usageCost.get(session.sessionId()), s.get("cost").asDouble(), 1e-6, session.sessionId());
      written += session.aiLinesAdded();
    }
    assertEquals(written, report.get("totals").get("aiLinesWritten").asLong());
  }

  @Test
  void totalsAreTheSumsOfTheSessions() {
    double cost = 0;
    double unshipped = 0;
    double shippedSessionsCost = 0;
    Set<String> shipped = new HashSet<>();
    for (JsonNode s : report.get("sessions")) {
      double c = s.get("cost").asDouble();
      cost += c;
      int shippedHere = 0;
      for (JsonNode commit : s.get("commits")) {
        if (commit.get("shipped").asBoolean()) {
          shipped.add(commit.get("sha").asText());
          shippedHere++;
        }
      }
      if (shippedHere == 0) {
        unshipped += c;
      } else {
        shippedSessionsCost += c;
      }
    }
    JsonNode totals = report.get("totals");
    assertEquals(cost, totals.get("cost").asDouble(), 1e-4);
    assertEquals(unshipped, totals.get("unshippedCost").asDouble(), 1e-4);
    assertEquals(shipped.size(), totals.get("shippedCommits").asInt());
    assertEquals(
        shippedSessionsCost / shipped.size(), totals.get("costPerShippedCommit").asDouble(), 1e-4);
    double days = 0;
    for (JsonNode day : report.get("days")) {
      days += day.get("cost").asDouble();
    }
    assertEquals(cost, days, 1e-4, "the days add up to the total");
    Set<String> truthShipped = new HashSet<>();
    truth.commits().stream()
        .filter(OrganisationTruth.Commit::shipped)
        .forEach(c -> truthShipped.add(c.sha()));
    assertTrue(truthShipped.containsAll(shipped), "only commits on main count as shipped");
  }

  /**
   * The demo's page in a real headless Chromium: every chart drew marks, one table row per session,
   * no console errors. The screenshot is for people to look at: target/screenshots/demo-report.png.
   */
  @Test
  void theDemosPageRendersEveryChartInABrowser() throws Exception {
    try (HeadlessChromium browser = HeadlessChromium.start(folder.resolve("browser"))) {
      browser.open(demo.resolve("report.html"));
      for (String chart :
          java.util.List.of(
              "chart-spend", "chart-yield", "chart-survival", "chart-efficiency", "chart-waste")) {
        long marks =
            ((Number)
                    browser.script(
                        "return document.querySelectorAll('#' + arguments[0] + ' svg path').length",
                        chart))
                .longValue();
        assertTrue(marks > 10, chart + " drew " + marks + " paths");
      }
      long rows =
          ((Number)
                  browser.script(
                      "return document.querySelectorAll('#sessions tbody tr.session').length"))
              .longValue();
      assertEquals(report.get("sessions").size(), rows);
      assertEquals(java.util.List.of(), browser.severeMessages(), "console errors");
      Path shot = Path.of("target", "screenshots", "demo-report.png").toAbsolutePath();
      browser.screenshot(shot);
      System.out.println("screenshot of the demo's report: " + shot);
    }
  }

  /**
   * The waste signals find the sessions the organisation was made to waste. Not exactly: a squash
   * merge ships a session's work under another sha (goodhart counts it unshipped), and a loop or a
   * context bloat the generator made mild can stay under the thresholds.
   */
  @Test
  void wasteSignalsFindTheWastefulSessions() {
    Map<String, Set<String>> found = new HashMap<>();
    for (JsonNode s : report.get("sessions")) {
      Set<String> kinds = new HashSet<>();
      s.get("waste").forEach(w -> kinds.add(w.get("kind").asText()));
      found.put(s.get("sessionId").asText(), kinds);
    }
    for (String kind :
        java.util.List.of("discarded", "loop", "context-bloat", "unattended", "parallel")) {
      Set<String> meant = new HashSet<>();
      truth.sessions().stream()
          .filter(s -> s.waste().contains(kind))
          .forEach(s -> meant.add(s.sessionId()));
      Set<String> flagged = new HashSet<>();
      found.forEach(
          (id, kinds) -> {
            if (kinds.contains(kind)) {
              flagged.add(id);
            }
          });
      Set<String> both = new HashSet<>(meant);
      both.retainAll(flagged);
      System.out.printf(
          "waste %s: %d meant, %d flagged, %d both%n",
          kind, meant.size(), flagged.size(), both.size());
      assertTrue(
          both.size() >= 0.6 * meant.size(),
          kind + ": found " + both.size() + " of " + meant.size());
      assertTrue(
          both.size() >= 0.6 * flagged.size(),
          kind + ": " + flagged.size() + " flagged, " + both.size() + " meant");
    }
  }

  /** A commit's full sha: an abbreviation the report kept is made full from the truth. */
  private String full(String sha) {
    if (sha.length() == 40) {
      return sha;
    }
    return truth.commits().stream()
        .map(OrganisationTruth.Commit::sha)
        .filter(s -> s.startsWith(sha))
        .findFirst()
        .orElse(sha);
  }
}
