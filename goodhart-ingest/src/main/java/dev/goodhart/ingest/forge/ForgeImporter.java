package dev.goodhart.ingest.forge;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.ForgeCursor;
import dev.goodhart.model.delivery.PullRequestFact;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Imports a repository's pull requests from a forge, asking only for what changed since the last
 * import:
 *
 * <ul>
 *   <li>The list of pull requests is read most recently updated first, with the ETag of its first
 *       page: "not modified" means nothing changed (any update puts a pull request on that page).
 *       Reading stops at the first pull request updated before the last complete pass.
 *   <li>A pull request's commits, reviews and comments are read only when it was updated since its
 *       details were stored, each list with its own ETag. An ETag is kept only for a list that fit
 *       in one page with room to spare, since a page that stays the same says nothing of the next.
 *   <li>Each pull request is stored with its details in one transaction, with the cursor entries
 *       that account for it; the repository's cursor (its newest update) advances only at the end
 *       of a pass without problems. An import stopped by a rate limit, a failure or {@code
 *       --strict} keeps what it stored, and the next one asks again for everything after the last
 *       complete pass, except the details already stored.
 * </ul>
 *
 * Problems in an answer (not JSON, an item without a number) are reported and skipped, the rest of
 * the page is read; under {@code strict} the first one ends the import.
 */
public final class ForgeImporter {
  /**
   * @param strict the first unreadable answer or item ends the import
   * @param full ignore what earlier imports saw: read every pull request and its details again
   */
  public record Options(boolean strict, boolean full) {
    public static Options defaults() {
      return new Options(false, false);
    }
  }

  /** Hears the items of each pull request read: what {@code --save} writes. */
  @FunctionalInterface
  public interface Recorder {
    /**
     * @param details the items of each detail list, by the list's kind; a list that was not read
     *     (unchanged since the last import) is absent
     */
    void pullRequest(JsonNode pullRequest, Map<String, List<JsonNode>> details);
  }

  private final Forge forge;
  private final ForgeClient client;
  private final ForgeTarget target;
  private final Options options;
  private final ForgeListener listener;
  private final @Nullable Recorder recorder;

  public ForgeImporter(
      Forge forge,
      ForgeClient client,
      ForgeTarget target,
      Options options,
      ForgeListener listener,
      @Nullable Recorder recorder) {
    this.forge = requireNonNull(forge, "forge is null");
    this.client = requireNonNull(client, "client is null");
    this.target = requireNonNull(target, "target is null");
    this.options = requireNonNull(options, "options is null");
    this.listener = requireNonNull(listener, "listener is null");
    this.recorder = recorder;
  }

  /**
   * @throws GoodhartException when the repository is not found, the forge refuses the token, its
   *     rate limit would take too long to lift, the network fails, or (under {@code strict}) an
   *     answer cannot be read; what was stored before stays
   */
  public ForgeImportSummary run(String repository) {
    return new Pass(repository).run();
  }

  /** One import of one repository, and its counts. */
  private final class Pass {
    private final String repository;
    private final ForgeCursor cursor;
    private final URI repositoryUrl;
    private int pullRequests;
    private int unchanged;
    private int commits;
    private int reviews;
    private int comments;
    private int badRecords;
    private boolean clean = true;

    Pass(String repository) {
      this.repository = repository;
      this.cursor =
          options.full()
              ? ForgeCursor.empty(forge.name(), repository)
              : target.cursor(forge.name(), repository);
      this.repositoryUrl = forge.repositoryUrl(client.apiUrl(), repository);
    }

    ForgeImportSummary run() {
      ForgeResource list = forge.pullRequests();
      Instant since = cursor.updatedThrough();
      Instant newest = since;
      String listEtag = null;
      URI url = list.in(repositoryUrl);
      boolean first = true;
      long listed = 0;
      pages:
      while (url != null) {
        ForgeClient.Answer answer = client.get(url, first ? cursor.etags().get(list.key()) : null);
        switch (answer) {
          case ForgeClient.NotModified notModified -> {
            if (first) {
              return summary(true, false);
            }
            problem(new ForgeProblem("GET " + url, "answered 304 without an ETag sent"));
            break pages;
          }
          case ForgeClient.NotFound notFound -> {
            if (first) {
              throw new GoodhartException(
                  ErrorCode.FORGE_NOT_FOUND,
                  "repository %s not found on %s (or the token cannot see it): GET %s answered 404; check the name and --token-file / %s"
                      .formatted(repository, forge.title(), notFound.uri(), forge.tokenVariable()));
            }
            problem(new ForgeProblem("GET " + url, "not found (404) while paging"));
            break pages;
          }
          case ForgeClient.Unreadable unreadable -> {
            problem(new ForgeProblem("GET " + url, unreadable.reason()));
            break pages;
          }
          case ForgeClient.Page page -> {
            List<JsonNode> items = items(page);
            listed += items.size();
            if (first) {
              listEtag = page.etag();
            }
            // A first import reads the whole list, whose size the first page tells; a later one
            // stops somewhere in it, so it promises no more than the page after this one.
            listener.expected(
                since == null
                    ? expected(page, list, listed)
                    : listed + (page.next() != null ? list.pageSize() : 0));
            for (int i = 0; i < items.size(); i++) {
              PullRequestFact pr = pullRequest(page.uri(), i, items.get(i));
              if (pr == null) {
                continue;
              }
              if (since != null && pr.updatedAt().isBefore(since)) {
                break pages; // the rest were updated before the last complete pass
              }
              if (newest == null || pr.updatedAt().isAfter(newest)) {
                newest = pr.updatedAt();
              }
              if (pr.updatedAt().equals(cursor.pullRequests().get(pr.number()))) {
                unchanged++;
              } else {
                details(pr, items.get(i));
              }
              listener.pullRequestRead();
            }
            url = next(page);
          }
        }
        first = false;
      }
      if (clean) {
        Map<String, String> etags = new HashMap<>();
        if (listEtag != null) {
          etags.put(list.key(), listEtag);
        }
        target.record(
            DeliveryBatch.EMPTY,
            new ForgeCursor(forge.name(), repository, newest, etags, Map.of()));
      }
      return summary(false, clean);
    }

    private long expected(ForgeClient.Page page, ForgeResource list, long items) {
      if (page.totalItems() > 0) {
        return page.totalItems();
      }
      return Math.max(items, page.lastPage() * list.pageSize());
    }

    private @Nullable URI next(ForgeClient.Page page) {
      URI next = page.next();
      if (next != null && !Links.sameOrigin(client.apiUrl(), next)) {
        problem(
            new ForgeProblem(
                "GET " + page.uri(),
                "the next page is on another host (%s); not followed, so that the token goes nowhere else"
                    .formatted(next.getHost())));
        return null;
      }
      return next;
    }

    private @Nullable PullRequestFact pullRequest(URI page, int index, JsonNode item) {
      JsonPayload payload = new JsonPayload("item " + (index + 1));
      try {
        return forge.pullRequest(payload, payload.root(item), repository);
      } catch (WebhookPayloadException e) {
        problem(new ForgeProblem("GET " + page, e.getMessage()));
        return null;
      }
    }

    /** Reads the pull request's detail lists and stores it with them. */
    private void details(PullRequestFact pr, JsonNode item) {
      PullRequestDetails details = new PullRequestDetails(repository, pr.number());
      Map<String, String> etags = new HashMap<>();
      Map<String, List<JsonNode>> raw = new LinkedHashMap<>();
      boolean complete = true;
      boolean commitsListed = false;
      for (ForgeResource resource : forge.details(pr.number())) {
        Detail detail = detail(resource, details);
        complete &= detail.complete();
        if (detail.items() == null) {
          continue; // not modified
        }
        raw.put(resource.kind(), detail.items());
        commitsListed |= resource.kind().equals("commits") && detail.complete();
        String known = options.full() ? null : cursor.etags().get(resource.key());
        if (detail.etag() != null) {
          etags.put(resource.key(), detail.etag());
        } else if (known != null) {
          etags.put(resource.key(), ""); // a stale ETag would hide what changed
        }
      }
      PullRequestFact fact =
          commitsListed && pr.commits() == 0 ? pr.withCommits(details.commits().size()) : pr;
      target.record(
          DeliveryBatch.ofPullRequests(
              List.of(fact), details.commits(), details.reviews(), details.comments()),
          new ForgeCursor(
              forge.name(),
              repository,
              null,
              etags,
              complete ? Map.of(pr.number(), pr.updatedAt()) : Map.of()));
      if (recorder != null) {
        recorder.pullRequest(item, raw);
      }
      pullRequests++;
      commits += details.commits().size();
      reviews += details.reviews().size();
      comments += details.comments().size();
    }

    /**
     * One detail list, page by page.
     *
     * @param items null when it was not modified
     * @param etag the ETag to keep for it, null when none may be kept
     */
    private record Detail(
        @Nullable List<JsonNode> items, @Nullable String etag, boolean complete) {}

    private Detail detail(ForgeResource resource, PullRequestDetails details) {
      String known = options.full() ? null : cursor.etags().get(resource.key());
      URI url = resource.in(repositoryUrl);
      List<JsonNode> items = new ArrayList<>();
      String etag = null;
      int pages = 0;
      int before = badRecords;
      while (url != null) {
        ForgeClient.Answer answer = client.get(url, pages == 0 ? known : null);
        switch (answer) {
          case ForgeClient.NotModified notModified -> {
            if (pages == 0) {
              return new Detail(null, null, true);
            }
            problem(new ForgeProblem("GET " + url, "answered 304 without an ETag sent"));
            url = null;
          }
          case ForgeClient.NotFound notFound -> {
            problem(
                new ForgeProblem(
                    "GET " + url, "not found (404): the pull request's list has gone missing"));
            url = null;
          }
          case ForgeClient.Unreadable unreadable -> {
            problem(new ForgeProblem("GET " + url, unreadable.reason()));
            url = null;
          }
          case ForgeClient.Page page -> {
            if (pages == 0) {
              etag = page.etag();
            }
            pages++;
            List<JsonNode> read = items(page);
            for (int i = 0; i < read.size(); i++) {
              JsonPayload payload = new JsonPayload("item " + (i + 1));
              try {
                forge.detail(resource, payload, payload.root(read.get(i)), details);
                items.add(read.get(i));
              } catch (WebhookPayloadException e) {
                problem(new ForgeProblem("GET " + page.uri(), e.getMessage()));
              }
            }
            url = next(page);
          }
        }
      }
      boolean complete = badRecords == before;
      boolean whole = pages == 1 && items.size() < resource.pageSize();
      return new Detail(items, complete && whole ? etag : null, complete);
    }

    private List<JsonNode> items(ForgeClient.Page page) {
      List<JsonNode> items = new ArrayList<>();
      JsonItems.read(
          page.body(),
          new JsonItems.Handler() {
            @Override
            public void item(JsonNode item, long line, int index) {
              items.add(item);
            }

            @Override
            public void broken(long line, String reason) {
              problem(
                  new ForgeProblem(
                      "GET " + page.uri(), line > 1 ? reason + " on line " + line : reason));
            }
          });
      return items;
    }

    private void problem(ForgeProblem problem) {
      badRecords++;
      clean = false;
      listener.problem(problem);
      if (options.strict()) {
        throw new GoodhartException(
            ErrorCode.BAD_RECORD,
            problem.message()
                + "; what was imported before it is stored (without --strict it is skipped)");
      }
    }

    private ForgeImportSummary summary(boolean upToDate, boolean advanced) {
      return new ForgeImportSummary(
          repository,
          pullRequests,
          unchanged,
          commits,
          reviews,
          comments,
          client.requests(),
          client.notModified(),
          badRecords,
          upToDate,
          advanced,
          client.waited());
    }
  }
}
