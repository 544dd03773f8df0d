package dev.goodhart.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The HTML report as a reader sees it: opened from a file in a real headless Chromium. */
class HtmlReportBrowserTest {
  private static final List<String> CHARTS =
      List.of(
          "chart-spend",
          "chart-billed",
          "chart-yield",
          "chart-survival",
          "chart-efficiency",
          "chart-waste");
  private static final Pattern NOT_A_FIGURE =
      Pattern.compile("\\b(null|NaN|undefined|Infinity)\\b");
  private static final String SUPPRESSED = "suppressed (fewer than 5 people)";

  @TempDir static Path scratch;
  private static HeadlessChromium browser;
  private static SampleReport sample;
  private static Path samplePage;

  @BeforeAll
  static void startBrowser() throws IOException {
    sample = SampleReport.create();
    samplePage = page("sample.html", sample.json());
    // Quits before the temp folder is deleted: Chromium writes into its profile until it exits.
    browser = HeadlessChromium.start(scratch);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void noBrowserErrors() {
    if (browser != null) {
      assertEquals(List.of(), browser.severeMessages(), "errors in the browser's console");
    }
  }

  @Test
  void everyChartIsDrawn() throws IOException {
    browser.open(samplePage);
    int days = SampleReport.DAYS;
    int repos = SampleReport.REPOS.size();
    int kinds = SampleReport.WASTE_KINDS.size();
    assertDrawn("chart-spend", 2 * days, 1); // linked and unshipped bars each day; commits line
    assertDrawn("chart-billed", 2 * days - 10, 2); // two vendors' bars; observed and gap lines
    assertDrawn("chart-yield", 3 * repos, 0); // lines written, alive, and the yield mark
    assertDrawn("chart-survival", 0, 2 * repos); // an AI and a human curve per repository
    assertDrawn("chart-efficiency", 2 * 10, 1); // spend and shipped bars; cost per commit line
    assertDrawn("chart-waste", 2 * kinds, 0); // spend and sessions bars
    Path screenshot = Path.of("target", "screenshots", "report.png").toAbsolutePath();
    browser.screenshot(screenshot);
    System.out.println("HTML report screenshot: " + screenshot);
  }

  @Test
  void consoleErrorsAreSeen() {
    browser.open(samplePage);
    browser.script("console.error('planted by the test')");
    List<String> errors = browser.severeMessages();
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("planted by the test"), errors.get(0));
  }

  @Test
  void billedSpendStacksTheVendorsThatHaveBillsBesideObservedSpend() {
    browser.open(samplePage);
    List<?> names =
        (List<?>)
            browser.script(
                "return echarts.getInstanceByDom(document.getElementById('chart-billed'))"
                    + ".getOption().series.map(s => s.name)");
    assertEquals(
        List.of(
            "Anthropic", "OpenAI", "Observed in logs and telemetry", "Gap (billed less observed)"),
        names,
        "vendors without a bill are left out");
    assertEquals(
        "Billed Anthropic $735.00, OpenAI $30.00; observed $675.00; gap $90.00. A gap above zero is"
            + " spend no log goodhart read accounts for; below zero, observed spend no imported bill"
            + " covers.",
        text("#note-billed"));
  }

  @Test
  void survivalChartHasALinePerRepositoryAndKind() {
    browser.open(samplePage);
    String note = text("#note-survival");
    for (String repo : List.of("payments-api", "web-console")) {
      assertTrue(note.contains(repo + " AI: half-life"), note);
      assertTrue(note.contains(repo + " human: half-life"), note);
    }
    List<?> names =
        (List<?>)
            browser.script(
                "return echarts.getInstanceByDom(document.getElementById('chart-survival'))"
                    + ".getOption().series.map(s => s.name)");
    assertEquals(
        List.of(
            "payments-api \u00b7 AI",
            "payments-api \u00b7 human",
            "web-console \u00b7 AI",
            "web-console \u00b7 human"),
        names);
  }

  @Test
  void headlineShowsTheDocumentsTotals() {
    browser.open(samplePage);
    SampleReport.Totals totals = sample.totals();
    assertEquals(money(SampleReport.dollars(totals.cents())), figure("cost"));
    assertEquals(count(totals.shippedCommits()), figure("shipped"));
    assertEquals(money(totals.costPerShippedCommit()), figure("cost-per-shipped"));
    assertEquals(money(SampleReport.dollars(totals.unshippedCents())), figure("unshipped"));
    assertEquals(percent(totals.unshippedShare()) + " of spend", text("#figure-unshipped .detail"));
    assertEquals(percent(totals.yield30d()), figure("yield"));
    assertEquals(count(totals.aiLinesAliveAtHead()), figure("alive"));
    assertEquals(
        "of " + count(totals.aiLinesWritten()) + " written", text("#figure-alive .detail"));
    assertEquals(
        "2026-09-01 to 2026-09-30 (UTC) \u00b7 generated 2026-10-20 20:00 UTC", text("#period"));
  }

  @Test
  void sessionTableHasOneRowPerSessionAndSortsByCost() {
    browser.open(samplePage);
    assertEquals(sample.sessions.size(), count("#sessions tbody tr.session"));
    WebElement repository =
        browser
            .driver()
            .findElement(By.cssSelector("#sessions tbody tr:first-child td:nth-child(3)"));
    assertEquals("payments-api", repository.getText());
    assertEquals(SampleReport.REPOS.get(0), repository.getDomAttribute("title"));
    WebElement costHeader =
        browser.driver().findElement(By.xpath("//table[@id='sessions']//th[text()='Cost']"));
    costHeader.click();
    assertEquals(money(SampleReport.dollars(sample.cheapest().cents())), firstRowCell(5));
    costHeader.click();
    assertEquals(money(SampleReport.dollars(sample.dearest().cents())), firstRowCell(5));
  }

  @Test
  void missingFiguresReadAsDashesAndSmallGroupsAsSuppressed() {
    browser.open(samplePage);
    String body = text("body");
    assertFalse(NOT_A_FIGURE.matcher(body).find(), "page shows a non-figure: " + body);
    assertTrue(text("#note-yield").contains(SUPPRESSED + ": tiny-tool"), text("#note-yield"));
    // session-7, the eighth row, ran outside any repository: no repository, no branch.
    String cells = "#sessions tbody tr:nth-child(8) td:nth-child(";
    assertEquals("\u2013", text(cells + "3)"));
    assertEquals("\u2013", text(cells + "4)"));
  }

  @Test
  void emptyDocumentsOpenWithoutErrors() throws IOException {
    // The second document lacks every field, as an older or a newer goodhart might write it.
    for (String document : List.of(SampleReport.EMPTY, "{}")) {
      browser.open(page("empty.html", document));
      assertEquals(document.equals("{}") ? "\u2013" : "$0.00", figure("cost"));
      assertEquals(0, count("#sessions tbody tr.session"));
      assertEquals("No sessions in this period.", text("#sessions tbody tr.empty"));
      assertTrue(text("#chart-survival").startsWith("No scanned repository"), document);
      assertEquals("No session showed a waste signal.", text("#chart-waste"));
      assertEquals("\u2013", figure("yield"));
      assertFalse(NOT_A_FIGURE.matcher(text("body")).find(), text("body"));
    }
  }

  @Test
  void renderingAgainDisposesTheChartsItReplaces() {
    browser.open(samplePage);
    browser.script(
        "window.sample = JSON.parse(document.getElementById('goodhart-data').textContent);"
            + "window.first = arguments[0].map(id => echarts.getInstanceByDom(document.getElementById(id)));",
        CHARTS);
    // A document with nothing to chart: every chart gives way to its sentence.
    browser.script("return goodhartReport.render(" + SampleReport.EMPTY + ")");
    assertEquals("true", browser.script("return document.body.dataset.chartsReady"));
    assertEquals(
        List.of(true, true, true, true, true, true),
        browser.script("return window.first.map(chart => chart.isDisposed())"));
    assertTrue(text("#chart-billed").startsWith("No vendor bill imported"), text("#chart-billed"));
    assertEquals("", text("#note-billed"));
    assertEquals("No spend in this period.", text("#chart-spend"));
    assertEquals(0, count("#chart-spend svg"));
    assertEquals("$0.00", figure("cost"));

    browser.driver().findElement(By.xpath("//table[@id='sessions']//th[text()='Cost']")).click();
    // Three renders in a row, the first two superseded before their charts finish.
    browser.script(
        "goodhartReport.render(window.sample); goodhartReport.render(window.sample);"
            + "return goodhartReport.render(window.sample)");
    assertEquals("true", browser.script("return document.body.dataset.chartsReady"));
    for (String chart : CHARTS) {
      assertEquals(1, count("#" + chart + " > div > svg"), chart + " has one drawing");
    }
    assertEquals(6, count("#headline .figure"));
    assertEquals(sample.sessions.size(), count("#sessions tbody tr.session"));
    assertTrue(text("#note-yield").endsWith(SUPPRESSED + ": tiny-tool."), text("#note-yield"));
    // The reader's sort survives a redraw.
    assertEquals(money(SampleReport.dollars(sample.cheapest().cents())), firstRowCell(5));
    assertEquals(
        "ascending",
        browser.script(
            "return document.querySelector('#sessions th[aria-sort]').getAttribute('aria-sort')"));
  }

  /**
   * Counts what the chart drew in SVG: filled shapes (bars, marks, legend icons) and polylines
   * (curves of many segments, which axes and grid lines never are). The colours a mark may not have
   * are the white and black ECharts gives hollow symbols and text.
   */
  private static void assertDrawn(String chart, int filledShapes, int polylines) {
    List<?> drawn =
        (List<?>)
            browser.script(
                "const paths = [...document.querySelectorAll('#' + arguments[0] + ' svg path')];"
                    + "const plain = ['none', 'transparent', '#fff', '#ffffff', '#000', 'rgb(0,0,0)'];"
                    + "return [paths.filter(p => p.hasAttribute('fill')"
                    + "    && !plain.includes(p.getAttribute('fill'))).length,"
                    + "  paths.filter(p => (p.getAttribute('d').match(/L/g) || []).length >= 5).length];",
                chart);
    long filled = ((Number) drawn.get(0)).longValue();
    long lines = ((Number) drawn.get(1)).longValue();
    assertTrue(filled >= filledShapes, chart + " drew " + filled + " filled shapes");
    assertTrue(lines >= polylines, chart + " drew " + lines + " polylines");
  }

  private static Path page(String name, String document) throws IOException {
    Path file = scratch.resolve(name);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      HtmlReport.write(document, out);
    }
    return file;
  }

  private static int count(String css) {
    return browser.driver().findElements(By.cssSelector(css)).size();
  }

  private static String text(String css) {
    return browser.driver().findElement(By.cssSelector(css)).getText();
  }

  private static String figure(String id) {
    return text("#figure-" + id + " .value");
  }

  private static String firstRowCell(int column) {
    return text("#sessions tbody tr:first-child td:nth-child(" + column + ")");
  }

  private static String money(@Nullable Double dollars) {
    return dollars == null ? "\u2013" : String.format(Locale.US, "$%,.2f", dollars);
  }

  private static String count(long value) {
    return String.format(Locale.US, "%,d", value);
  }

  private static String percent(@Nullable Double share) {
    return share == null ? "\u2013" : String.format(Locale.US, "%.1f%%", share * 100);
  }
}
