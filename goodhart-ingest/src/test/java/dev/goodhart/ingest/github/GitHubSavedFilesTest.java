package dev.goodhart.ingest.github;

import static dev.goodhart.ingest.forge.GitHubJson.sha;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.forge.FakeForge;
import dev.goodhart.ingest.forge.ForgeClient;
import dev.goodhart.ingest.forge.ForgeImportSummary;
import dev.goodhart.ingest.forge.ForgeImporter;
import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeProblem;
import dev.goodhart.ingest.forge.GitHubJson;
import dev.goodhart.ingest.forge.GitHubScenario;
import dev.goodhart.ingest.forge.MemoryTarget;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull requests from gh's output and from goodhart's own saved files. */
class GitHubSavedFilesTest {
  static final Pseudonyms PSEUDONYMS =
      Pseudonyms.withSecret("an organisation secret".getBytes(UTF_8));
  static final String REPOSITORY = GitHubJson.REPOSITORY;

  @TempDir Path folder;
  final MemoryTarget target = new MemoryTarget();
  final List<ForgeProblem> problems = new ArrayList<>();

  ForgeImportSummary read(boolean strict, Path... files) {
    return new GitHubSavedFiles(PSEUDONYMS)
        .read(
            List.of(files),
            REPOSITORY,
            target,
            strict,
            new ForgeListener() {
              @Override
              public void problem(ForgeProblem problem) {
                problems.add(problem);
              }
            });
  }

  Path write(String name, String text) throws IOException {
    return Files.writeString(folder.resolve(name), text);
  }

  static String pull(int number, String updatedAt) {
    return GitHubJson.pull(
        number,
        "closed",
        "mara-quinn",
        "2026-03-01T08:00:00Z",
        updatedAt,
        updatedAt,
        updatedAt,
        "branch-" + number,
        sha(number),
        sha(number * 10),
        false);
  }

  @Test
  void ghPaginateWritesPagesOneAfterAnother() throws IOException {
    Path pages =
        write(
            "pulls.json",
            GitHubJson.page(
                    List.of(pull(3, "2026-03-03T00:00:00Z"), pull(2, "2026-03-02T00:00:00Z")))
                + GitHubJson.page(List.of(pull(1, "2026-03-01T00:00:00Z"))));

    ForgeImportSummary summary = read(false, pages);

    assertEquals(3, summary.pullRequests());
    assertEquals(List.of(1, 2, 3), List.copyOf(target.pullRequests.keySet()));
    assertEquals(sha(20), target.pullRequests.get(2).mergeCommitSha());
    assertTrue(problems.isEmpty(), problems::toString);
  }

  @Test
  void ghSlurpWritesAnArrayOfPagesOnOneLine() throws IOException {
    Path slurped =
        write(
            "pulls.json",
            ("["
                    + GitHubJson.page(List.of(pull(2, "2026-03-02T00:00:00Z")))
                    + ","
                    + GitHubJson.page(List.of(pull(1, "2026-03-01T00:00:00Z")))
                    + "]")
                .replace("\n", ""));

    assertEquals(2, read(false, slurped).pullRequests());
  }

  @Test
  void aListOfOnePullRequestIsNamedByItsFile() throws IOException {
    Path pulls = write("pulls.json", GitHubJson.page(List.of(pull(44, "2026-03-04T00:00:00Z"))));
    Path commits =
        write(
            "pulls-44-commits.json",
            GitHubJson.page(
                List.of(
                    GitHubJson.commit(
                        sha(441), "mara@acme.example", "2026-03-02T08:00:00Z", "m"))));
    Path reviews =
        write(
            "pulls-44-reviews.json",
            GitHubJson.page(
                List.of(GitHubJson.review(7, "APPROVED", "devon", "2026-03-03T00:00:00Z"))));
    Path comments =
        write(
            "pulls-44-comments.json",
            GitHubJson.page(
                List.of(GitHubJson.comment(8, 7L, "devon", "2026-03-03T00:00:00Z", "a.txt"))));

    ForgeImportSummary summary = read(false, pulls, commits, reviews, comments);

    assertEquals(1, summary.pullRequests());
    assertEquals(1, summary.commits());
    assertEquals(44, target.commits.values().iterator().next().number());
    assertEquals(44, target.reviews.get(7L).pullRequest());
    assertEquals("a.txt", target.comments.get(8L).path());
  }

  /**
   * What {@code --save} writes reads back into the facts the API gave, and holds none of the text
   * goodhart never keeps.
   */
  @Test
  void aSavedImportReadsBackIntoTheSameFacts() throws IOException {
    Path saved = folder.resolve("saved/acme.jsonl");
    MemoryTarget fromApi = new MemoryTarget();
    try (FakeForge server = new FakeForge();
        GitHubSavedFiles.Writer writer = new GitHubSavedFiles.Writer(saved)) {
      new GitHubScenario(server).serve();
      GitHubForge forge = new GitHubForge(PSEUDONYMS);
      ForgeClient client =
          new ForgeClient(
              ForgeClient.newHttpClient(),
              forge,
              null,
              server.url(),
              Clock.fixed(Instant.parse("2026-03-07T12:00:00Z"), ZoneOffset.UTC),
              wait -> {},
              ForgeClient.Settings.defaults(),
              ForgeListener.SILENT);
      new ForgeImporter(
              forge,
              client,
              fromApi,
              ForgeImporter.Options.defaults(),
              ForgeListener.SILENT,
              writer)
          .run(REPOSITORY);
    }

    ForgeImportSummary summary = read(false, saved);

    assertEquals(5, summary.pullRequests());
    assertEquals(5, Files.readAllLines(saved).size());
    assertEquals(fromApi.pullRequests, target.pullRequests);
    assertEquals(fromApi.commits, target.commits);
    assertEquals(fromApi.reviews, target.reviews);
    assertEquals(fromApi.comments, target.comments);
    String text = Files.readString(saved);
    for (String never :
        List.of("title", "body", "message", "Retry invoice", "Mara Quinn", "diff_hunk")) {
      assertFalse(text.contains(never), () -> "saved '" + never + "'");
    }
    assertTrue(text.contains("\"commit_list\":[{\"sha\":\"" + sha(45) + "\""), text);
  }

  @Test
  void aBrokenLineIsReportedWithItsPlaceAndTheNextLinesAreRead() throws IOException {
    String good = pull(1, "2026-03-01T00:00:00Z").replace("\n", "");
    String other = pull(2, "2026-03-02T00:00:00Z").replace("\n", "");
    Path lines =
        write(
            "saved.jsonl",
            good
                + "\n{\"number\": 5, \"state\": \"clo\n"
                + other.replace("\"number\": 2", "\"number\": \"two\"")
                + "\n"
                + pull(3, "2026-03-03T00:00:00Z")
                    .replace("\n", "")
                    .replace("\"number\": 3,", "\"number\": 3, \"commit_list\": 7,")
                + "\n{\"number\": 6\n"
                + other
                + "\n");

    ForgeImportSummary summary = read(false, lines);

    assertEquals(List.of(1, 2, 3), List.copyOf(target.pullRequests.keySet()));
    assertEquals(4, summary.badRecords(), problems::toString);
    assertEquals(lines + ":2", problems.get(0).where());
    assertTrue(problems.get(0).reason().startsWith("not JSON"), problems.toString());
    assertEquals(lines + ":3", problems.get(1).where());
    assertEquals(
        "a pull request: number is \"two\", expected an integer from 1 to 2147483647",
        problems.get(1).reason());
    assertEquals(lines + ":4", problems.get(2).where());
    assertTrue(
        problems.get(2).reason().contains("commit_list is not an array"), problems.toString());
  }

  @Test
  void aPullRequestOfAnotherRepositoryIsNotImportedAsThisOne() throws IOException {
    Path other =
        write(
            "other.json",
            GitHubJson.page(List.of(pull(1, "2026-03-01T00:00:00Z")))
                .replace(
                    "\"full_name\": \"acme-corp/billing-service\"",
                    "\"full_name\": \"acme-corp/web\""));

    read(false, other);

    assertTrue(target.pullRequests.isEmpty());
    assertTrue(
        problems
            .getFirst()
            .reason()
            .contains(
                "a pull request of 'acme-corp/web' in a file imported as 'acme-corp/billing-service'"),
        problems.toString());
  }

  @Test
  void strictStopsAtTheFirstProblemAfterStoringWhatCameBefore() throws IOException {
    Path lines =
        write("saved.jsonl", pull(1, "2026-03-01T00:00:00Z").replace("\n", "") + "\nnot json\n");

    GoodhartException e = assertThrows(GoodhartException.class, () -> read(true, lines));

    assertEquals(ErrorCode.BAD_RECORD, e.code());
    assertTrue(e.getMessage().startsWith(lines + ":2: not JSON"), e.getMessage());
    assertEquals(List.of(1), List.copyOf(target.pullRequests.keySet()));
  }
}
