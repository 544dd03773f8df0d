package dev.goodhart.server;

import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.deploys.GenericEvents;
import dev.goodhart.ingest.github.GitHubWebhooks;
import dev.goodhart.ingest.github.WebhookResult;
import dev.goodhart.ingest.github.WebhookSignature;
import dev.goodhart.model.access.Scope;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.PushFact;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery events: GitHub's webhooks on {@code POST /webhooks/github}, authenticated by the webhook
 * secret's {@code X-Hub-Signature-256} (GitHub sends no bearer token), and other tools' deployments
 * and incidents on {@code POST /api/v1/events} (scope {@code ingest}; schema in
 * docs/events-api.md). A push to a mined repository makes the server scan it again.
 */
final class WebhookRoutes {
  private static final String GENERIC_SOURCE = "generic";

  private final GoodhartServer server;
  private final GitHubWebhooks github;

  private WebhookRoutes(GoodhartServer server) {
    this.server = server;
    this.github = new GitHubWebhooks(server.pseudonyms(), server.clock());
  }

  static void register(GoodhartServer server, JavalinDefaultRoutingApi app) {
    WebhookRoutes routes = new WebhookRoutes(server);
    app.post("/webhooks/github", routes::github);
    app.post("/api/v1/events", routes::generic);
  }

  private void github(Context ctx) {
    byte[] secret = server.config().githubSecret();
    if (secret == null) {
      throw ApiException.forbidden(
          "GitHub webhooks are off on this server: start goodhart serve with --github-secret-file FILE (or GOODHART_GITHUB_SECRET) holding the webhook's secret");
    }
    byte[] body = server.bodies().read(ctx);
    if (!WebhookSignature.verify(secret, body, ctx.header("X-Hub-Signature-256"))) {
      throw ApiException.unauthorized(
          "the delivery's X-Hub-Signature-256 is missing or does not match the body under the webhook secret; check the secret set on GitHub is the server's");
    }
    String event = ctx.header("X-GitHub-Event");
    if (event == null || event.isBlank()) {
      throw ApiException.badRequest(
          "a GitHub delivery has an X-GitHub-Event header; this has none");
    }
    GoodhartServer.requireContentType(ctx, "application/json");
    WebhookResult result;
    try {
      result = github.parse(event.strip(), ctx.header("X-GitHub-Delivery"), body);
    } catch (WebhookPayloadException e) {
      throw refused(e, "nothing of it was stored");
    }
    switch (result) {
      case WebhookResult.Ignored ignored ->
          ctx.status(202).json(Map.of("stored", false, "ignored", ignored.reason()));
      case WebhookResult.Accepted accepted -> {
        boolean stored = store(accepted.batch());
        for (PushFact push : accepted.batch().pushes()) {
          server.refresher().refresh(push.repository());
        }
        ctx.json(answer(accepted.batch(), stored));
      }
    }
  }

  private void generic(Context ctx) {
    server.authenticator().require(ctx, Scope.INGEST);
    GoodhartServer.requireContentType(ctx, "application/json");
    byte[] body = server.bodies().read(ctx);
    DeliveryBatch batch;
    try {
      batch = GenericEvents.parse(body, GENERIC_SOURCE);
    } catch (WebhookPayloadException e) {
      throw refused(e, "nothing of the request was stored");
    }
    ctx.json(answer(batch, store(batch)));
  }

  /** The payload's problems, each with its path, value and expectation (docs/events-api.md). */
  private static ApiException refused(WebhookPayloadException e, String consequence) {
    List<Map<String, String>> problems = new ArrayList<>();
    for (WebhookPayloadException.Problem problem : e.problems()) {
      problems.add(
          Map.of("path", problem.path(), "value", problem.value(), "expected", problem.expected()));
    }
    return ApiException.badRequest(
        e.getMessage() + "; " + consequence,
        Map.of("problemCount", e.problemCount(), "problems", problems));
  }

  private boolean store(DeliveryBatch batch) {
    return server.acknowledged(server.queue().delivery(batch)) > 0;
  }

  private static Map<String, Object> answer(DeliveryBatch batch, boolean stored) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("stored", stored);
    if (!stored) {
      answer.put("reason", "this delivery was stored before");
    }
    answer.put("pullRequests", batch.pullRequests().size());
    answer.put("reviews", batch.reviews().size());
    answer.put("reviewComments", batch.reviewComments().size());
    answer.put("pushes", batch.pushes().size());
    answer.put("deployments", batch.deployments().size());
    answer.put("incidents", batch.incidents().size());
    return answer;
  }
}
