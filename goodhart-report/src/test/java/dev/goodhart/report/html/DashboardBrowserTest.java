package dev.goodhart.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.report.html.CannedDashboardServer.Answer;
import dev.goodhart.report.html.CannedDashboardServer.Request;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The live dashboard's page as a reader's browser runs it: served with its assets by a small HTTP
 * server, reading API answers the test chooses. Only the page's behaviour is tested here; the real
 * server's answers are the server's own tests' business.
 */
class DashboardBrowserTest {
  private static final List<String> CHARTS =
      List.of(
          "chart-spend",
          "chart-delivery",
          "chart-yield",
          "chart-survival",
          "chart-efficiency",
          "chart-waste",
          "chart-telemetry",
          "chart-vendor-spend");
  private static final Pattern NOT_A_FIGURE =
      Pattern.compile("\\b(null|NaN|undefined|Infinity)\\b");
  private static final Pattern NOTHING_ALLOWED = Pattern.compile("(?!)");

  @TempDir static Path scratch;
  private static HeadlessChromium browser;
  private static CannedDashboardServer server;
  private static final SampleDashboard sample = new SampleDashboard();

  /** Console errors a test expects: Chromium logs every 4xx and 5xx answer as one. */
  private Pattern expectedErrors = NOTHING_ALLOWED;

  @BeforeAll
  static void start() throws IOException {
    server = CannedDashboardServer.start(sample);
    browser = HeadlessChromium.start(scratch);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  /** Each test starts in a tab of its own kind: no token kept, no timer of an earlier page. */
  @BeforeEach
  void freshTab() {
    browser.driver().get(server.uri("/blank").toString());
    browser.script("sessionStorage.clear()");
    server.answer(sample);
    server.delayAnswers(Duration.ZERO);
    server.forget();
    browser.severeMessages();
  }

  @AfterEach
  void noUnexpectedBrowserErrors() {
    List<String> errors =
        browser.severeMessages().stream()
            .filter(message -> !expectedErrors.matcher(message).find())
            .toList();
    assertEquals(List.of(), errors, "errors in the browser's console");
  }

  @Test
  void tokenFromTheLinkIsSentAsABearerTokenAndEveryPanelIsDrawn() throws IOException {
    browser.open(link("/?refresh=0"));

    List<Request> requests = server.requests();
    assertEquals(
        List.of("delivery", "filters", "report", "spend", "telemetry"),
        requests.stream().map(Request::endpoint).sorted().toList());
    for (Request request : requests) {
      assertEquals("Bearer " + SampleDashboard.TOKEN, request.authorization(), request.toString());
    }
    assertEquals("", browser.script("return location.hash"));
    assertFalse(browser.driver().getCurrentUrl().contains("token"));
    assertEquals(
        SampleDashboard.TOKEN, browser.script("return sessionStorage.getItem('goodhart.token')"));

    for (String chart : CHARTS) {
      assertTrue(filledShapes(chart) + polylines(chart) > 0, chart + " drew nothing");
    }
    // Two repositories shown: merged, succeeded, failed and incidents bars each.
    assertTrue(filledShapes("chart-delivery") >= 2 * 4, "delivery bars");
    // Two agents' weekly cost bars and their token lines.
    assertTrue(filledShapes("chart-telemetry") >= 2 * SampleDashboard.WEEKS, "telemetry bars");
    assertTrue(polylines("chart-telemetry") >= 2, "a token line per agent");
    assertEquals(
        List.of(
            "claude \u00b7 cost",
            "claude \u00b7 tokens",
            "codex \u00b7 cost",
            "codex \u00b7 tokens"),
        seriesNames("chart-telemetry"));
    assertEquals(
        List.of("acme/payments-api", "acme/web-console"),
        browser.script(
            "return echarts.getInstanceByDom(document.getElementById('chart-delivery'))"
                + ".getOption().xAxis[0].data"));
    assertTrue(
        text("#note-delivery").contains("fewer than 5 people): acme/tiny-tool."),
        text("#note-delivery"));
    assertTrue(
        text("#note-telemetry").startsWith("claude: 52 sessions, 6.0 h active"),
        text("#note-telemetry"));
    // Billed spend: Anthropic's and Cursor's bars for three days, observed and gap lines.
    assertEquals(
        List.of(
            "Anthropic", "Cursor", "Observed in logs and telemetry", "Gap (billed less observed)"),
        seriesNames("chart-vendor-spend"));
    assertTrue(polylines("chart-vendor-spend") + filledShapes("chart-vendor-spend") >= 4);
    assertTrue(
        text("#note-vendor-spend")
            .startsWith("Billed Anthropic $32.50, Cursor $1.25; observed $32.75; gap $1.00."),
        text("#note-vendor-spend"));

    assertEquals(money(sample.everyone.totals().cents()), text("#figure-cost .value"));
    assertEquals(sample.everyone.sessions.size(), count("#sessions tbody tr.session"));
    assertFalse(NOT_A_FIGURE.matcher(text("body")).find(), text("body"));
    assertEquals("ready", state());
    assertEquals("1", browser.script("return document.body.dataset.renderCount"));
    assertTrue(text("#last-updated").startsWith("Updated "), text("#last-updated"));
    assertFalse(
        ((String) browser.script("return document.getElementById('last-updated').dateTime"))
            .isEmpty());
    assertEquals("\u00b7 automatic refresh is off", text("#refresh-note"));

    Path screenshot = Path.of("target", "screenshots", "dashboard.png").toAbsolutePath();
    browser.screenshot(screenshot);
    System.out.println("dashboard screenshot: " + screenshot);
  }

  @Test
  void changingTheTeamAsksAgainForThatTeamAndRedraws() {
    browser.open(link("/?refresh=0"));
    WebElement team = browser.driver().findElement(By.id("filter-team"));
    assertEquals(
        List.of("All teams", "payments", "platform", "tiny (fewer than 5 people)"),
        new Select(team).getOptions().stream().map(WebElement::getText).toList());
    browser.script(
        "window.before = echarts.getInstanceByDom(document.getElementById('chart-spend'))");
    server.forget();

    new Select(team).selectByValue("platform");
    browser.waitUntil(
        "document.body.dataset.renderCount === '2' && document.body.dataset.chartsReady === 'true'");

    assertEquals(
        List.of("delivery", "report", "spend", "telemetry"),
        server.requests().stream().map(Request::endpoint).sorted().toList());
    for (Request request : server.requests()) {
      if (request.endpoint().equals("spend")) {
        assertFalse(request.query().containsKey("team"), "vendors bill the organisation");
      } else {
        assertEquals("platform", request.parameter("team"), request.toString());
      }
    }
    assertTrue(
        text("#note-vendor-spend").startsWith("Vendors bill the organisation as a whole"),
        text("#note-vendor-spend"));
    assertEquals("?refresh=0&team=platform", browser.script("return location.search"));
    assertNotEquals(sample.everyone.totals().cents(), sample.platform.totals().cents());
    assertEquals(money(sample.platform.totals().cents()), text("#figure-cost .value"));
    assertEquals(true, browser.script("return window.before.isDisposed()"));

    // A repository narrows the report and the delivery; the agents' metrics name none.
    server.forget();
    new Select(browser.driver().findElement(By.id("filter-repo"))).selectByValue("r-web");
    browser.waitUntil("document.body.dataset.renderCount === '3'");
    assertEquals("r-web", server.requests("report").get(0).parameter("repo"));
    assertEquals("r-web", server.requests("delivery").get(0).parameter("repo"));
    assertFalse(server.requests("telemetry").get(0).query().containsKey("repo"));
    assertTrue(
        text("#note-telemetry").startsWith("The agents' metrics name no repository"),
        text("#note-telemetry"));

    // The address is a bookmark: opened again, with the token this tab keeps, it shows the same.
    server.forget();
    browser.open(URI.create(browser.driver().getCurrentUrl()));
    assertEquals(
        "platform",
        new Select(browser.driver().findElement(By.id("filter-team")))
            .getFirstSelectedOption()
            .getDomAttribute("value"));
    assertEquals(
        "acme/web-console",
        new Select(browser.driver().findElement(By.id("filter-repo")))
            .getFirstSelectedOption()
            .getText());
    Request report = server.requests("report").get(0);
    assertEquals("Bearer " + SampleDashboard.TOKEN, report.authorization());
    assertEquals("platform", report.parameter("team"));
    assertEquals("r-web", report.parameter("repo"));
  }

  @Test
  void datesAreSentAndKeptInTheAddress() {
    browser.open(link("/?since=2026-09-01&until=bad&refresh=0"));
    assertEquals(
        "2026-09-01", browser.script("return document.getElementById('filter-since').value"));
    assertEquals("", browser.script("return document.getElementById('filter-until').value"));
    assertEquals("2026-09-01", server.requests("telemetry").get(0).parameter("since"));
    assertFalse(server.requests("report").get(0).query().containsKey("until"));

    browser.script(
        "const until = document.getElementById('filter-until');"
            + "until.value = '2026-09-15';"
            + "until.dispatchEvent(new Event('change'));");
    browser.waitUntil("document.body.dataset.renderCount === '2'");
    assertEquals("2026-09-15", server.requests("report").get(1).parameter("until"));
    assertEquals(
        "?since=2026-09-01&until=2026-09-15&refresh=0", browser.script("return location.search"));
  }

  @Test
  void aSuppressedAnswerShowsItsReasonInsteadOfFigures() {
    browser.open(link("/?refresh=0"));
    new Select(browser.driver().findElement(By.id("filter-team"))).selectByValue("tiny");
    browser.waitUntil(
        "document.body.dataset.state === 'suppressed' && document.body.dataset.chartsReady === 'true'");

    assertTrue(displayed("#suppressed"));
    assertEquals(SampleDashboard.REASON, text("#suppressed-reason"));
    assertFalse(displayed("#headline"));
    for (String chart : List.of("chart-spend", "chart-yield", "chart-waste")) {
      assertFalse(displayed("#" + chart), chart);
      assertNull(
          browser.script(
              "return echarts.getInstanceByDom(document.getElementById(arguments[0])) || null",
              chart));
      assertEquals(0, count("#" + chart + " *"), chart + " keeps nothing of the last answer");
    }
    assertEquals(0, count("#sessions tbody tr"));
    assertEquals("Not shown: " + SampleDashboard.REASON + ".", text("#chart-delivery"));
    assertEquals("Not shown: " + SampleDashboard.REASON + ".", text("#chart-telemetry"));
    assertFalse(NOT_A_FIGURE.matcher(text("body")).find(), text("body"));

    new Select(browser.driver().findElement(By.id("filter-team"))).selectByValue("");
    browser.waitUntil(
        "document.body.dataset.state === 'ready' && document.body.dataset.chartsReady === 'true'");
    assertFalse(displayed("#suppressed"));
    assertTrue(filledShapes("chart-spend") > 0);
  }

  @Test
  void aRejectedTokenBringsBackTheFormWithTheServersMessage() {
    expectedErrors = Pattern.compile("status of 401");
    browser
        .driver()
        .get(server.uri("/?refresh=0#token=" + SampleDashboard.REJECTED_TOKEN).toString());
    browser.waitUntil("document.body.dataset.state === 'unauthorized'");

    assertTrue(displayed("#token-form"));
    assertEquals(SampleDashboard.REJECTION, text("#token-message"));
    assertFalse(displayed("#dashboard"));
    assertFalse(displayed("#filters"));
    assertNull(browser.script("return sessionStorage.getItem('goodhart.token')"));
    assertEquals("false", browser.script("return document.body.dataset.chartsReady"));

    server.forget();
    browser.driver().findElement(By.id("token-input")).sendKeys(SampleDashboard.TOKEN);
    browser.driver().findElement(By.cssSelector("#token-form button")).click();
    browser.waitUntil("document.body.dataset.chartsReady === 'true'");
    assertFalse(displayed("#token-form"));
    assertEquals("ready", state());
    assertFalse(server.requests().isEmpty());
    for (Request request : server.requests()) {
      assertEquals("Bearer " + SampleDashboard.TOKEN, request.authorization(), request.toString());
    }
    assertEquals(
        SampleDashboard.TOKEN, browser.script("return sessionStorage.getItem('goodhart.token')"));
  }

  @Test
  void withoutATokenTheFormAsksForOneBeforeAnyRequest() {
    browser.driver().get(server.uri("/?refresh=0").toString());
    browser.waitUntil("document.body.dataset.state === 'unauthorized'");
    assertTrue(displayed("#token-form"));
    assertFalse(displayed("#token-message"));
    assertEquals(
        "password", browser.driver().findElement(By.id("token-input")).getDomAttribute("type"));
    assertEquals(List.of(), server.requests());
  }

  @Test
  void automaticRefreshNeverStacksRequests() {
    // Each answer takes longer than the refresh interval.
    server.delayAnswers(Duration.ofMillis(1200));
    browser.open(link("/?refresh=1"));
    assertEquals("\u00b7 refreshes every 1 s", text("#refresh-note"));
    browser.waitUntil("Number(document.body.dataset.renderCount) >= 3");

    for (String endpoint : List.of("report", "delivery", "telemetry")) {
      assertEquals(1, server.mostAtOnce(endpoint), endpoint + " requests overlapped");
      assertTrue(server.requests(endpoint).size() >= 3, endpoint);
    }
    assertEquals(1, server.requests("filters").size(), "the filters are asked for once");
  }

  @Test
  void missingFiguresAndEmptyListsReadAsDashesAndSentences() {
    server.answer(
        request ->
            switch (request.endpoint()) {
              case "filters" -> Answer.ok("{\"teams\": null, \"minimumGroup\": null}");
              case "report" -> Answer.ok(SampleReport.EMPTY);
              case "delivery" ->
                  Answer.ok(
                      "{\"repositories\": [{\"repository\": \"acme/web\", \"pullRequestsMerged\": null,"
                          + " \"pullRequestsOpened\": null, \"reviews\": null, \"deployments\": null,"
                          + " \"failedDeployments\": null, \"incidents\": null, \"linkedCost\": null,"
                          + " \"costPerMergedPullRequest\": null}], \"weeks\": []}");
              default -> Answer.ok("{\"weeks\": []}");
            });
    browser.open(link("/?refresh=0"));
    assertEquals("$0.00", text("#figure-cost .value"));
    assertEquals("No spend in this period.", text("#chart-spend"));
    assertTrue(
        text("#chart-telemetry").startsWith("No OpenTelemetry metrics"), text("#chart-telemetry"));
    assertTrue(
        text("#chart-vendor-spend").startsWith("No vendor bill imported"),
        text("#chart-vendor-spend"));
    String tooltip =
        (String)
            browser.script(
                "return echarts.getInstanceByDom(document.getElementById('chart-delivery'))"
                    + ".getOption().tooltip[0].formatter([{dataIndex: 0}])");
    assertFalse(NOT_A_FIGURE.matcher(tooltip).find(), tooltip);
    assertTrue(tooltip.contains("Incidents: \u2013"), tooltip);
    assertEquals(
        List.of("All teams"),
        new Select(browser.driver().findElement(By.id("filter-team")))
            .getOptions().stream().map(WebElement::getText).toList());
    assertFalse(NOT_A_FIGURE.matcher(text("body")).find(), text("body"));

    // Answers that lack every field, as an older or a newer server might send them.
    server.answer(request -> Answer.ok("{}"));
    browser.script("return goodhartDashboard.refresh()");
    assertEquals("ready", state());
    assertEquals("\u2013", text("#figure-cost .value"));
    assertTrue(text("#chart-delivery").startsWith("No pull request"), text("#chart-delivery"));
    assertTrue(
        text("#chart-telemetry").startsWith("No OpenTelemetry metrics"), text("#chart-telemetry"));
    assertEquals("No sessions in this period.", text("#sessions tbody tr.empty"));
    assertFalse(NOT_A_FIGURE.matcher(text("body")).find(), text("body"));
  }

  @Test
  void aFailedAnswerShowsOnTheErrorLine() {
    expectedErrors = Pattern.compile("status of 500");
    browser.open(link("/?refresh=0"));
    server.answer(
        request ->
            request.endpoint().equals("report")
                ? Answer.error(500, "internal_error", "the store is busy; try again")
                : sample.answer(request));

    // The same view, not refreshed: its figures stay, and say how old they are.
    browser.script("return goodhartDashboard.refresh()");
    assertEquals("Could not update: the store is busy; try again", text("#error"));
    assertEquals("ready", state());
    assertEquals(money(sample.everyone.totals().cents()), text("#figure-cost .value"));

    // Another view: figures of the previous one would mislead.
    new Select(browser.driver().findElement(By.id("filter-team"))).selectByValue("platform");
    browser.waitUntil("document.body.dataset.state === 'error'");
    assertEquals(0, count("#headline .figure"));
    assertNull(
        browser.script(
            "return echarts.getInstanceByDom(document.getElementById('chart-delivery')) || null"));

    server.answer(sample);
    browser.script("return goodhartDashboard.refresh()");
    assertEquals("ready", state());
    assertFalse(displayed("#error"));
    assertEquals(money(sample.platform.totals().cents()), text("#figure-cost .value"));
  }

  private static URI link(String pathAndQuery) {
    return server.uri(pathAndQuery + "#token=" + SampleDashboard.TOKEN);
  }

  private static String state() {
    return (String) browser.script("return document.body.dataset.state");
  }

  /** Bars, marks and legend icons: SVG paths filled with a colour of the palette. */
  private static long filledShapes(String chart) {
    return (Long)
        browser.script(
            "const plain = ['none', 'transparent', '#fff', '#ffffff', '#000', 'rgb(0,0,0)'];"
                + "return [...document.querySelectorAll('#' + arguments[0] + ' svg path')]"
                + "  .filter(p => p.hasAttribute('fill') && !plain.includes(p.getAttribute('fill')))"
                + "  .length;",
            chart);
  }

  /** Curves of many segments, which axes and grid lines never are. */
  private static long polylines(String chart) {
    return (Long)
        browser.script(
            "return [...document.querySelectorAll('#' + arguments[0] + ' svg path')]"
                + "  .filter(p => (p.getAttribute('d').match(/L/g) || []).length >= 5).length;",
            chart);
  }

  private static List<?> seriesNames(String chart) {
    return (List<?>)
        browser.script(
            "return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().series.map(s => s.name)",
            chart);
  }

  private static int count(String css) {
    return browser.driver().findElements(By.cssSelector(css)).size();
  }

  private static String text(String css) {
    return browser.driver().findElement(By.cssSelector(css)).getText();
  }

  private static boolean displayed(String css) {
    return browser.driver().findElement(By.cssSelector(css)).isDisplayed();
  }

  private static String money(long cents) {
    return String.format(Locale.US, "$%,.2f", cents / 100.0);
  }
}
