package dev.goodhart.report.html;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The live dashboard's page and the files it loads, for {@code goodhart serve} to answer {@code GET
 * /} with {@link #page()} and {@code GET /assets/{name}} with {@link #asset(String)}. The page
 * draws the report's charts with the report's own script, from the JSON API that {@code
 * docs/server-api.md} specifies; it refers to everything by relative URLs and loads nothing from
 * anywhere else.
 *
 * <p>What a test of the served page can rely on:
 *
 * <ul>
 *   <li>{@code document.body.dataset.chartsReady} is {@code "true"} once the latest answers are
 *       drawn (or a suppressed answer's reason is shown), {@code "false"} while they are drawn and
 *       while the token form is shown;
 *   <li>{@code document.body.dataset.renderCount} counts the completed draws, so a re-render shows
 *       as a larger number; {@code document.body.dataset.state} is {@code loading}, {@code ready},
 *       {@code suppressed}, {@code unauthorized} or {@code error}; {@code
 *       document.body.dataset.busy} is {@code "true"} while requests are on their way;
 *   <li>{@code window.goodhartDashboard.refresh()} fetches and draws now, resolving when done;
 *   <li>element ids: the filters {@code filter-team}, {@code filter-repo}, {@code filter-since},
 *       {@code filter-until}; {@code token-form}, {@code token-input}, {@code token-message};
 *       {@code last-updated} (a {@code <time>} whose {@code datetime} is the ISO instant of the
 *       last draw), {@code error}; {@code suppressed} and {@code suppressed-reason}; the charts
 *       {@code chart-spend}, {@code chart-delivery}, {@code chart-yield}, {@code chart-survival},
 *       {@code chart-efficiency}, {@code chart-waste}, {@code chart-telemetry}, {@code
 *       chart-vendor-spend} (billed against observed, from {@code /api/v1/spend}); {@code headline}
 *       with its {@code figure-*} cards; the table {@code sessions}.
 * </ul>
 */
public final class DashboardAssets {
  /** The media type of {@link #page()}. */
  public static final String PAGE_CONTENT_TYPE = "text/html; charset=utf-8";

  private static final String RESOURCES = "dev/goodhart/report/html/";
  private static final String SCRIPT = "text/javascript; charset=utf-8";
  private static final String STYLE = "text/css; charset=utf-8";
  private static final Map<String, Supplier<Asset>> SOURCES =
      Map.of(
          "report.js", () -> resource("report.js", SCRIPT),
          "report.css", () -> resource("report.css", STYLE),
          "dashboard.js", () -> resource("dashboard.js", SCRIPT),
          "dashboard.css", () -> resource("dashboard.css", STYLE),
          "echarts.min.js",
              () ->
                  new Asset(
                      EchartsLibrary.minifiedScript().getBytes(StandardCharsets.UTF_8), SCRIPT));
  // Read once: the files are in the jar and cannot change while the server runs.
  private static final Map<String, Asset> LOADED = new ConcurrentHashMap<>();

  private DashboardAssets() {}

  /** A file the page loads, as the server sends it. */
  public record Asset(byte[] bytes, String contentType) {
    public Asset {
      bytes = requireNonNull(bytes, "bytes is null").clone();
      requireNonNull(contentType, "contentType is null");
    }

    /** A copy: the server may hand it to a stream that keeps or changes it. */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  /**
   * The dashboard's HTML page.
   *
   * @throws dev.goodhart.model.GoodhartException if the page is missing from the jar
   */
  public static String page() {
    return ClasspathText.require(RESOURCES + "dashboard.html");
  }

  /**
   * The file that {@code assets/<name>} in the page refers to, or empty for any other name: only
   * the exact names of {@link #names()} are served.
   *
   * @throws dev.goodhart.model.GoodhartException if a file of the page is missing from the jar, or
   *     the charting library from the classpath
   */
  public static Optional<Asset> asset(String name) {
    requireNonNull(name, "name is null");
    Supplier<Asset> source = SOURCES.get(name);
    return source == null
        ? Optional.empty()
        : Optional.of(LOADED.computeIfAbsent(name, unused -> source.get()));
  }

  /** The names {@link #asset(String)} serves, sorted. */
  public static List<String> names() {
    return SOURCES.keySet().stream().sorted().toList();
  }

  private static Asset resource(String name, String contentType) {
    return new Asset(
        ClasspathText.require(RESOURCES + name).getBytes(StandardCharsets.UTF_8), contentType);
  }
}
