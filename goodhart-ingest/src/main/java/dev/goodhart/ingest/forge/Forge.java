package dev.goodhart.ingest.forge;

import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.delivery.PullRequestFact;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A forge whose pull requests can be imported: where its REST API keeps a repository's pull
 * requests and their details, how requests authenticate, and how its JSON reads into facts. The
 * import itself ({@link ForgeImporter}) is the same for every forge.
 */
public interface Forge extends RemoteApi {
  /** The name facts and cursors are kept under: {@code github}, {@code gitlab}. */
  String name();

  URI defaultApiUrl();

  /** Null when the repository's name is well formed for this forge, else what is wrong. */
  @Nullable String checkRepository(String repository);

  @Override
  default String refusal() {
    return "the token may lack the right to read this repository's pull requests";
  }

  /** The repository's address under the API's; it ends with a slash. */
  URI repositoryUrl(URI apiUrl, String repository);

  /** The repository's pull requests, the most recently updated first. */
  ForgeResource pullRequests();

  /** A pull request's commits, reviews and comments: one or more lists. */
  List<ForgeResource> details(int number);

  /**
   * One item of {@link #pullRequests()}.
   *
   * @throws WebhookPayloadException when the item lacks what the fact needs
   */
  PullRequestFact pullRequest(JsonPayload payload, JsonField item, String repository)
      throws WebhookPayloadException;

  /**
   * One item of a list of {@link #details}; what it says goes into {@code details} (nothing, for an
   * item that carries no fact, such as a pending review or a system note about a label).
   *
   * @throws WebhookPayloadException when the item lacks what the fact needs
   */
  void detail(
      ForgeResource resource, JsonPayload payload, JsonField item, PullRequestDetails details)
      throws WebhookPayloadException;
}
