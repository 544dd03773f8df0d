package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeTarget;
import dev.goodhart.ingest.github.GitHubSavedFiles;
import dev.goodhart.model.access.Scope;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.ForgeCursor;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub's signed deliveries and the generic events endpoint, against a running server. */
class WebhookEndpointTest {
  private static final String SECRET = "It's a Secret to Everybody";

  @TempDir Path folder;
  RunningServer running;

  @BeforeEach
  void start() {
    running =
        new RunningServer(
            folder,
            ServerConfig.defaults().withGithubSecret(SECRET.getBytes(StandardCharsets.UTF_8)));
  }

  @AfterEach
  void stop() {
    running.close();
  }

  static String signature(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void ourSignatureIsGitHubsDocumentedOne() throws Exception {
    assertEquals(
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        signature(SECRET, "Hello, World!".getBytes(StandardCharsets.UTF_8)));
  }

  private HttpRequest delivery(String event, String id, String body, String signature) {
    return running
        .request("/webhooks/github", null)
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", id)
        .header("X-Hub-Signature-256", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static final String MERGED =
      """
      {"action":"closed","number":12,
       "pull_request":{"number":12,"state":"closed","merged":true,
         "created_at":"2026-11-30T09:00:00Z","updated_at":"2026-11-30T11:00:00Z",
         "merged_at":"2026-11-30T11:00:00Z","closed_at":"2026-11-30T11:00:00Z",
         "merge_commit_sha":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "head":{"sha":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","ref":"feature"},
         "base":{"ref":"main"},"user":{"login":"octocat"},
         "additions":10,"deletions":2,"commits":3,"title":"never stored"},
       "repository":{"full_name":"acme/web"},"sender":{"login":"octocat"}}
      """;

  @Test
  void aSignedDeliveryIsStoredOnceAndAnUnsignedOneRefused() throws Exception {
    byte[] body = MERGED.getBytes(StandardCharsets.UTF_8);
    JsonNode refused = running.json(delivery("pull_request", "d-1", MERGED, "sha256=00"), 401);
    assertEquals("unauthorized", refused.get("error").get("code").asText());
    assertTrue(running.stored().pullRequests().isEmpty(), "nothing stored of a refused delivery");

    JsonNode stored =
        running.json(delivery("pull_request", "d-1", MERGED, signature(SECRET, body)), 200);
    assertTrue(stored.get("stored").asBoolean());
    JsonNode again =
        running.json(delivery("pull_request", "d-1", MERGED, signature(SECRET, body)), 200);
    assertFalse(again.get("stored").asBoolean(), "GitHub's redelivery is recognised");
    assertEquals(1, running.stored().pullRequests().size());
    assertTrue(running.stored().pullRequests().getFirst().merged());
    assertFalse(
        running.stored().pullRequests().toString().contains("octocat"), "logins are pseudonyms");

    JsonNode ignored =
        running.json(
            delivery(
                "issues", "d-2", "{}", signature(SECRET, "{}".getBytes(StandardCharsets.UTF_8))),
            202);
    assertFalse(ignored.get("stored").asBoolean());
    JsonNode malformed =
        running.json(
            delivery(
                "pull_request",
                "d-3",
                "{\"pull_request\":1}",
                signature(SECRET, "{\"pull_request\":1}".getBytes(StandardCharsets.UTF_8))),
            400);
    assertTrue(malformed.get("error").get("message").asText().contains("nothing of it was stored"));

    String read = running.token(Scope.READ);
    JsonNode delivery = running.json(running.get("/api/v1/delivery", read), 200);
    assertEquals("acme/web", delivery.get("repositories").get(0).get("repository").asText());
    assertEquals(1, delivery.get("repositories").get(0).get("pullRequestsMerged").asInt());
  }

  @Test
  void genericEventsNeedAnIngestTokenAndAreAllOrNothing() throws Exception {
    String events =
        """
        {"deployments":[{"id":"dep-1","repository":"acme/web","sha":"aaaaaaa","environment":"production",
                         "status":"success","at":"2026-11-30T12:00:00Z"}],
         "incidents":[{"id":"INC-7","severity":"sev2","openedAt":"2026-11-30T13:00:00Z","repository":"acme/web",
                       "deploymentId":"dep-1"}]}
        """;
    assertEquals(
        401,
        running
            .send(running.post("/api/v1/events", null, "application/json", events))
            .statusCode());
    String ingest = running.token(Scope.INGEST);
    JsonNode stored =
        running.json(running.post("/api/v1/events", ingest, "application/json", events), 200);
    assertEquals(1, stored.get("deployments").asInt());
    assertEquals(1, running.stored().deployments().size());
    assertEquals(1, running.stored().incidents().size());

    String bad =
        events
            .replace("\"sha\":\"aaaaaaa\"", "\"sha\":\"not-a-sha\"")
            .replace("dep-1\",\"repo", "dep-2\",\"repo");
    JsonNode refused =
        running.json(running.post("/api/v1/events", ingest, "application/json", bad), 400);
    assertTrue(
        refused.get("error").get("message").asText().contains("deployments[0].sha"),
        refused.toString());
    assertEquals(1, running.stored().deployments().size(), "nothing of a bad request is stored");
  }

  @Test
  void gitHubWebhooksAreOffWithoutASecret() throws Exception {
    try (RunningServer plain = new RunningServer(folder.resolve("plain"))) {
      JsonNode off =
          plain.json(
              plain
                  .request("/webhooks/github", null)
                  .header("Content-Type", "application/json")
                  .header("X-GitHub-Event", "ping")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              403);
      assertTrue(off.get("error").get("message").asText().contains("--github-secret-file"));
    }
  }

  private static final String PULL_REQUEST =
      """
      {"number":12,"state":"closed","merged":true,"draft":false,
       "created_at":"2026-11-30T09:00:00Z","updated_at":"2026-11-30T11:00:00Z",
       "merged_at":"2026-11-30T11:00:00Z","closed_at":"2026-11-30T11:00:00Z",
       "merge_commit_sha":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
       "head":{"sha":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","ref":"feature"},
       "base":{"ref":"main","repo":{"full_name":"acme/web"}},"user":{"login":"octocat"},
       "merged_by":{"login":"hubot"},"additions":10,"deletions":2,"commits":3,
       "title":"never stored","body":"never stored either"}""";

  private static final String REVIEW =
      """
      {"id":3011990001,"user":{"login":"hubot"},"body":"never stored","state":"approved",
       "submitted_at":"2026-11-30T10:30:00Z","commit_id":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}""";

  private static final String COMMENT =
      """
      {"id":1822334455,"pull_request_review_id":3011990001,"user":{"login":"hubot"},
       "body":"never stored","path":"src/app.ts","created_at":"2026-11-30T10:29:00Z",
       "updated_at":"2026-11-30T10:29:00Z","diff_hunk":"@@ -1 +1 @@"}""";

  private JsonNode deliver(String event, String id, String body) throws Exception {
    return running.json(
        delivery(event, id, body, signature(SECRET, body.getBytes(StandardCharsets.UTF_8))), 200);
  }

  /**
   * GitHub sends the same objects to webhooks and from its REST API; goodhart must keep the same
   * facts from either, so that a repository imported and then followed by webhooks (or the other
   * way round) is one history.
   */
  @Test
  void aWebhookAndAnImportOfTheSamePullRequestStoreTheSameFacts() throws Exception {
    String repository = ",\"repository\":{\"full_name\":\"acme/web\"}}";
    deliver(
        "pull_request",
        "d-pr",
        "{\"action\":\"closed\",\"pull_request\":" + PULL_REQUEST + repository);
    deliver(
        "pull_request_review",
        "d-review",
        "{\"action\":\"submitted\",\"review\":"
            + REVIEW
            + ",\"pull_request\":"
            + PULL_REQUEST
            + repository);
    JsonNode comment =
        deliver(
            "pull_request_review_comment",
            "d-comment",
            "{\"action\":\"created\",\"comment\":"
                + COMMENT
                + ",\"pull_request\":"
                + PULL_REQUEST
                + repository);
    assertEquals(1, comment.get("reviewComments").asInt());

    Path saved =
        java.nio.file.Files.writeString(
            folder.resolve("saved.jsonl"),
            (PULL_REQUEST.substring(0, PULL_REQUEST.lastIndexOf('}'))
                        + ",\"review_list\":["
                        + REVIEW.replace("\"approved\"", "\"APPROVED\"")
                        + "],\"review_comment_list\":["
                        + COMMENT
                        + "]}")
                    .replace("\n", "")
                + "\n");
    try (DuckDbStore imported =
        DuckDbStore.open(folder.resolve("imported"), new DuckDbStore.Settings("128MB", 1))) {
      new GitHubSavedFiles(running.pseudonyms)
          .read(
              List.of(saved),
              "acme/web",
              new ForgeTarget() {
                @Override
                public ForgeCursor cursor(String forge, String repo) {
                  return imported.forgeCursor(forge, repo);
                }

                @Override
                public void record(DeliveryBatch facts, ForgeCursor progress) {
                  imported.recordImport(facts, progress);
                }
              },
              true,
              ForgeListener.SILENT);

      DuckDbStore fromWebhooks = running.stored();
      assertEquals(1, fromWebhooks.pullRequests().size());
      assertEquals("feature", fromWebhooks.pullRequests().getFirst().headRef());
      assertEquals(1, fromWebhooks.reviewComments().size());
      assertEquals(fromWebhooks.pullRequests(), imported.pullRequests());
      assertEquals(fromWebhooks.reviews(), imported.reviews());
      assertEquals(fromWebhooks.reviewComments(), imported.reviewComments());
      assertFalse(
          fromWebhooks.reviewComments().toString().contains("hubot"), "logins are pseudonyms");
    }
  }
}
