package dev.goodhart.ingest.github;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.forge.Forge;
import dev.goodhart.ingest.forge.ForgeResource;
import dev.goodhart.ingest.forge.PullRequestDetails;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GitHub's REST API: {@code GET /repos/{owner}/{repo}/pulls?state=all&sort=updated&direction=desc},
 * and per pull request its {@code commits}, {@code reviews} and review {@code comments}, 100 to a
 * page. The same objects as webhooks carry, read by {@link GitHubFacts}. GitHub lists at most 250
 * commits of a pull request.
 */
public final class GitHubForge implements Forge {
  public static final String NAME = "github";
  public static final int PAGE_SIZE = 100;
  private static final Pattern REPOSITORY =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}");

  private final GitHubFacts facts;

  public GitHubForge(Pseudonyms pseudonyms) {
    this.facts = new GitHubFacts(requireNonNull(pseudonyms, "pseudonyms is null"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return GitHubRest.TITLE;
  }

  @Override
  public URI defaultApiUrl() {
    return GitHubRest.DEFAULT_URL;
  }

  @Override
  public String tokenVariable() {
    return GitHubRest.TOKEN_VARIABLE;
  }

  @Override
  public @Nullable String checkRepository(String repository) {
    if (!REPOSITORY.matcher(repository).matches()
        || repository.endsWith("/.")
        || repository.endsWith("/..")) {
      return "a GitHub repository is OWNER/NAME (letters, digits, '-', and in the name '.' and '_'), not '%s'"
          .formatted(repository);
    }
    return null;
  }

  @Override
  public Map<String, String> headers(@Nullable String token) {
    return GitHubRest.headers(token);
  }

  @Override
  public URI repositoryUrl(URI apiUrl, String repository) {
    return URI.create(stripSlash(apiUrl.toString()) + "/repos/" + repository + "/");
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public ForgeResource pullRequests() {
    return new ForgeResource(
        "pulls", "pulls", "state=all&sort=updated&direction=desc&per_page=" + PAGE_SIZE, PAGE_SIZE);
  }

  @Override
  public List<ForgeResource> details(int number) {
    String pull = "pulls/" + number + "/";
    String page = "per_page=" + PAGE_SIZE;
    return List.of(
        new ForgeResource("commits", pull + "commits", page, PAGE_SIZE),
        new ForgeResource("reviews", pull + "reviews", page, PAGE_SIZE),
        new ForgeResource("comments", pull + "comments", page, PAGE_SIZE));
  }

  @Override
  public PullRequestFact pullRequest(JsonPayload payload, JsonField item, String repository)
      throws WebhookPayloadException {
    return facts.pullRequest(payload, item.object(), repository);
  }

  @Override
  public void detail(
      ForgeResource resource, JsonPayload payload, JsonField item, PullRequestDetails details)
      throws WebhookPayloadException {
    String repository = details.repository();
    int number = details.number();
    switch (resource.kind()) {
      case "commits" -> details.add(facts.commit(payload, item.object(), repository, number));
      case "reviews" -> {
        ReviewFact review = facts.review(payload, item.object(), repository, number);
        if (review != null) {
          details.add(review);
        }
      }
      case "comments" ->
          details.add(facts.reviewComment(payload, item.object(), repository, number));
      default -> throw new IllegalArgumentException("no GitHub list " + resource.kind());
    }
  }
}
