package dev.goodhart.report.html;

import dev.goodhart.report.html.CannedDashboardServer.Answer;
import dev.goodhart.report.html.CannedDashboardServer.Request;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Answers shaped like docs/server-api.md for an organisation of three teams: {@code platform},
 * {@code payments}, and {@code tiny}, which is below the privacy floor. The whole organisation and
 * {@code platform} get report documents of their own, so a change of team shows in the figures.
 */
final class SampleDashboard implements CannedDashboardServer.Api {
  static final String TOKEN = "gh_read_7f3a+b/9=";
  static final String REJECTED_TOKEN = "gh_read_revoked";
  static final String REJECTION =
      "token 'gh_read_revo…' was revoked; create one with 'goodhart token create --scope read'";
  static final String REASON = "team 'tiny' has 3 people, fewer than the 5 a view needs";
  static final int WEEKS = 8;

  static final String FILTERS =
      """
      {"teams": [{"name": "payments", "people": 6, "suppressed": false},
                 {"name": "platform", "people": 7, "suppressed": false},
                 {"name": "tiny", "people": null, "suppressed": true}],
       "repositories": [{"id": "r-payments", "name": "acme/payments-api"},
                        {"id": "r-web", "name": "acme/web-console"}],
       "minimumGroup": 5}
      """;

  static final String DELIVERY =
      """
      {"repositories": [
         {"repository": "acme/payments-api", "pullRequestsMerged": 9, "pullRequestsOpened": 12,
          "reviews": 14, "deployments": 6, "failedDeployments": 1, "incidents": 2,
          "linkedCost": 61.2, "costPerMergedPullRequest": 6.8},
         {"repository": "acme/web-console", "pullRequestsMerged": 0, "pullRequestsOpened": 3,
          "reviews": 2, "deployments": 2, "failedDeployments": 2, "incidents": 1,
          "linkedCost": 0, "costPerMergedPullRequest": null},
         {"repository": "acme/tiny-tool", "suppressed": true}],
       "weeks": [{"week": "2026-W36", "pullRequestsMerged": 9, "deployments": 8, "incidents": 3}]}
      """;

  /** Three days: Anthropic's cost report and Cursor's events beside observed spend. */
  static final String SPEND =
      """
      {"suppressed": false,
       "days": [
         {"date": "2026-09-01", "billed": {"anthropic": 12.5, "openai": null, "copilot": null, "cursor": 0.25},
          "observed": 10, "gap": 2.75},
         {"date": "2026-09-02", "billed": {"anthropic": 0, "openai": null, "copilot": null, "cursor": 1},
          "observed": 3.5, "gap": -2.5},
         {"date": "2026-09-03", "billed": {"anthropic": 20, "openai": null, "copilot": null, "cursor": 0},
          "observed": 19.25, "gap": 0.75}],
       "totals": {"billed": {"anthropic": 32.5, "openai": null, "copilot": null, "cursor": 1.25},
                  "observed": 32.75, "gap": 1}}
      """;

  final SampleReport everyone = SampleReport.create();
  final SampleReport platform = SampleReport.create(7);

  @Override
  public Answer answer(Request request) {
    if (!("Bearer " + TOKEN).equals(request.authorization())) {
      return Answer.error(401, "unauthorized", REJECTION);
    }
    boolean tiny = request.parameter("team").equals("tiny");
    return switch (request.endpoint()) {
      case "filters" -> Answer.ok(FILTERS);
      case "report" ->
          Answer.ok(
              tiny
                  ? suppressed(request)
                  : report(
                      request.parameter("team").equals("platform") ? platform : everyone, request));
      case "delivery" -> Answer.ok(tiny ? suppressed(request) : withScope(DELIVERY, request));
      case "telemetry" -> Answer.ok(tiny ? suppressed(request) : telemetry(request));
      case "spend" -> Answer.ok(withScope(SPEND, request));
      default -> Answer.error(404, "not_found", "no endpoint '" + request.endpoint() + "'");
    };
  }

  /** The report document as the server answers it: no person on a session, and the scope. */
  static String report(SampleReport sample, Request request) {
    return withScope(sample.json().replaceAll("\"person\":\"[^\"]*\",", ""), request);
  }

  static String suppressed(Request request) {
    return withScope(
        "{\"suppressed\": true, \"reason\": \""
            + REASON
            + "\", \"people\": 3, \"minimumGroup\": 5}",
        request);
  }

  /** Cost and tokens of two agents over eight weeks; codex reported no cost in the third week. */
  static String telemetry(Request request) {
    StringJoiner weeks = new StringJoiner(",\n", "{\"weeks\": [", "]}");
    for (int week = 0; week < WEEKS; week++) {
      for (String source : new String[] {"claude", "codex"}) {
        boolean codex = source.equals("codex");
        String cost =
            codex && week == 2 ? "null" : String.format(Locale.US, "%.2f", 3.5 * (week + 1));
        weeks.add(
            String.format(
                Locale.US,
                "{\"week\": \"2026-W%02d\", \"source\": \"%s\", \"cost\": %s, \"tokens\": %d,"
                    + " \"linesAdded\": %d, \"linesRemoved\": %d, \"commits\": %d,"
                    + " \"pullRequests\": %d, \"sessions\": %d, \"activeSeconds\": %.1f}",
                36 + week,
                source,
                cost,
                (codex ? 400_000L : 1_200_000L) * (week + 1),
                120 * week,
                30 * week,
                week,
                week / 2,
                3 + week,
                600.0 * (week + 1)));
      }
    }
    return withScope(weeks.toString(), request);
  }

  static String withScope(String json, Request request) {
    StringJoiner scope = new StringJoiner(", ", "{\"scope\": {", "}, ");
    for (String name : new String[] {"team", "repo", "since", "until"}) {
      String value = request.parameter(name);
      // The sample's values need no escaping: team names, repository ids and ISO dates.
      scope.add("\"" + name + "\": " + (value.isEmpty() ? "null" : "\"" + value + "\""));
    }
    return scope + json.strip().substring(1);
  }
}
