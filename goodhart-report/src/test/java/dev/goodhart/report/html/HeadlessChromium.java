package dev.goodhart.report.html;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium, driven headless by its own ChromeDriver. Both paths are given, so Selenium
 * Manager never tries to download a browser, and the browser gets a HOME of its own, because
 * Chromium writes under {@code ~/.config} even with a fresh profile.
 */
public final class HeadlessChromium implements AutoCloseable {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 900;

  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /**
   * Fails when Chromium or its driver is missing, or skips the test when {@code
   * GOODHART_BROWSER=optional}: CI requires the browser, a developer's machine may lack it.
   */
  public static HeadlessChromium start(Path scratch) throws IOException {
    for (Path program : List.of(BROWSER, DRIVER)) {
      if (!Files.isExecutable(program)) {
        String message =
            "this test needs Chromium and ChromeDriver, but "
                + program
                + " is missing; install both with 'apt-get install -y chromium chromium-driver',"
                + " or set GOODHART_BROWSER=optional to skip the browser tests";
        if ("optional".equals(System.getenv("GOODHART_BROWSER"))) {
          Assumptions.abort(message);
        }
        fail(message);
      }
    }
    Path home = Files.createDirectories(scratch.resolve("home"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withEnvironment(
                Map.of(
                    "HOME", home.toString(),
                    "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                    "XDG_CACHE_HOME", home.resolve(".cache").toString()))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + scratch.resolve("profile"),
        "--window-size=" + WIDTH + "," + HEIGHT);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    return new HeadlessChromium(service, new ChromeDriver(service, options));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens the page and waits until it says that every chart has rendered. */
  public void open(Path page) {
    open(page.toUri());
  }

  /** Opens the page, a file or one a server serves, and waits until every chart has rendered. */
  public void open(URI page) {
    driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    driver.get(page.toString());
    waitUntil("document.body.dataset.chartsReady === 'true'");
  }

  /** Waits until the JavaScript expression is true, failing with the browser's log if it is not. */
  public void waitUntil(String condition) {
    try {
      new WebDriverWait(driver, Duration.ofSeconds(30))
          .until(d -> Boolean.TRUE.equals(script("return Boolean(" + condition + ")")));
    } catch (TimeoutException e) {
      fail("the page never made '" + condition + "' true; browser log: " + severeMessages(), e);
    }
  }

  public Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** Errors logged since the last call: uncaught exceptions, console.error, failed loads. */
  public List<String> severeMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** A screenshot of the whole page: the window grows to the page's height first. */
  public void screenshot(Path file) throws IOException {
    long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
    driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.max(HEIGHT, height)));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
