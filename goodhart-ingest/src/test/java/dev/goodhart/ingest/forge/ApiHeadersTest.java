package dev.goodhart.ingest.forge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.anthropic.AnthropicAdminApi;
import dev.goodhart.ingest.copilot.CopilotApi;
import dev.goodhart.ingest.cursor.CursorAdminApi;
import dev.goodhart.ingest.github.GitHubForge;
import dev.goodhart.ingest.gitlab.GitLabForge;
import dev.goodhart.ingest.openai.OpenAiAdminApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every API's headers, names, values and order, with a secret and without one. */
class ApiHeadersTest {
  private static final String JSON = "Accept=application/json";
  private static final String AGENT = "User-Agent=goodhart";
  private static final String GITHUB =
      "Accept=application/vnd.github+json, X-GitHub-Api-Version=2022-11-28, " + AGENT;

  @Test
  void bearerTokensFollowTheApisOwnHeaders() {
    // OpenAI's Admin key is a bearer token
    assertHeaders(JSON + ", " + AGENT, new OpenAiAdminApi().headers(null));
    assertHeaders(
        JSON + ", " + AGENT + ", Authorization=Bearer k", new OpenAiAdminApi().headers("k"));
    // GitHub's forge and Copilot's reports send the same headers
    GitHubForge github = new GitHubForge(GitHubImportTest.PSEUDONYMS);
    assertHeaders(GITHUB, github.headers(null));
    assertHeaders(GITHUB + ", Authorization=Bearer t", github.headers("t"));
    assertHeaders(GITHUB, new CopilotApi().headers(null));
    assertHeaders(GITHUB + ", Authorization=Bearer t", new CopilotApi().headers("t"));
  }

  @Test
  void otherSecretsHaveTheirOwnHeader() {
    // Anthropic's version comes first, its key in x-api-key
    AnthropicAdminApi anthropic = new AnthropicAdminApi();
    assertHeaders("anthropic-version=2023-06-01, " + JSON + ", " + AGENT, anthropic.headers(null));
    assertHeaders(
        "anthropic-version=2023-06-01, " + JSON + ", " + AGENT + ", x-api-key=k",
        anthropic.headers("k"));
    // Cursor's key is HTTP Basic's user name: base64 of "k:"
    assertHeaders(JSON + ", " + AGENT, new CursorAdminApi().headers(null));
    assertHeaders(
        JSON + ", " + AGENT + ", Authorization=Basic azo=", new CursorAdminApi().headers("k"));
    // GitLab's token in PRIVATE-TOKEN
    GitLabForge gitlab = new GitLabForge(GitHubImportTest.PSEUDONYMS);
    assertHeaders(JSON + ", " + AGENT, gitlab.headers(null));
    assertHeaders(JSON + ", " + AGENT + ", PRIVATE-TOKEN=t", gitlab.headers("t"));
  }

  private static void assertHeaders(String expected, Map<String, String> headers) {
    List<String> entries =
        headers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    assertEquals(expected, String.join(", ", entries));
  }
}
