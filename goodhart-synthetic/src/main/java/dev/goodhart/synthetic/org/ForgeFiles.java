package dev.goodhart.synthetic.org;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * What the forge and the deploy pipeline would say of a repository, written as goodhart reads it:
 * its pull requests as the JSON lines {@code goodhart import github OWNER/NAME --from} reads (each
 * with its commits, reviews and review comments, as {@code gh api} gives them), and its production
 * deployments as a request to the generic events endpoint. Reviews are drawn here, each pull
 * request's from what the plan says of it (who reviews, whether changes were asked for, whether the
 * reviewer pushed a commit), in an order that a seed fixes.
 */
final class ForgeFiles {
  private static final JsonFactory JSON = new JsonFactory();

  /** The name deployments are reported under, as a CI tool would give its own. */
  static final String DEPLOY_SOURCE = "acme-ci";

  private final RepositoryModel repository;
  private final List<Task> tasks;
  private final Instant now;
  private final Random random;
  private long nextReview;
  private long nextComment;
  final List<OrganisationTruth.PullRequest> pullRequests = new ArrayList<>();
  final List<OrganisationTruth.Deployment> deployments = new ArrayList<>();

  ForgeFiles(RepositoryModel repository, List<Task> tasks, Instant now, long seed) {
    this.repository = repository;
    this.tasks = tasks;
    this.now = now;
    this.random = new Random(seed * 31 + repository.index);
    this.nextReview = 1_800_000_000L + 1_000_000L * repository.index + random.nextInt(100_000);
    this.nextComment = 2_100_000_000L + 1_000_000L * repository.index + random.nextInt(100_000);
  }

  /** The pull requests file of a repository in {@code folder}. */
  static Path pullRequestsFile(Path folder, RepositoryModel repository) {
    return folder.resolve(repository.domain.name() + ".pulls.jsonl");
  }

  static Path deploymentsFile(Path folder, RepositoryModel repository) {
    return folder.resolve(repository.domain.name() + ".deployments.json");
  }

  void write(Path folder) {
    try {
      Files.createDirectories(folder);
      try (OutputStream out = Files.newOutputStream(pullRequestsFile(folder, repository))) {
        List<Task> opened =
            tasks.stream()
                .filter(task -> task.pullRequest != null)
                .sorted(java.util.Comparator.comparing(task -> task.pullRequest))
                .toList();
        for (Task task : opened) {
          try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            pullRequest(json, task);
          }
          out.write('\n');
        }
      }
      try (JsonGenerator json =
          JSON.createGenerator(deploymentsFile(folder, repository).toFile(), JsonEncoding.UTF8)) {
        deployments(json);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pullRequest(JsonGenerator json, Task task) throws IOException {
    int number = java.util.Objects.requireNonNull(task.pullRequest);
    PlannedCommit landed = task.landed;
    Instant closed = task.closesAt == null ? null : seconds(task.closesAt);
    // Opened a few minutes after the first push, but never after it was closed, nor after now.
    Instant opened = seconds(java.util.Objects.requireNonNull(task.openedAt));
    Instant limit = closed != null ? closed : now;
    if (opened.isAfter(limit)) {
      opened = seconds(task.commits.getFirst().committer.at());
    }
    boolean merged = landed != null;
    List<Review> reviews = reviews(task, opened, closed);
    Instant updated = opened;
    for (PlannedCommit commit : task.commits) {
      updated = later(updated, commit.committer.at());
    }
    for (Review review : reviews) {
      updated = later(updated, review.at);
    }
    if (closed != null) {
      updated = later(updated, closed);
    }
    json.writeStartObject();
    json.writeNumberField("number", number);
    json.writeStringField("state", closed == null ? "open" : "closed");
    json.writeBooleanField("draft", false);
    json.writeObjectFieldStart("user");
    json.writeStringField("login", login(task.owner));
    json.writeEndObject();
    json.writeStringField("created_at", opened.toString());
    json.writeStringField("updated_at", updated.toString());
    time(json, "closed_at", closed);
    time(json, "merged_at", merged ? closed : null);
    if (merged) {
      json.writeStringField("merge_commit_sha", landed.sha());
    } else {
      json.writeNullField("merge_commit_sha");
    }
    json.writeObjectFieldStart("head");
    json.writeStringField("sha", task.commits.getLast().sha());
    json.writeStringField("ref", task.branch);
    json.writeEndObject();
    json.writeObjectFieldStart("base");
    json.writeStringField("ref", RepositoryModel.MAIN);
    json.writeObjectFieldStart("repo");
    json.writeStringField("full_name", repository.fullName());
    json.writeEndObject();
    json.writeEndObject();
    json.writeArrayFieldStart("commit_list");
    for (PlannedCommit commit : task.commits) {
      json.writeStartObject();
      json.writeStringField("sha", commit.sha());
      json.writeObjectFieldStart("commit");
      json.writeObjectFieldStart("author");
      json.writeStringField("date", commit.author.at().toString());
      json.writeStringField("email", commit.author.email());
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("review_list");
    for (Review review : reviews) {
      json.writeStartObject();
      json.writeNumberField("id", review.id);
      json.writeStringField("state", review.state);
      json.writeObjectFieldStart("user");
      json.writeStringField("login", login(review.reviewer));
      json.writeEndObject();
      json.writeStringField("submitted_at", review.at.toString());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("review_comment_list");
    for (Review review : reviews) {
      for (String path : review.comments) {
        json.writeStartObject();
        json.writeNumberField("id", nextComment++);
        json.writeNumberField("pull_request_review_id", review.id);
        json.writeObjectFieldStart("user");
        json.writeStringField("login", login(review.reviewer));
        json.writeEndObject();
        json.writeStringField(
            "created_at", review.at.minusSeconds(30 + random.nextInt(300)).toString());
        json.writeStringField("path", path);
        json.writeEndObject();
      }
    }
    json.writeEndArray();
    json.writeEndObject();
    pullRequests.add(
        new OrganisationTruth.PullRequest(
            repository.path.toString(),
            number,
            task.branch,
            task.owner.email(),
            closed == null
                ? "open"
                : merged ? task.ending.name().toLowerCase(Locale.ROOT) : "closed",
            opened,
            closed,
            merged ? landed.sha() : null,
            task.commits.stream().map(PlannedCommit::sha).toList(),
            task.landedCommits.stream().map(PlannedCommit::sha).toList(),
            reviews.size()));
  }

  /** A review: its id, state as GitHub's REST API spells it, reviewer, time and commented paths. */
  private record Review(
      long id, String state, Person reviewer, Instant at, List<String> comments) {}

  /**
   * The reviews the plan implies: an approval, before it a request for changes (with comments on
   * the files, before the reviewer's own commit when they made one) or a comment now and then, and
   * a second reviewer's approval sometimes; a pull request closed unmerged may have had changes
   * asked for; an open one has none yet.
   */
  private List<Review> reviews(Task task, Instant opened, @Nullable Instant closed) {
    List<Review> reviews = new ArrayList<>();
    Person reviewer = task.reviewer;
    Instant at = task.reviewAt;
    if (reviewer == null || at == null || closed == null) {
      return reviews;
    }
    at = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant latest = closed.minusSeconds(60);
    PlannedCommit fix = task.reviewCommit;
    if (task.changesRequested) {
      Instant asked =
          (fix != null ? fix.committer.at() : at).minusSeconds(5 * 60 + random.nextInt(20 * 60));
      reviews.add(
          new Review(
              nextReview++,
              "CHANGES_REQUESTED",
              reviewer,
              clamp(asked, opened, latest),
              paths(task)));
    } else if (random.nextInt(100) < 30) {
      reviews.add(
          new Review(
              nextReview++,
              "COMMENTED",
              reviewer,
              clamp(at.minusSeconds(60 + random.nextInt(10 * 60)), opened, latest),
              paths(task)));
    }
    if (task.landed != null) {
      Instant approved =
          (fix != null ? fix.committer.at() : at).plusSeconds(3 * 60 + random.nextInt(17 * 60));
      reviews.add(
          new Review(
              nextReview++, "APPROVED", reviewer, clamp(approved, opened, latest), List.of()));
      Person second = task.secondReviewer;
      if (second != null) {
        Instant also = at.plusSeconds(10 * 60 + random.nextInt(50 * 60));
        reviews.add(
            new Review(nextReview++, "APPROVED", second, clamp(also, opened, latest), List.of()));
      }
    }
    reviews.sort(java.util.Comparator.comparing(Review::at).thenComparing(Review::id));
    return reviews;
  }

  /** One or two of the files the pull request changed, to comment on. */
  private List<String> paths(Task task) {
    List<String> files = new ArrayList<>(task.changed);
    if (files.isEmpty()) {
      return List.of();
    }
    java.util.Collections.shuffle(files, random);
    return List.copyOf(files.subList(0, Math.min(files.size(), 1 + random.nextInt(2))));
  }

  private void deployments(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("deployments");
    for (PlannedDeployment deployment : repository.deployments) {
      String id = "deploy-" + repository.domain.name() + "-" + deployment.number();
      String status = deployment.succeeded() ? "success" : "failure";
      json.writeStartObject();
      json.writeStringField("id", id);
      json.writeStringField("repository", repository.fullName());
      json.writeStringField("sha", deployment.commit().sha());
      json.writeStringField("environment", "production");
      json.writeStringField("status", status);
      json.writeStringField("at", deployment.at().toString());
      json.writeStringField("source", DEPLOY_SOURCE);
      json.writeEndObject();
      deployments.add(
          new OrganisationTruth.Deployment(
              repository.path.toString(), id, deployment.commit().sha(), status, deployment.at()));
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** A person's GitHub login: their address's local part, dots as dashes. */
  static String login(Person person) {
    String email = person.email();
    return email.substring(0, email.indexOf('@')).replace('.', '-');
  }

  private static void time(JsonGenerator json, String field, @Nullable Instant at)
      throws IOException {
    if (at == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, at.toString());
    }
  }

  private static Instant seconds(Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static Instant later(Instant a, Instant b) {
    return b.isAfter(a) ? b : a;
  }

  private Instant clamp(Instant at, Instant from, Instant to) {
    Instant floor = from.plusSeconds(60);
    if (to.isBefore(floor)) {
      return to.isBefore(from) ? from : to;
    }
    return at.isBefore(floor) ? floor : at.isAfter(to) ? to : at;
  }
}
