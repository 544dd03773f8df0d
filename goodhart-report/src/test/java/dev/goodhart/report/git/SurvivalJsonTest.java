package dev.goodhart.report.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.goodhart.metrics.survival.KaplanMeierEstimator;
import dev.goodhart.metrics.survival.SurvivalCurve;
import dev.goodhart.metrics.survival.SurvivalObservations;
import dev.goodhart.metrics.survival.SurvivalPoint;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A report's curve keeps the points where survival changes and the last one, which draw the same
 * steps as every point; the life table keeps every point.
 */
class SurvivalJsonTest {
  private static final Pattern POINT =
      Pattern.compile("\\{\"days\":([0-9.E-]+),\"survival\":([0-9.E-]+)[,}]");

  @Test
  void aReportsCurveKeepsItsStepsAndItsEnd() throws IOException {
    SurvivalObservations observations = SurvivalObservations.create();
    for (int day = 1; day <= 40; day++) {
      // Lines of every age censored (still alive), deaths on days 10 and 25 only.
      observations.add(day, day == 10 || day == 25 ? 3 : 0, 5);
    }
    SurvivalCurve curve = KaplanMeierEstimator.estimate(observations);
    assertEquals(40, curve.points().size());

    List<double[]> kept = points(write(curve, false));
    assertEquals(List.of(1.0, 10.0, 25.0, 40.0), kept.stream().map(point -> point[0]).toList());
    // Between the kept points the curve is flat: the steps drawn are the same.
    for (SurvivalPoint point : curve.points()) {
      double drawn = 1.0;
      for (double[] k : kept) {
        if (k[0] <= point.timeDays()) {
          drawn = k[1];
        }
      }
      assertEquals(point.survival(), drawn, "at day " + point.timeDays());
    }

    assertEquals(40, points(write(curve, true)).size());
  }

  /** The curve's points array (not its samples at the report days). */
  private static List<double[]> points(String json) {
    int from = json.indexOf("\"points\":[");
    String array = json.substring(from, json.indexOf(']', from));
    List<double[]> points = new ArrayList<>();
    Matcher matcher = POINT.matcher(array);
    while (matcher.find()) {
      points.add(
          new double[] {
            Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2))
          });
    }
    return points;
  }

  private static String write(SurvivalCurve curve, boolean detailed) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
      SurvivalJson.writeCurve(json, curve, detailed);
    }
    return text.toString();
  }
}
