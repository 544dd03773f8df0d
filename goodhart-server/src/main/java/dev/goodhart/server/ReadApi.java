package dev.goodhart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.store.ServingStore;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;
import java.util.Set;

/**
 * The read API ({@code /api/v1/...}, scope {@code read}): the report's metrics for everyone, a team
 * or a repository, and slices of it per week, repository, model and source; delivery, the agents'
 * own metrics, and what vendors billed beside what was observed. There is deliberately no endpoint
 * per person.
 */
final class ReadApi {
  /** Slices of the report document, each under its own path. */
  static final Map<String, String> SLICES =
      Map.of(
          "weeks",
          "weeks",
          "days",
          "days",
          "repos",
          "repos",
          "models",
          "models",
          "sources",
          "sources",
          "waste",
          "waste",
          "efficiency",
          "efficiency");

  private ReadApi() {}

  static void register(GoodhartServer server, JavalinDefaultRoutingApi app) {
    OrgReports reports = server.reports();
    app.get(
        "/api/v1/filters",
        ctx -> {
          server.requireView(ctx);
          ctx.json(reports.filters(server.freshness(ctx)));
        });
    app.get(
        "/api/v1/report",
        ctx -> {
          server.requireView(ctx);
          ctx.contentType("application/json")
              .result(reports.report(ReportScope.of(ctx), server.freshness(ctx)).whole());
        });
    SLICES.forEach(
        (path, field) ->
            app.get(
                "/api/v1/" + path,
                ctx -> {
                  server.requireView(ctx);
                  ctx.contentType("application/json")
                      .result(
                          reports.report(ReportScope.of(ctx), server.freshness(ctx)).slice(field));
                }));
    app.get(
        "/api/v1/teams",
        ctx -> {
          server.requireView(ctx);
          ReportScope scope = ReportScope.of(ctx);
          ctx.json(
              reports.view("teams " + scope, () -> teams(reports, scope), server.freshness(ctx)));
        });
    app.get(
        "/api/v1/delivery",
        ctx -> {
          server.requireView(ctx);
          ReportScope scope = ReportScope.of(ctx);
          ctx.json(
              reports.view(
                  "delivery " + scope,
                  () -> {
                    try (ServingStore reader = server.store().reader()) {
                      return DeliveryView.of(reader, scope, reports.repositoryCosts(scope));
                    }
                  },
                  server.freshness(ctx)));
        });
    app.get(
        "/api/v1/spend",
        ctx -> {
          server.requireView(ctx);
          ctx.json(reports.spend(ReportScope.of(ctx), server.freshness(ctx)));
        });
    app.get(
        "/api/v1/telemetry",
        ctx -> {
          server.requireView(ctx);
          ReportScope scope = ReportScope.of(ctx);
          ctx.json(
              reports.view(
                  "telemetry " + scope,
                  () -> {
                    Set<String> persons = reports.persons(scope);
                    try (ServingStore reader = server.store().reader()) {
                      return TelemetryView.of(
                          reader, scope, persons, server.config().minimumGroup());
                    }
                  },
                  server.freshness(ctx)));
        });
  }

  /** Every team's totals, or its suppression. */
  private static JsonNode teams(OrgReports reports, ReportScope scope) {
    ObjectNode answer = GoodhartServer.JSON.createObjectNode();
    ArrayNode rows = answer.putArray("teams");
    Map<String, Integer> sizes = reports.teams().sizes(reports.activePeople());
    Map<String, JsonNode> teamReports = reports.teamSummaries(scope, sizes.keySet());
    sizes.forEach(
        (team, people) -> {
          JsonNode report = teamReports.get(team);
          ObjectNode row = rows.addObject();
          row.put("team", team);
          boolean suppressed = report.path("suppressed").asBoolean(false);
          if (suppressed || people < reports.minimumGroup()) {
            row.putNull("people");
          } else {
            row.put("people", people);
          }
          row.put("suppressed", suppressed);
          if (suppressed) {
            row.set("reason", report.get("reason"));
          } else {
            row.set("totals", report.get("totals"));
          }
        });
    answer.set("scope", GoodhartServer.JSON.valueToTree(scope.describe()));
    return answer;
  }
}
