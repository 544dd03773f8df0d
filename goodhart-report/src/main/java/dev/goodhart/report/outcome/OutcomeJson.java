package dev.goodhart.report.outcome;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.goodhart.metrics.outcome.CommitLink;
import dev.goodhart.metrics.outcome.OutcomeReport;
import dev.goodhart.metrics.outcome.OutcomeReport.EfficiencyBucket;
import dev.goodhart.metrics.outcome.OutcomeReport.GroupOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.PeriodOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.RepositoryOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.SessionOutcome;
import dev.goodhart.metrics.outcome.OutcomeReport.Totals;
import dev.goodhart.metrics.outcome.OutcomeReport.WasteTotal;
import dev.goodhart.metrics.outcome.WasteSignal;
import dev.goodhart.metrics.spend.SpendReport;
import dev.goodhart.metrics.survival.SurvivalCurve;
import dev.goodhart.report.JsonFields;
import dev.goodhart.report.git.SurvivalJson;
import dev.goodhart.report.spend.SpendJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code goodhart report --json}: the document of DESIGN.md's JSON contract. Money in dollars
 * (numbers, to the micro-dollar), times ISO-8601 UTC, shares as fractions; a group below the
 * privacy floor is {@code {"repo": ..., "suppressed": true}} with no figures.
 */
public final class OutcomeJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private OutcomeJson() {}

  /** The document as a string, as the HTML page embeds it. */
  public static String toJson(OutcomeReport report) {
    return toJson(report, null);
  }

  /**
   * Only the document's {@code totals} member, as an object {@code {"totals": {...}}}: what a list
   * of many scopes shows of each, without writing every scope's whole document.
   */
  public static String totalsToJson(Totals totals) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      totals(json, totals);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The document with its billed-against-observed section, as a string. */
  public static String toJson(OutcomeReport report, @Nullable SpendReport spend) {
    StringWriter out = new StringWriter();
    try {
      write(report, spend, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static void write(OutcomeReport report, Writer out) throws IOException {
    write(report, null, out);
  }

  /**
   * The document; {@code spend} is its {@code "spend"} section ({@code goodhart spend --json}'s
   * document), null where it was not computed.
   */
  public static void write(OutcomeReport report, @Nullable SpendReport spend, Writer out)
      throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
      json.writeStartObject();
      JsonFields.text(json, "from", report.from() == null ? null : report.from().toString());
      JsonFields.text(json, "to", report.to() == null ? null : report.to().toString());
      json.writeStringField("generatedAt", report.generatedAt().toString());
      totals(json, report.totals());
      json.writeArrayFieldStart("sessions");
      for (SessionOutcome session : report.sessions()) {
        session(json, session);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("days");
      for (PeriodOutcome day : report.days()) {
        period(json, "date", day);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("weeks");
      for (PeriodOutcome week : report.weeks()) {
        period(json, "week", week);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("repos");
      for (RepositoryOutcome repository : report.repositories()) {
        repository(json, repository);
      }
      json.writeEndArray();
      groups(json, "models", "model", report.models());
      groups(json, "sources", "source", report.sources());
      json.writeArrayFieldStart("efficiency");
      for (EfficiencyBucket bucket : report.efficiency()) {
        efficiency(json, bucket);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("waste");
      for (WasteTotal waste : report.waste()) {
        json.writeStartObject();
        json.writeStringField("kind", waste.kind().label());
        json.writeNumberField("sessions", waste.sessions());
        money(json, "cost", waste.cost());
        json.writeEndObject();
      }
      json.writeEndArray();
      if (spend == null) {
        json.writeNullField("spend");
      } else {
        json.writeObjectFieldStart("spend");
        SpendJson.fields(json, spend);
        json.writeEndObject();
      }
      json.writeObjectFieldStart("privacy");
      json.writeNumberField("people", report.people());
      json.writeNumberField("minimumGroup", report.minimumGroup());
      json.writeEndObject();
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void totals(JsonGenerator json, Totals t) throws IOException {
    json.writeObjectFieldStart("totals");
    money(json, "cost", t.cost());
    json.writeNumberField("tokens", t.tokens());
    json.writeNumberField("sessions", t.sessions());
    json.writeNumberField("commits", t.commits());
    json.writeNumberField("shippedCommits", t.shippedCommits());
    json.writeNumberField("aiLinesWritten", t.aiLinesWritten());
    json.writeNumberField("aiLinesShipped", t.aiLinesShipped());
    json.writeNumberField("aiLinesAliveAtHead", t.aiLinesAliveAtHead());
    JsonFields.number(json, "aiLinesAlive30d", t.aiLinesAlive30d());
    fraction(json, "yield30d", t.yield30d());
    money(json, "costPerShippedCommit", t.costPerShippedCommit());
    money(json, "costPer1kSurvivingLines", t.costPer1kSurvivingLines());
    money(json, "unshippedCost", t.unshippedCost());
    fraction(json, "unshippedShare", t.unshippedShare());
    fraction(json, "reworkShare", t.reworkShare());
    money(json, "estimatedCost", t.estimatedCost());
    json.writeEndObject();
  }

  private static void session(JsonGenerator json, SessionOutcome s) throws IOException {
    json.writeStartObject();
    json.writeStringField("sessionId", s.sessionId());
    json.writeStringField("source", s.source());
    JsonFields.text(json, "person", s.person());
    JsonFields.text(json, "repo", s.repository());
    JsonFields.text(json, "branch", s.branch());
    json.writeStringField("start", s.start().toString());
    json.writeStringField("end", s.end().toString());
    money(json, "cost", s.cost());
    json.writeBooleanField("costEstimated", s.estimated());
    json.writeNumberField("tokens", s.tokens());
    json.writeNumberField("prompts", s.prompts());
    json.writeNumberField("apiCalls", s.apiCalls());
    json.writeArrayFieldStart("models");
    for (String model : s.models()) {
      json.writeString(model);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("commits");
    for (CommitLink link : s.commits()) {
      json.writeStartObject();
      json.writeStringField("sha", link.sha());
      json.writeStringField("link", link.kind().label());
      json.writeNumberField("confidence", link.confidence());
      json.writeBooleanField("onBranch", link.onBranch());
      json.writeBooleanField("shipped", link.shipped());
      JsonFields.number(json, "prNumber", link.prNumber());
      money(json, "cost", link.cost());
      linkLines(json, link.lines());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("landedAs");
    for (CommitLink link : s.landedAs()) {
      json.writeStartObject();
      json.writeStringField("sha", link.sha());
      JsonFields.number(json, "prNumber", link.prNumber());
      json.writeStringField("link", link.kind().label());
      json.writeBooleanField("deployed", !link.awaitingDeployment());
      json.writeNumberField("lines", link.lines().shipped());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("unresolved");
    for (String ref : s.unresolved()) {
      json.writeString(ref);
    }
    json.writeEndArray();
    json.writeNumberField("shippedCommits", s.shippedCommits());
    json.writeNumberField("aiLinesWritten", s.aiLinesWritten());
    json.writeNumberField("aiLinesShipped", s.aiLinesShipped());
    json.writeNumberField("aiLinesAliveAtHead", s.aiLinesAliveAtHead());
    JsonFields.number(json, "aiLinesAlive30d", s.aiLinesAlive30d());
    money(json, "costPerShippedCommit", s.costPerShippedCommit());
    json.writeArrayFieldStart("waste");
    for (WasteSignal waste : s.waste()) {
      json.writeStartObject();
      json.writeStringField("kind", waste.kind().label());
      json.writeStringField("evidence", waste.evidence());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** A link's lines: how they were found and what became of them. */
  private static void linkLines(JsonGenerator json, CommitLink.Lines lines) throws IOException {
    json.writeObjectFieldStart("lines");
    json.writeStringField("by", lines.byContent() ? "content" : "share");
    json.writeNumberField("shipped", lines.shipped());
    json.writeNumberField("aliveAtHead", lines.aliveAtHead());
    JsonFields.number(json, "alive30d", lines.alive30d());
    json.writeEndObject();
  }

  private static void period(JsonGenerator json, String name, PeriodOutcome p) throws IOException {
    json.writeStartObject();
    json.writeStringField(name, p.period());
    money(json, "cost", p.cost());
    json.writeNumberField("sessions", p.sessions());
    json.writeNumberField("commits", p.commits());
    json.writeNumberField("shippedCommits", p.shippedCommits());
    json.writeNumberField("aiLinesWritten", p.aiLinesWritten());
    json.writeNumberField("aiLinesAliveAtHead", p.aiLinesAliveAtHead());
    money(json, "unshippedCost", p.unshippedCost());
    json.writeEndObject();
  }

  private static void repository(JsonGenerator json, RepositoryOutcome r) throws IOException {
    json.writeStartObject();
    json.writeStringField("repo", r.path());
    if (r.suppressed()) {
      json.writeBooleanField("suppressed", true);
      json.writeEndObject();
      return;
    }
    money(json, "cost", r.cost());
    json.writeNumberField("sessions", r.sessions());
    json.writeNumberField("commits", r.commits());
    json.writeNumberField("shippedCommits", r.shippedCommits());
    json.writeNumberField("aiCommits", r.aiCommits());
    json.writeNumberField("aiLinesWritten", r.aiLinesWritten());
    json.writeNumberField("aiLinesAliveAtHead", r.aiLinesAliveAtHead());
    fraction(json, "yield30d", r.yield30d());
    money(json, "costPerShippedCommit", r.costPerShippedCommit());
    fraction(json, "reworkShare", r.reworkShare());
    json.writeNumberField("linesAtHead", r.linesAtHead());
    json.writeNumberField("aiLinesAtHeadByContent", r.aiLinesAtHeadByContent());
    fraction(json, "aiShareAtHeadByContent", share(r.aiLinesAtHeadByContent(), r.linesAtHead()));
    json.writeNumberField("aiLinesAtHeadByTrailers", r.aiLinesAtHeadByTrailers());
    fraction(json, "aiShareAtHeadByTrailers", share(r.aiLinesAtHeadByTrailers(), r.linesAtHead()));
    json.writeObjectFieldStart("aiLinesAtHeadByAgent");
    for (Map.Entry<String, Long> agent : r.aiLinesAtHeadByAgent().entrySet()) {
      json.writeNumberField(agent.getKey(), agent.getValue());
    }
    json.writeEndObject();
    json.writeObjectFieldStart("survival");
    for (Map.Entry<String, SurvivalCurve> entry : r.survival().entrySet()) {
      curve(json, entry.getKey(), entry.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  /** A curve with no lines is null: there is nothing to draw. */
  private static @Nullable Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  private static void curve(JsonGenerator json, String name, SurvivalCurve curve)
      throws IOException {
    if (curve.totalLines() == 0) {
      json.writeNullField(name);
      return;
    }
    json.writeFieldName(name);
    SurvivalJson.writeCurve(json, curve, false);
  }

  private static void groups(
      JsonGenerator json, String field, String key, java.util.List<GroupOutcome> groups)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (GroupOutcome g : groups) {
      json.writeStartObject();
      json.writeStringField(key, g.key());
      if (g.suppressed()) {
        json.writeBooleanField("suppressed", true);
      } else {
        money(json, "cost", g.cost());
        json.writeNumberField("tokens", g.tokens());
        json.writeNumberField("sessions", g.sessions());
        json.writeNumberField("shippedCommits", g.shippedCommits());
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void efficiency(JsonGenerator json, EfficiencyBucket b) throws IOException {
    json.writeStartObject();
    json.writeNumberField("decile", b.decile());
    json.writeNumberField("sessions", b.sessions());
    money(json, "minCost", b.minCost());
    money(json, "maxCost", b.maxCost());
    money(json, "cost", b.cost());
    json.writeNumberField("shippedCommits", b.shippedCommits());
    json.writeNumberField("aiLinesAliveAtHead", b.aiLinesAliveAtHead());
    money(json, "costPerShippedCommit", b.costPerShippedCommit());
    json.writeEndObject();
  }

  private static void money(JsonGenerator json, String name, @Nullable BigDecimal dollars)
      throws IOException {
    if (dollars == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, dollars.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros());
    }
  }

  private static void fraction(JsonGenerator json, String name, @Nullable Double value)
      throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, Math.round(value * 1e6) / 1e6);
    }
  }
}
