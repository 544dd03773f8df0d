package dev.goodhart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.metrics.spend.SpendLedger;
import dev.goodhart.metrics.spend.SpendQuery;
import dev.goodhart.metrics.spend.SpendReport;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.report.spend.SpendJson;
import dev.goodhart.store.ServingStore;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;

/**
 * Billed against observed spend for the organisation ({@code goodhart spend --json}'s document):
 * vendors bill the organisation as a whole, so the answer is everyone's and takes only dates. It is
 * suppressed while fewer people than the privacy floor appear in it, counting those with usage and
 * those the vendors' rows name.
 */
final class SpendView {
  private static final ObjectMapper JSON = GoodhartServer.JSON;

  private SpendView() {}

  static JsonNode of(
      ServingStore reader,
      Pricer pricer,
      Clock clock,
      ReportScope scope,
      Set<String> activePeople,
      int minimumGroup) {
    if (scope.team() != null || scope.repository() != null) {
      throw ApiException.badRequest(
          "vendors bill the organisation as a whole: /api/v1/spend takes since and until only, not"
              + " team or repo");
    }
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode described = answer.putObject("scope");
    described.put("since", scope.since() == null ? null : scope.since().toString());
    described.put("until", scope.until() == null ? null : scope.until().toString());
    Set<String> people = new TreeSet<>(activePeople);
    people.addAll(
        reader.vendorPeople(
            scope.since() == null ? null : scope.since().atStartOfDay(ZoneOffset.UTC).toInstant(),
            scope.until() == null
                ? null
                : scope.until().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    if (people.size() < minimumGroup) {
      answer.put("suppressed", true);
      answer.put(
          "reason",
          "fewer than %d people appear in the organisation's usage and bills; goodhart shows no figures for groups this small"
              .formatted(minimumGroup));
      answer.putArray("days");
      answer.putNull("totals");
      return answer;
    }
    SpendReport report =
        new SpendLedger(reader, reader, pricer, clock)
            .report(new SpendQuery(scope.since(), scope.until()));
    StringWriter text = new StringWriter();
    try {
      SpendJson.write(report, text);
      answer.put("suppressed", false);
      answer.setAll((ObjectNode) JSON.readTree(text.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return answer;
  }
}
