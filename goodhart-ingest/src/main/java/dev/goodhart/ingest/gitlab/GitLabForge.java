package dev.goodhart.ingest.gitlab;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.forge.ApiHeaders;
import dev.goodhart.ingest.forge.Forge;
import dev.goodhart.ingest.forge.ForgeResource;
import dev.goodhart.ingest.forge.PullRequestDetails;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.PullRequestFact;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's REST API (v4): {@code GET
 * /projects/:id/merge_requests?state=all&order_by=updated_at&sort=desc&scope=all}, the project
 * named by its URL-encoded full path (subgroups included), and per merge request its {@code
 * commits} and {@code notes}, 100 to a page. Pages follow the {@code Link} header, else {@code
 * X-Next-Page}.
 */
public final class GitLabForge implements Forge {
  public static final String NAME = "gitlab";
  public static final int PAGE_SIZE = 100;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}");

  private final GitLabFacts facts;

  public GitLabForge(Pseudonyms pseudonyms) {
    this.facts = new GitLabFacts(requireNonNull(pseudonyms, "pseudonyms is null"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "GitLab";
  }

  @Override
  public URI defaultApiUrl() {
    return URI.create("https://gitlab.com/api/v4");
  }

  @Override
  public String tokenVariable() {
    return "GITLAB_TOKEN";
  }

  @Override
  public @Nullable String checkRepository(String repository) {
    String[] segments = repository.split("/", -1);
    boolean wellFormed = segments.length >= 2;
    for (String segment : segments) {
      wellFormed &=
          SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
    }
    if (!wellFormed || repository.endsWith(".git")) {
      return "a GitLab project is GROUP/NAME or GROUP/SUBGROUP/.../NAME (letters, digits, '_', '.', '-'), not '%s'"
          .formatted(repository);
    }
    return null;
  }

  @Override
  public Map<String, String> headers(@Nullable String token) {
    return ApiHeaders.json().secret("PRIVATE-TOKEN", token);
  }

  @Override
  public URI repositoryUrl(URI apiUrl, String repository) {
    String api = apiUrl.toString();
    api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    // The path is one segment of the URL: its slashes are %2F.
    return URI.create(
        api + "/projects/" + URLEncoder.encode(repository, StandardCharsets.UTF_8) + "/");
  }

  @Override
  public ForgeResource pullRequests() {
    return new ForgeResource(
        "merge_requests",
        "merge_requests",
        "state=all&order_by=updated_at&sort=desc&scope=all&per_page=" + PAGE_SIZE,
        PAGE_SIZE);
  }

  @Override
  public List<ForgeResource> details(int number) {
    String mr = "merge_requests/" + number + "/";
    return List.of(
        new ForgeResource("commits", mr + "commits", "per_page=" + PAGE_SIZE, PAGE_SIZE),
        new ForgeResource(
            "notes",
            mr + "notes",
            "sort=asc&order_by=created_at&per_page=" + PAGE_SIZE,
            PAGE_SIZE));
  }

  @Override
  public PullRequestFact pullRequest(JsonPayload payload, JsonField item, String repository)
      throws WebhookPayloadException {
    return facts.mergeRequest(payload, item.object(), repository);
  }

  @Override
  public void detail(
      ForgeResource resource, JsonPayload payload, JsonField item, PullRequestDetails details)
      throws WebhookPayloadException {
    String repository = details.repository();
    int number = details.number();
    switch (resource.kind()) {
      case "commits" -> details.add(facts.commit(payload, item.object(), repository, number));
      case "notes" -> {
        switch (facts.note(payload, item.object(), repository, number)) {
          case GitLabFacts.Review review -> details.add(review.fact());
          case GitLabFacts.Comment comment -> details.add(comment.fact());
          case GitLabFacts.Other other -> {}
        }
      }
      default -> throw new IllegalArgumentException("no GitLab list " + resource.kind());
    }
  }
}
