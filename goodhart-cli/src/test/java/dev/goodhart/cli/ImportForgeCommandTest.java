package dev.goodhart.cli;

import static dev.goodhart.ingest.forge.GitHubJson.sha;
import static dev.goodhart.ingest.forge.GitHubScenario.LIST;
import static dev.goodhart.ingest.forge.GitHubScenario.REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.forge.FakeForge;
import dev.goodhart.ingest.forge.GitHubJson;
import dev.goodhart.ingest.forge.GitHubScenario;
import dev.goodhart.ingest.forge.GitLabJson;
import dev.goodhart.model.delivery.ForgeCursor;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code goodhart import github|gitlab} end to end: a local server answering as the forge does, the
 * real store, the exit codes and what is printed.
 */
class ImportForgeCommandTest {
  static final String TOKEN = "ghp_never_printed_0123456789";

  @TempDir Path folder;
  CliHarness cli;
  FakeForge server;
  Path tokenFile;

  @BeforeEach
  void start() throws IOException {
    cli = new CliHarness(folder);
    cli.clock =
        java.time.Clock.fixed(Instant.parse("2026-03-07T12:00:00Z"), java.time.ZoneOffset.UTC);
    server = new FakeForge();
    tokenFile = Files.writeString(folder.resolve("token"), TOKEN + "\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  CliHarness.Result github(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "import",
                "github",
                REPOSITORY,
                "--api-url",
                server.url().toString(),
                "--token-file",
                tokenFile.toString()));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  <T> T stored(Function<DuckDbStore, T> read) {
    try (DuckDbStore store = DuckDbStore.open(cli.data, new DuckDbStore.Settings("128MB", 1))) {
      return read.apply(store);
    }
  }

  int count(Function<DuckDbStore, List<?>> facts) {
    return stored(facts).size();
  }

  static void neverShowsTheToken(CliHarness.Result result) {
    assertFalse(result.out().contains(TOKEN) || result.err().contains(TOKEN), result::toString);
  }

  @Test
  void aRepositorysPullRequestsAreStoredAndASecondImportAsksOnlyWhetherAnythingChanged() {
    new GitHubScenario(server).serve();

    CliHarness.Result first = github();

    assertEquals(0, first.exitCode(), first::toString);
    assertEquals(
        "Imported 5 pull requests of acme-corp/billing-service from GitHub (8 commits, 2 reviews,"
            + " 2 review comments); 19 requests (0 answered 'not modified'); 0 unreadable records"
            + " skipped.\n",
        first.out());
    assertEquals("", first.err());
    assertEquals("Bearer " + TOKEN, server.requests().getFirst().header("Authorization"));
    assertEquals(5, count(DuckDbStore::pullRequests));
    assertEquals(8, count(DuckDbStore::pullRequestCommits));
    assertEquals(2, count(DuckDbStore::reviews));
    assertEquals(2, count(DuckDbStore::reviewComments));
    PullRequestFact squashed = stored(s -> s.pullRequests().get(3));
    assertEquals(44, squashed.number());
    assertEquals(sha(440), squashed.mergeCommitSha());
    ForgeCursor cursor = stored(s -> s.forgeCursor("github", REPOSITORY));
    assertEquals(Instant.parse("2026-03-05T10:00:00Z"), cursor.updatedThrough());
    assertEquals("W/\"list-1\"", cursor.etags().get("pulls"));

    CliHarness.Result second = github("--json");

    assertEquals(0, second.exitCode(), second::toString);
    JsonNode summary = second.json();
    assertTrue(summary.get("upToDate").asBoolean());
    assertEquals(1, summary.get("requests").asInt());
    assertEquals(1, summary.get("notModified").asInt());
    assertEquals("github", summary.get("forge").asText());
    assertEquals(5, count(DuckDbStore::pullRequests), "nothing changed, nothing doubled");
    neverShowsTheToken(first);
    neverShowsTheToken(second);
  }

  @Test
  void theTokenComesFromTheEnvironmentWithoutAFile() {
    new GitHubScenario(server).serve();
    cli.variables.put("GITHUB_TOKEN", "from-the-environment");

    CliHarness.Result result =
        cli.run("import", "github", REPOSITORY, "--api-url", server.url().toString(), "-q");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.out(), "--quiet");
    assertEquals(
        "Bearer from-the-environment", server.requests().getFirst().header("Authorization"));
  }

  @Test
  void aRefusedTokenIsExitCode4AndSaysWhereTokensComeFrom() {
    server.on(LIST, FakeForge.status(401, "{\"message\": \"Bad credentials\"}"));

    CliHarness.Result result = github();

    assertEquals(4, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("goodhart: the token was refused by GitHub (401 at GET "));
    assertTrue(result.err().contains("check --token-file / GITHUB_TOKEN"), result.err());
    neverShowsTheToken(result);
  }

  @Test
  void anUnknownRepositoryIsExitCode4() {
    CliHarness.Result result = github();

    assertEquals(4, result.exitCode(), result::toString);
    assertTrue(
        result
            .err()
            .startsWith(
                "goodhart: repository acme-corp/billing-service not found on GitHub (or the token"
                    + " cannot see it)"),
        result.err());
  }

  @Test
  void aRateLimitIsWaitedForUpToMaxWaitThenTheImportStopsWithExitCode4() {
    new GitHubScenario(server).serve();
    long reset = Instant.parse("2026-03-07T12:00:00Z").plusSeconds(30).getEpochSecond();
    server.on(
        LIST,
        FakeForge.status(403, "{\"message\": \"API rate limit exceeded\"}")
            .with("X-RateLimit-Remaining", "0")
            .with("X-RateLimit-Reset", Long.toString(reset)),
        FakeForge.json("[]"));

    CliHarness.Result waited = github();

    assertEquals(0, waited.exitCode(), waited::toString);
    assertEquals(List.of(Duration.ofSeconds(31)), cli.waits);
    assertTrue(
        waited
            .err()
            .contains(
                "goodhart: GitHub's rate limit is spent; waiting 31s (until 2026-03-07T12:00:31Z)"),
        waited.err());

    server.on(
        LIST, FakeForge.status(429, "{\"message\": \"slow down\"}").with("Retry-After", "3600"));
    CliHarness.Result stopped = github("--max-wait", "10m");

    assertEquals(4, stopped.exitCode(), stopped::toString);
    assertTrue(stopped.err().contains("longer than --max-wait 10m"), stopped.err());
  }

  @Test
  void unreadableAnswersAreSkippedAndUnderStrictAreExitCode3() {
    new GitHubScenario(server).serve();
    server.on(GitHubScenario.details(44, "reviews"), FakeForge.json("[{\"id\": 1, \"state\": 7}]"));

    CliHarness.Result skipped = github();

    assertEquals(0, skipped.exitCode(), skipped::toString);
    assertTrue(
        skipped.err().contains("goodhart: skipped GET " + server.url() + "/repos/"), skipped.err());
    assertTrue(skipped.out().contains("1 unreadable records skipped"), skipped.out());
    assertTrue(skipped.out().contains("The next import asks again"), skipped.out());

    CliHarness.Result strict = github("--strict", "--full");

    assertEquals(3, strict.exitCode(), strict::toString);
    assertTrue(
        strict.err().contains("item 1, 2 problems: state is 7, expected a string"), strict.err());
    assertEquals(5, count(DuckDbStore::pullRequests), "what was stored before stays");
  }

  @Test
  void mistakesOnTheCommandLineAreExitCode2() {
    assertEquals(2, cli.run("import", "github", "not-a-repository").exitCode());
    assertEquals(2, cli.run("import", "gitlab", "only-a-name").exitCode());
    assertEquals(2, github("--max-wait", "soon").exitCode());
    assertEquals(2, github("--from", folder.resolve("missing.json").toString()).exitCode());
    CliHarness.Result both =
        cli.run("import", "github", REPOSITORY, "--from", tokenFile.toString(), "--save", "x");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("--save writes what the API answers"), both.err());
    CliHarness.Result plain =
        cli.run(
            "import",
            "github",
            REPOSITORY,
            "--api-url",
            "http://ghe.example.com/api/v3",
            "--token-file",
            tokenFile.toString());
    assertEquals(2, plain.exitCode());
    assertTrue(plain.err().contains("would send the token unencrypted"), plain.err());
    neverShowsTheToken(plain);
    CliHarness.Result group = cli.run("import");
    assertEquals(2, group.exitCode());
    assertTrue(group.err().contains("usage, github, gitlab or vendor"), group.err());
    assertTrue(server.requests().isEmpty(), "nothing was asked of the forge");
  }

  @Test
  void savedFilesImportTheSameFactsAsTheApi() throws IOException {
    new GitHubScenario(server).serve();
    Path saved = folder.resolve("acme.jsonl");
    assertEquals(0, github("--save", saved.toString()).exitCode());

    CliHarness other = new CliHarness(folder.resolve("other"));
    Files.createDirectories(other.data);
    Files.copy(cli.data.resolve("pseudonym.key"), other.data.resolve("pseudonym.key"));
    CliHarness.Result fromFile =
        other.run("import", "github", REPOSITORY, "--from", saved.toString());

    assertEquals(0, fromFile.exitCode(), fromFile::toString);
    assertTrue(fromFile.out().startsWith("Imported 5 pull requests"), fromFile.out());
    try (DuckDbStore api = DuckDbStore.open(cli.data, new DuckDbStore.Settings("128MB", 1));
        DuckDbStore file = DuckDbStore.open(other.data, new DuckDbStore.Settings("128MB", 1))) {
      assertEquals(api.pullRequests(), file.pullRequests());
      assertEquals(api.pullRequestCommits(), file.pullRequestCommits());
      assertEquals(api.reviews(), file.reviews());
      assertEquals(api.reviewComments(), file.reviewComments());
      assertTrue(file.forgeCursor("github", REPOSITORY).isEmpty(), "a file moves no cursor");
    }
  }

  @Test
  void ghPaginateOutputIsReadAsItIs() throws IOException {
    Path pulls =
        Files.writeString(
            folder.resolve("pulls.json"),
            GitHubJson.page(
                    List.of(
                        GitHubJson.pull(
                            2,
                            "open",
                            "ana",
                            "2026-03-01T00:00:00Z",
                            "2026-03-02T00:00:00Z",
                            null,
                            null,
                            "b",
                            sha(2),
                            null,
                            false)))
                + GitHubJson.page(
                    List.of(
                        GitHubJson.pull(
                            1,
                            "closed",
                            "ana",
                            "2026-03-01T00:00:00Z",
                            "2026-03-01T01:00:00Z",
                            "2026-03-01T01:00:00Z",
                            "2026-03-01T01:00:00Z",
                            "a",
                            sha(1),
                            sha(10),
                            false))));
    Path commits =
        Files.writeString(
            folder.resolve("pulls-1-commits.json"),
            GitHubJson.page(
                List.of(
                    GitHubJson.commit(
                        sha(11), "ana@acme.example", "2026-03-01T00:30:00Z", "ana"))));

    CliHarness.Result result =
        cli.run("import", "github", REPOSITORY, "--from", pulls.toString(), commits.toString());

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(2, count(DuckDbStore::pullRequests));
    assertEquals(sha(11), stored(s -> s.pullRequestCommits().getFirst().sha()));
  }

  @Test
  void aGitLabProjectInASubgroup() {
    String base = "/api/v4/projects/acme%2Fplatform%2Fbilling-api";
    server.on(
        base + "/merge_requests?state=all&order_by=updated_at&sort=desc&scope=all&per_page=100",
        FakeForge.json(
            GitHubJson.page(
                List.of(
                    GitLabJson.mergeRequest(
                        7,
                        "merged",
                        "2026-03-03T09:00:00.000Z",
                        "2026-03-03T08:59:58.120Z",
                        null,
                        sha(700),
                        "ben-ode")))));
    server.on(
        base + "/merge_requests/7/commits?per_page=100",
        FakeForge.json(
            GitHubJson.page(List.of(GitLabJson.commit(sha(71), "2026-03-01T09:30:00.000+01:00")))));
    server.on(
        base + "/merge_requests/7/notes?sort=asc&order_by=created_at&per_page=100",
        FakeForge.json(GitLabJson.notes()));
    cli.variables.put("GITLAB_TOKEN", "glpat-from-env");

    CliHarness.Result result =
        cli.run(
            "import", "gitlab", "acme/platform/billing-api", "--api-url", server.url() + "/api/v4");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(
        "Imported 1 pull requests of acme/platform/billing-api from GitLab (1 commits, 3 reviews,"
            + " 2 review comments); 3 requests (0 answered 'not modified'); 0 unreadable records"
            + " skipped.\n",
        result.out());
    assertEquals("glpat-from-env", server.requests().getFirst().header("PRIVATE-TOKEN"));
    assertEquals(sha(700), stored(s -> s.pullRequests().getFirst().mergeCommitSha()));
    assertEquals(3, count(DuckDbStore::reviews));
  }
}
