package dev.goodhart.ingest.github;

import dev.goodhart.ingest.forge.ApiHeaders;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every client of GitHub's REST API shares, the forge's pull requests and Copilot's reports
 * alike: where the API is, where its token is read from, and the headers that pin the API version.
 */
public final class GitHubRest {
  public static final String TITLE = "GitHub";
  public static final URI DEFAULT_URL = URI.create("https://api.github.com");
  public static final String TOKEN_VARIABLE = "GITHUB_TOKEN";

  private GitHubRest() {}

  /** GitHub's JSON at a pinned API version, the token as a bearer token. */
  public static Map<String, String> headers(@Nullable String token) {
    return ApiHeaders.first("Accept", "application/vnd.github+json")
        .with("X-GitHub-Api-Version", "2022-11-28")
        .bearer(token);
  }
}
