package dev.goodhart.report.html;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The minified Apache ECharts from the {@code org.webjars.npm:echarts} jar. The webjar's folder
 * carries its version, so the version is read from the jar's own Maven metadata: upgrading the
 * dependency in the POM is then the only change.
 */
final class EchartsLibrary {
  private static final String COORDINATES = "org.webjars.npm:echarts";
  private static final String POM_PROPERTIES =
      "META-INF/maven/org.webjars.npm/echarts/pom.properties";

  private EchartsLibrary() {}

  static String minifiedScript() {
    String script = "META-INF/resources/webjars/echarts/" + version() + "/dist/echarts.min.js";
    return ClasspathText.read(script).orElseThrow(() -> missing("'" + script + "'"));
  }

  private static String version() {
    String text = ClasspathText.read(POM_PROPERTIES).orElseThrow(() -> missing("its metadata"));
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = properties.getProperty("version");
    if (version == null || version.isBlank()) {
      throw missing("a version in '" + POM_PROPERTIES + "'");
    }
    return version.strip();
  }

  private static GoodhartException missing(String what) {
    return new GoodhartException(
        ErrorCode.INTERNAL_ERROR,
        "the HTML report needs the charting library "
            + COORDINATES
            + " on the classpath, but "
            + what
            + " was not found; add "
            + COORDINATES
            + " to goodhart-report's dependencies");
  }
}
