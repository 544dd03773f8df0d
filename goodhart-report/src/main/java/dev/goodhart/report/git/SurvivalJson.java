package dev.goodhart.report.git;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.goodhart.metrics.survival.SurvivalCurve;
import dev.goodhart.metrics.survival.SurvivalPoint;
import dev.goodhart.metrics.survival.SurvivalReportTimes;
import dev.goodhart.metrics.survival.SurvivalSample;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code goodhart scan --survival --json}: per repository, a Kaplan–Meier curve of line survival
 * for AI-written and human-written lines: every step point, samples at the usual report days, the
 * half-life (null when fewer than half of the lines ever died).
 */
public final class SurvivalJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private SurvivalJson() {}

  public static void write(String repositoryPath, Map<String, SurvivalCurve> curves, Writer out)
      throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeStringField("repository", repositoryPath);
      json.writeObjectFieldStart("survival");
      for (Map.Entry<String, SurvivalCurve> entry : curves.entrySet()) {
        json.writeFieldName(entry.getKey());
        writeCurve(json, entry.getValue(), true);
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  /**
   * One curve as an object: its line counts, half-life (null when fewer than half of the lines ever
   * died), its points and, when {@code detailed}, the samples at the usual report days. Detailed,
   * every step point with its risk set (the life table); otherwise the points where survival
   * changes and the last one, which draw the same step curve: a report's repositories listed one
   * point per distinct commit age (a report answer at 100M events was 25 MB; at 10M, 3.26 MB became
   * 0.44 MB).
   */
  public static void writeCurve(JsonGenerator json, SurvivalCurve curve, boolean detailed)
      throws IOException {
    json.writeStartObject();
    json.writeNumberField("lines", curve.totalLines());
    json.writeNumberField("died", curve.totalDeaths());
    json.writeNumberField("censored", curve.totalCensored());
    Optional<Double> halfLife = curve.halfLife();
    if (halfLife.isPresent()) {
      json.writeNumberField("halfLifeDays", halfLife.get());
    } else {
      json.writeNullField("halfLifeDays");
    }
    json.writeArrayFieldStart("points");
    List<SurvivalPoint> points = curve.points();
    for (int i = 0; i < points.size(); i++) {
      SurvivalPoint point = points.get(i);
      boolean changes = i == 0 || point.survival() != points.get(i - 1).survival();
      if (!detailed && !changes && i != points.size() - 1) {
        continue;
      }
      json.writeStartObject();
      json.writeNumberField("days", point.timeDays());
      json.writeNumberField("survival", point.survival());
      if (detailed) {
        json.writeNumberField("atRisk", point.atRisk());
        json.writeNumberField("died", point.deaths());
        json.writeNumberField("censored", point.censored());
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    if (detailed) {
      json.writeArrayFieldStart("at");
      for (SurvivalSample sample : SurvivalReportTimes.sample(curve)) {
        json.writeStartObject();
        json.writeNumberField("days", sample.timeDays());
        json.writeNumberField("survival", sample.survival());
        json.writeNumberField("atRisk", sample.atRisk());
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }
}
