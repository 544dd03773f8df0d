package dev.goodhart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.metrics.outcome.OutcomeLedger;
import dev.goodhart.model.telemetry.MetricDaily;
import dev.goodhart.store.ServingStore;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the agents' own metrics say, per ISO week and source: cost, tokens, lines, commits, pull
 * requests, sessions, active time. Token totals follow each agent's convention (FORMATS.md §10):
 * Codex and Gemini count cached input inside input, so only input and output types are added.
 */
final class TelemetryView {
  private static final ObjectMapper JSON = GoodhartServer.JSON;

  private TelemetryView() {}

  private static final class Sums {
    double cost;
    double tokens;
    double linesAdded;
    double linesRemoved;
    double commits;
    double pullRequests;
    double sessions;
    double activeSeconds;
    final Set<String> people = new HashSet<>();
  }

  static JsonNode of(
      ServingStore reader, ReportScope scope, @Nullable Set<String> persons, int minimumGroup) {
    Map<String, Sums> rows = new TreeMap<>();
    Set<String> everyone = new HashSet<>();
    for (MetricDaily day :
        reader.metricsByDay(
            scope.since() == null ? null : scope.since().atStartOfDay(ZoneOffset.UTC).toInstant(),
            scope.until() == null
                ? null
                : scope.until().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
      if (persons != null && (day.personId() == null || !persons.contains(day.personId()))) {
        continue;
      }
      Sums sums =
          rows.computeIfAbsent(
              OutcomeLedger.isoWeek(day.day()) + "\u0000" + day.source(), k -> new Sums());
      add(sums, day);
      if (day.personId() != null) {
        sums.people.add(day.personId());
        everyone.add(day.personId());
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.set("scope", JSON.valueToTree(scope.describe()));
    if (everyone.size() < minimumGroup) {
      answer.put("suppressed", true);
      answer.put(
          "reason",
          "fewer than %d people sent metrics in this view; goodhart shows no figures for groups this small"
              .formatted(minimumGroup));
      answer.putArray("weeks");
      return answer;
    }
    answer.put("suppressed", false);
    ArrayNode weeks = answer.putArray("weeks");
    rows.forEach(
        (key, s) -> {
          String[] parts = key.split("\u0000", 2);
          weeks
              .addObject()
              .put("week", parts[0])
              .put("source", parts[1])
              .put("cost", s.cost)
              .put("tokens", Math.round(s.tokens))
              .put("linesAdded", Math.round(s.linesAdded))
              .put("linesRemoved", Math.round(s.linesRemoved))
              .put("commits", Math.round(s.commits))
              .put("pullRequests", Math.round(s.pullRequests))
              .put("sessions", Math.round(s.sessions))
              .put("activeSeconds", s.activeSeconds)
              .put("people", s.people.size());
        });
    return answer;
  }

  private static void add(Sums sums, MetricDaily day) {
    String metric = day.metric();
    String type = day.type() == null ? "" : day.type();
    switch (metric) {
      case "claude_code.cost.usage" -> sums.cost += day.value();
      case "codex.turn.cost_microusd" -> sums.cost += day.value() / 1_000_000;
      case "claude_code.token.usage" -> sums.tokens += day.value();
      case "codex.turn.token_usage", "gemini_cli.token.usage", "gen_ai.client.token.usage" -> {
        if (type.equals("input") || type.equals("output")) {
          sums.tokens += day.value();
        }
      }
      case "claude_code.lines_of_code.count", "gemini_cli.lines.changed" -> {
        if (type.equals("added")) {
          sums.linesAdded += day.value();
        } else if (type.equals("removed")) {
          sums.linesRemoved += day.value();
        }
      }
      case "claude_code.commit.count" -> sums.commits += day.value();
      case "claude_code.pull_request.count" -> sums.pullRequests += day.value();
      case "claude_code.session.count", "gemini_cli.session.count", "codex.thread.started" ->
          sums.sessions += day.value();
      case "claude_code.active_time.total" -> sums.activeSeconds += day.value();
      default -> {
        // other metrics are stored and not drawn
      }
    }
  }
}
