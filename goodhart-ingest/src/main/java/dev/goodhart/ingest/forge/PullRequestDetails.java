package dev.goodhart.ingest.forge;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.util.ArrayList;
import java.util.List;

/** What a forge's answers say about one pull request besides itself, as they are read. */
public final class PullRequestDetails {
  private final String repository;
  private final int number;
  private final List<PullRequestCommitFact> commits = new ArrayList<>();
  private final List<ReviewFact> reviews = new ArrayList<>();
  private final List<ReviewCommentFact> comments = new ArrayList<>();

  public PullRequestDetails(String repository, int number) {
    this.repository = requireNonNull(repository, "repository is null");
    this.number = number;
  }

  public String repository() {
    return repository;
  }

  public int number() {
    return number;
  }

  public void add(PullRequestCommitFact commit) {
    commits.add(commit);
  }

  public void add(ReviewFact review) {
    reviews.add(review);
  }

  public void add(ReviewCommentFact comment) {
    comments.add(comment);
  }

  public List<PullRequestCommitFact> commits() {
    return List.copyOf(commits);
  }

  public List<ReviewFact> reviews() {
    return List.copyOf(reviews);
  }

  public List<ReviewCommentFact> comments() {
    return List.copyOf(comments);
  }
}
