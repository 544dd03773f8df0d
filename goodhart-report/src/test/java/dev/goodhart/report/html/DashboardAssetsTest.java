package dev.goodhart.report.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DashboardAssetsTest {
  private static final Pattern REFERENCE = Pattern.compile("\\b(?:src|href)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern ID = Pattern.compile("\\bid\\s*=\\s*\"([^\"]*)\"");

  @Test
  void everyAssetThePageRefersToIsServed() {
    List<String> referred = new ArrayList<>();
    Matcher reference = REFERENCE.matcher(DashboardAssets.page());
    while (reference.find()) {
      String target = reference.group(1);
      if (target.startsWith("data:")) {
        continue; // the empty favicon, inside the page itself
      }
      assertTrue(target.startsWith("assets/"), "the page refers to '" + target + "'");
      String name = target.substring("assets/".length());
      DashboardAssets.Asset asset =
          DashboardAssets.asset(name)
              .orElseThrow(() -> new AssertionError(name + " is not served"));
      assertTrue(asset.bytes().length > 0, name);
      assertEquals(
          name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
          asset.contentType(),
          name);
      referred.add(name);
    }
    assertEquals(
        List.of("report.css", "dashboard.css", "echarts.min.js", "report.js", "dashboard.js"),
        referred);
    assertEquals(referred.stream().sorted().toList(), DashboardAssets.names());
  }

  @Test
  void theChartingLibraryIsTheOneTheReportInlines() {
    byte[] served = DashboardAssets.asset("echarts.min.js").orElseThrow().bytes();
    assertArrayEquals(EchartsLibrary.minifiedScript().getBytes(StandardCharsets.UTF_8), served);
  }

  /** The report's script finds its elements by id: the dashboard must have every one of them. */
  @Test
  void thePageHasEveryElementTheReportDrawsInto() {
    Set<String> report = ids(ClasspathText.require("dev/goodhart/report/html/report.html"));
    report.remove("goodhart-data"); // the static report's embedded document
    // Billed spend is the organisation's, not a team's: the dashboard draws it from its own answer
    // (/api/v1/spend) in a panel of its own, and the report's script passes over what is missing.
    report.remove("chart-billed");
    report.remove("note-billed");
    Set<String> dashboard = ids(DashboardAssets.page());
    assertTrue(dashboard.containsAll(report), "missing: " + difference(report, dashboard));
    for (String id :
        List.of(
            "filter-team",
            "filter-repo",
            "filter-since",
            "filter-until",
            "token-form",
            "token-input",
            "chart-delivery",
            "chart-telemetry",
            "chart-vendor-spend",
            "note-vendor-spend",
            "last-updated",
            "error",
            "suppressed-reason")) {
      assertTrue(dashboard.contains(id), id);
    }
  }

  @Test
  void thePageHasNoInlineScriptSoAStrictPolicyCanServeIt() {
    Matcher script =
        Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL)
            .matcher(DashboardAssets.page());
    int scripts = 0;
    while (script.find()) {
      scripts++;
      assertTrue(script.group(1).contains("src=\"assets/"), script.group());
      assertEquals("", script.group(2).strip(), script.group());
    }
    assertEquals(3, scripts);
    assertFalse(DashboardAssets.page().contains("@@"), "a slot of the report's template");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "dashboard.html",
        "report.html",
        "../report.js",
        "assets/report.js",
        "REPORT.JS",
        "report.js ",
        "META-INF/MANIFEST.MF"
      })
  void onlyTheExactNamesAreServed(String name) {
    assertTrue(DashboardAssets.asset(name).isEmpty(), name);
  }

  @Test
  void anAssetCannotBeChangedByWhoeverHoldsItsBytes() {
    byte[] bytes = DashboardAssets.asset("report.css").orElseThrow().bytes();
    byte first = bytes[0];
    bytes[0] = (byte) (first + 1);
    assertEquals(first, DashboardAssets.asset("report.css").orElseThrow().bytes()[0]);
  }

  private static Set<String> ids(String html) {
    Set<String> ids = new TreeSet<>();
    Matcher id = ID.matcher(html);
    while (id.find()) {
      ids.add(id.group(1));
    }
    return ids;
  }

  private static Set<String> difference(Set<String> all, Set<String> some) {
    Set<String> missing = new TreeSet<>(all);
    missing.removeAll(some);
    return missing;
  }
}
