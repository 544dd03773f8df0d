package dev.goodhart.ingest.forge;

import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.ForgeCursor;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps what an import stores in memory, by the facts' natural keys as the store does (the store's
 * own behaviour is held by its conformance suite; the CLI's tests import into DuckDB).
 */
public final class MemoryTarget implements ForgeTarget {
  public final Map<Integer, PullRequestFact> pullRequests = new TreeMap<>();
  public final Map<String, PullRequestCommitFact> commits = new TreeMap<>();
  public final Map<Long, ReviewFact> reviews = new TreeMap<>();
  public final Map<Long, ReviewCommentFact> comments = new TreeMap<>();
  public final List<DeliveryBatch> batches = new ArrayList<>();
  private final Map<String, ForgeCursor> cursors = new HashMap<>();

  @Override
  public ForgeCursor cursor(String forge, String repository) {
    return cursors.getOrDefault(forge + " " + repository, ForgeCursor.empty(forge, repository));
  }

  @Override
  public void record(DeliveryBatch facts, ForgeCursor progress) {
    batches.add(facts);
    facts.pullRequests().forEach(pr -> pullRequests.put(pr.number(), pr));
    facts.pullRequestCommits().forEach(c -> commits.put(c.number() + " " + c.sha(), c));
    facts.reviews().forEach(r -> reviews.put(r.reviewId(), r));
    facts.reviewComments().forEach(c -> comments.put(c.commentId(), c));
    String key = progress.forge() + " " + progress.repository();
    cursors.put(key, cursor(progress.forge(), progress.repository()).merge(progress));
  }

  /** Everything stored, as text: for checking that no name, title or address got in. */
  public String everything() {
    return List.of(pullRequests, commits, reviews, comments, cursors).toString();
  }
}
