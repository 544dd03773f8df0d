package dev.goodhart.ingest.github;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.forge.ForgeImportSummary;
import dev.goodhart.ingest.forge.ForgeImporter;
import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeProblem;
import dev.goodhart.ingest.forge.ForgeTarget;
import dev.goodhart.ingest.forge.JsonItems;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.ForgeCursor;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pull requests from saved files instead of the API. Every file is read the same way: JSON values
 * one after another (JSON lines, or {@code gh api --paginate} pages {@code [...][...]}, or with
 * {@code --slurp} an array of arrays), each object a pull request as {@code GET
 * /repos/{owner}/{repo}/pulls} gives it. An object may carry, besides GitHub's fields, the items of
 * its three detail lists: {@code commit_list} ({@code .../pulls/N/commits}), {@code review_list}
 * ({@code .../reviews}) and {@code review_comment_list} ({@code .../comments}). A file named {@code
 * pulls-N-commits.json}, {@code pulls-N-reviews.json} or {@code pulls-N-comments.json} holds
 * instead the output of {@code gh api --paginate} for that list of pull request N.
 *
 * <p>{@code --save} writes the first form, one pull request a line, with only the fields goodhart
 * reads (logins and commit e-mail addresses included, as GitHub gave them: the file is input, like
 * gh's output, and is pseudonymised when imported).
 */
public final class GitHubSavedFiles {
  /** The name of a file holding one detail list of one pull request. */
  public static final Pattern DETAIL_FILE =
      Pattern.compile("pulls-([0-9]{1,9})-(commits|reviews|comments)\\.json");

  /** The fields of a pull request line that carry its detail lists. */
  public static final String COMMITS = "commit_list";

  public static final String REVIEWS = "review_list";
  public static final String COMMENTS = "review_comment_list";

  private static final int BATCH_FACTS = 2_000;

  private static final List<String> PULL_REQUEST_FIELDS =
      List.of(
          "number",
          "state",
          "draft",
          "merged",
          "user.login",
          "created_at",
          "updated_at",
          "closed_at",
          "merged_at",
          "merge_commit_sha",
          "merged_by.login",
          "head.sha",
          "head.ref",
          "base.ref",
          "base.repo.full_name",
          "additions",
          "deletions",
          "commits");
  private static final List<String> COMMIT_FIELDS =
      List.of("sha", "commit.author.date", "commit.author.email");
  private static final List<String> REVIEW_FIELDS =
      List.of("id", "state", "user.login", "submitted_at");
  private static final List<String> COMMENT_FIELDS =
      List.of("id", "pull_request_review_id", "user.login", "created_at", "path");

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final GitHubFacts facts;

  public GitHubSavedFiles(Pseudonyms pseudonyms) {
    this.facts = new GitHubFacts(requireNonNull(pseudonyms, "pseudonyms is null"));
  }

  /**
   * Imports the files' pull requests into the repository's facts. The import's cursor is left as it
   * is: a file says nothing of what the API would answer now.
   *
   * @throws GoodhartException under {@code strict}, at the first unreadable item; or when a file
   *     cannot be read
   */
  public ForgeImportSummary read(
      List<Path> files,
      String repository,
      ForgeTarget target,
      boolean strict,
      ForgeListener listener) {
    long bytes = 0;
    for (Path file : files) {
      try {
        bytes += Files.size(file);
      } catch (IOException e) {
        throw unreadable(file, e);
      }
    }
    listener.expectedBytes(bytes);
    Reading reading = new Reading(repository, target, strict, listener);
    for (Path file : files) {
      reading.file(file);
    }
    reading.flush();
    return new ForgeImportSummary(
        repository,
        reading.pullRequests,
        0,
        reading.commitCount,
        reading.reviewCount,
        reading.commentCount,
        0,
        0,
        reading.badRecords,
        false,
        false,
        Duration.ZERO);
  }

  private static GoodhartException unreadable(Path file, IOException e) {
    return new GoodhartException(
        ErrorCode.PATH_NOT_FOUND, "cannot read '%s': %s".formatted(file, e.getMessage()), e);
  }

  /** One import of saved files: facts gathered into batches, problems counted. */
  private final class Reading {
    private final String repository;
    private final ForgeTarget target;
    private final boolean strict;
    private final ForgeListener listener;
    private final List<PullRequestFact> pulls = new ArrayList<>();
    private final List<PullRequestCommitFact> commits = new ArrayList<>();
    private final List<ReviewFact> reviews = new ArrayList<>();
    private final List<ReviewCommentFact> comments = new ArrayList<>();
    int pullRequests;
    int commitCount;
    int reviewCount;
    int commentCount;
    int badRecords;

    Reading(String repository, ForgeTarget target, boolean strict, ForgeListener listener) {
      this.repository = repository;
      this.target = target;
      this.strict = strict;
      this.listener = listener;
    }

    void file(Path file) {
      Matcher detail = DETAIL_FILE.matcher(file.getFileName().toString());
      boolean isDetail = detail.matches();
      int number = isDetail ? Integer.parseInt(detail.group(1)) : 0;
      String kind = isDetail ? detail.group(2) : "pulls";
      if (isDetail && number < 1) {
        problem(file, 0, "a pull request's number is 1 or more, not " + number);
        return;
      }
      try {
        JsonItems.read(
            file,
            new JsonItems.Handler() {
              @Override
              public void item(JsonNode item, long line, int index) {
                if (isDetail) {
                  detail(file, line, kind, number, item);
                } else {
                  pullRequest(file, line, item);
                }
                if (size() >= BATCH_FACTS) {
                  flush();
                }
              }

              @Override
              public void broken(long line, String reason) {
                problem(file, line, reason);
              }
            },
            listener);
      } catch (IOException e) {
        throw unreadable(file, e);
      }
    }

    private void pullRequest(Path file, long line, JsonNode item) {
      JsonPayload payload = new JsonPayload("a pull request");
      JsonField root = payload.root(item);
      String savedFor = root.get("base").get("repo").get("full_name").optionalText();
      if (savedFor != null && !savedFor.toLowerCase(Locale.ROOT).equals(lower(repository))) {
        problem(
            file,
            line,
            "a pull request of '%s' in a file imported as '%s'; import it as %s"
                .formatted(savedFor, repository, savedFor));
        return;
      }
      PullRequestFact pr;
      try {
        pr = facts.pullRequest(payload, root.object(), repository);
      } catch (WebhookPayloadException e) {
        problem(file, line, e.getMessage());
        return;
      }
      int commitsBefore = commits.size();
      list(file, line, "commits", pr.number(), root.get(COMMITS), item.get(COMMITS));
      list(file, line, "reviews", pr.number(), root.get(REVIEWS), item.get(REVIEWS));
      list(file, line, "comments", pr.number(), root.get(COMMENTS), item.get(COMMENTS));
      boolean listed = item.has(COMMITS) && item.get(COMMITS).isArray();
      pulls.add(listed && pr.commits() == 0 ? pr.withCommits(commits.size() - commitsBefore) : pr);
      pullRequests++;
      listener.pullRequestRead();
    }

    private void list(
        Path file, long line, String kind, int number, JsonField field, JsonNode raw) {
      if (field.isAbsent()) {
        return;
      }
      if (!raw.isArray()) {
        problem(file, line, "a pull request: %s is not an array".formatted(field.path()));
        return;
      }
      for (JsonNode element : raw) {
        detail(file, line, kind, number, element);
      }
    }

    private void detail(Path file, long line, String kind, int number, JsonNode item) {
      JsonPayload payload = new JsonPayload("a " + kind.substring(0, kind.length() - 1));
      JsonField root = payload.root(item).object();
      try {
        switch (kind) {
          case "commits" -> {
            commits.add(facts.commit(payload, root, repository, number));
            commitCount++;
          }
          case "reviews" -> {
            ReviewFact review = facts.review(payload, root, repository, number);
            if (review != null) {
              reviews.add(review);
              reviewCount++;
            }
          }
          case "comments" -> {
            comments.add(facts.reviewComment(payload, root, repository, number));
            commentCount++;
          }
          default -> throw new IllegalArgumentException("no list " + kind);
        }
      } catch (WebhookPayloadException e) {
        problem(file, line, e.getMessage());
      }
    }

    private int size() {
      return pulls.size() + commits.size() + reviews.size() + comments.size();
    }

    void flush() {
      if (size() == 0) {
        return;
      }
      target.record(
          DeliveryBatch.ofPullRequests(pulls, commits, reviews, comments),
          ForgeCursor.empty(GitHubForge.NAME, repository));
      pulls.clear();
      commits.clear();
      reviews.clear();
      comments.clear();
    }

    private void problem(Path file, long line, String reason) {
      badRecords++;
      ForgeProblem problem =
          new ForgeProblem(line > 0 ? file + ":" + line : file.toString(), reason);
      listener.problem(problem);
      if (strict) {
        flush();
        throw new GoodhartException(
            ErrorCode.BAD_RECORD,
            problem.message()
                + "; what was read before it is stored (without --strict it is skipped)");
      }
    }
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /**
   * Writes what an import reads as a saved file, one pull request a line, with only the fields
   * goodhart reads: no titles, bodies, messages or comment text.
   */
  public static final class Writer implements ForgeImporter.Recorder, AutoCloseable {
    private final Path file;
    private final BufferedWriter out;

    public Writer(Path file) {
      this.file = requireNonNull(file, "file is null");
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new GoodhartException(
            ErrorCode.IO_FAILURE,
            "cannot write --save '%s': %s".formatted(file, e.getMessage()),
            e);
      }
    }

    @Override
    public void pullRequest(JsonNode pullRequest, Map<String, List<JsonNode>> details) {
      ObjectNode line = keep(pullRequest, PULL_REQUEST_FIELDS);
      list(line, COMMITS, details.get("commits"), COMMIT_FIELDS);
      list(line, REVIEWS, details.get("reviews"), REVIEW_FIELDS);
      list(line, COMMENTS, details.get("comments"), COMMENT_FIELDS);
      try {
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
        out.flush(); // an import stopped by a rate limit leaves a file of what it read
      } catch (IOException e) {
        throw new GoodhartException(
            ErrorCode.IO_FAILURE,
            "cannot write --save '%s': %s".formatted(file, e.getMessage()),
            e);
      }
    }

    private static void list(
        ObjectNode line, String field, List<JsonNode> items, List<String> fields) {
      if (items == null) {
        return; // not read this time: the line says nothing of it
      }
      var array = line.putArray(field);
      for (JsonNode item : items) {
        array.add(keep(item, fields));
      }
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A copy of the object with only the given dotted paths, where the object has them. */
  static ObjectNode keep(JsonNode from, List<String> paths) {
    ObjectNode kept = JSON.createObjectNode();
    for (String path : paths) {
      String[] steps = path.split("\\.");
      JsonNode value = from;
      for (String step : steps) {
        value = value == null || !value.isObject() ? null : value.get(step);
      }
      if (value == null) {
        continue;
      }
      ObjectNode into = kept;
      for (int i = 0; i < steps.length - 1; i++) {
        JsonNode child = into.get(steps[i]);
        into = child instanceof ObjectNode object ? object : into.putObject(steps[i]);
      }
      into.set(steps[steps.length - 1], value.deepCopy());
    }
    return kept;
  }
}
