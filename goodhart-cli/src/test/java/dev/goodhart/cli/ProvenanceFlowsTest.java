package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways an agent's work reaches the default branch, each in a real repository with the session's
 * transcript, scored by {@code goodhart report --json}: a merge commit, a squash merge with the
 * branch deleted, a rebase merge, a cherry-pick from an abandoned branch, an amend, a person
 * committing the agent's edits an hour later, an abandoned branch, a squash after a reviewer
 * rewrote some lines, two sessions writing the same lines, a moved file, and trivial lines. The
 * expected figures are counted here from what each flow did.
 */
class ProvenanceFlowsTest {
  static final Instant BASE = Instant.parse("2026-11-02T09:00:00Z");
  static final Instant WORK = Instant.parse("2026-11-02T10:00:00Z");

  @TempDir Path folder;
  CliHarness cli;
  FlowRepository repo;

  @BeforeEach
  void start() {
    cli = new CliHarness(folder);
    cli.clock = Clock.fixed(Instant.parse("2026-12-20T00:00:00Z"), ZoneOffset.UTC);
    repo = new FlowRepository(folder.resolve("repo"));
    repo.write("README.md", "# shop\n");
    repo.commitAll(BASE, "Start");
  }

  @Test
  void aMergeCommitShipsTheSessionsOwnCommit() {
    AgentTranscript session = session("s1", "feature/totals");
    String own = agentCommitsTotals(session, "feature/totals");
    repo.git(WORK.plus(hours(1)), "checkout", "-q", "main");
    repo.git(
        WORK.plus(hours(1)),
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge pull request #12 from shop/feature/totals",
        "feature/totals");
    save(session);

    JsonNode s = report().session("s1");

    assertEquals(1, s.get("shippedCommits").asInt());
    assertEquals(40, s.get("aiLinesShipped").asLong());
    assertEquals(40, s.get("aiLinesAliveAtHead").asLong());
    assertEquals(List.of("exact " + own + " #12"), landed(s));
  }

  @Test
  void aSquashMergeWithTheBranchDeletedShipsTheSessionsLines() {
    AgentTranscript session = session("s1", "feature/totals");
    String own = agentCommitsTotals(session, "feature/totals");
    // A second commit: the squash is no longer the same change as either (a one-commit pull
    // request squashed is the same patch as its commit: rewritten).
    session.write(WORK.plus(Duration.ofMinutes(6)), "test_totals.py", TEST_TOTALS);
    repo.write("test_totals.py", TEST_TOTALS);
    String second = repo.commitAll(WORK.plus(Duration.ofMinutes(7)), "Test totals");
    session.commits(WORK.plus(Duration.ofMinutes(7)), "feature/totals", second, "Test totals");
    repo.git(WORK.plus(hours(1)), "checkout", "-q", "main");
    repo.git(WORK.plus(hours(1)), "merge", "-q", "--squash", "feature/totals");
    String squash = repo.commitAll(WORK.plus(hours(1)), "Add totals (#12)");
    repo.git(null, "branch", "-q", "-D", "feature/totals");
    save(session);

    JsonNode s = report().session("s1");

    assertEquals(1, s.get("shippedCommits").asInt());
    assertEquals(42, s.get("aiLinesShipped").asLong());
    assertEquals(42, s.get("aiLinesAliveAtHead").asLong());
    assertEquals(List.of("squashed " + squash + " #12"), landed(s));
    assertTrue(links(s).contains("exact " + own + " off"), links(s)::toString);
    assertTrue(links(s).contains("exact " + second + " off"), links(s)::toString);
    assertEquals(0, s.get("unresolved").size());
  }

  @Test
  void aSecondReportReadsWhatTheFirstKeptAndSaysTheSame() {
    AgentTranscript session = session("s1", "feature/totals");
    agentCommitsTotals(session, "feature/totals");
    AgentTranscript other = session("s2", "main");
    other.write(WORK.plus(Duration.ofMinutes(50)), "notes.py", "NOTES = ['kept']\nSHOWN = True\n");
    repo.git(WORK.plus(hours(1)), "checkout", "-q", "main");
    repo.git(WORK.plus(hours(1)), "merge", "-q", "--squash", "feature/totals");
    repo.write("notes.py", "NOTES = ['kept']\nSHOWN = True\n");
    repo.commitAll(WORK.plus(hours(1)), "Add totals (#12)");
    save(session);
    save(other);

    JsonNode first = report().json();
    JsonNode second = report().json();

    ((com.fasterxml.jackson.databind.node.ObjectNode) first).remove("generatedAt");
    ((com.fasterxml.jackson.databind.node.ObjectNode) second).remove("generatedAt");
    assertEquals(first, second);
    assertEquals(40, new Report(second).session("s1").get("aiLinesShipped").asLong());
    assertEquals(2, new Report(second).session("s2").get("aiLinesShipped").asLong());
  }

  @Test
  void aRebaseMergeIsTheSameChangeUnderANewSha() {
    AgentTranscript session = session("s1", "feature/totals");
    String own = agentCommitsTotals(session, "feature/totals");
    repo.git(null, "checkout", "-q", "main");
    repo.write("NOTES.md", "main moved on\n");
    repo.commitAll(WORK.plus(Duration.ofMinutes(10)), "Notes");
    repo.git(WORK.plus(hours(1)), "checkout", "-q", "feature/totals");
    repo.git(WORK.plus(hours(1)), "rebase", "-q", "main");
    String rebased = repo.head();
    repo.git(WORK.plus(hours(1)), "checkout", "-q", "main");
    repo.git(WORK.plus(hours(1)), "merge", "-q", "--ff-only", "feature/totals");
    save(session);

    JsonNode s = report().session("s1");

    assertFalse(own.equals(rebased));
    assertEquals(1, s.get("shippedCommits").asInt());
    assertEquals(40, s.get("aiLinesShipped").asLong());
    assertEquals(List.of("rewritten " + rebased + " -"), landed(s));
  }

  /**
   * GitHub's "Rebase and merge" replays each commit and names the last one replayed the pull
   * request's merge commit: here a reviewer's. The session's work is its own commit replayed, not
   * the reviewer's commit (whose lines are none of its), and that replay came in by the pull
   * request too, though the forge lists the commit only as it was on the branch.
   */
  @Test
  void aRebaseMergedPullRequestLinksTheSessionToItsOwnReplayedCommitOnly() throws Exception {
    AgentTranscript session = session("s1", "feature/totals");
    String own = agentCommitsTotals(session, "feature/totals");
    String review = reviewerRewritesTenLines();
    String[] rebased = rebaseMerge("feature/totals");
    save(session);
    importPullRequest(15, rebased[1], review, own, review);

    JsonNode s = report().session("s1");

    assertEquals(List.of("rewritten " + rebased[0] + " #15"), landed(s));
    assertEquals(1, s.get("shippedCommits").asInt());
    assertEquals(40, s.get("aiLinesShipped").asLong(), "its lines entered main as it wrote them");
    assertEquals(30, s.get("aiLinesAliveAtHead").asLong(), "then the reviewer's commit came");
  }

  @Test
  void aCherryPickFromAnAbandonedBranchIsRewritten() {
    AgentTranscript session = session("s1", "spike");
    String own = agentCommitsTotals(session, "spike");
    repo.git(null, "checkout", "-q", "main");
    repo.git(WORK.plus(hours(2)), "cherry-pick", own);
    String picked = repo.head();
    save(session);

    JsonNode s = report().session("s1");

    assertEquals(1, s.get("shippedCommits").asInt());
    assertEquals(40, s.get("aiLinesShipped").asLong());
    assertEquals(List.of("rewritten " + picked + " -"), landed(s));
  }

  @Test
  void anAmendedMessageKeepsTheWorkTheSessions() {
    AgentTranscript session = session("s1", "main");
    String own = agentCommitsTotals(session, "main");
    repo.git(WORK.plus(Duration.ofMinutes(20)), "commit", "-q", "--amend", "-m", "Add totals");
    String amended = repo.head();
    save(session);

    JsonNode s = report().session("s1");

    assertFalse(own.equals(amended));
    assertEquals(1, s.get("shippedCommits").asInt());
    assertEquals(40, s.get("aiLinesAliveAtHead").asLong());
    assertEquals(List.of("rewritten " + amended + " -"), landed(s));
    assertTrue(links(s).contains("exact " + own + " off"), links(s)::toString);
  }

  @Test
  void aPersonCommittingTheAgentsEditsAnHourLaterShipsThem() {
    AgentTranscript session = session("s1", "main");
    String totals = totals();
    session.write(WORK.plus(Duration.ofMinutes(1)), "totals.py", totals);
    repo.write("totals.py", totals);
    String byHand = repo.commitAll(WORK.plus(hours(1)), "Totals");
    save(session);

    JsonNode s = report().session("s1");

    assertEquals(1, s.get("shippedCommits").asInt());
    assertEquals(40, s.get("aiLinesShipped").asLong());
    assertEquals(List.of("content " + byHand + " -"), landed(s));
    assertFalse(waste(s).contains("discarded"), waste(s)::toString);
  }

  @Test
  void anAbandonedBranchShipsNothingAndIsDiscarded() {
    AgentTranscript session = session("s1", "experiment");
    String own = agentCommitsTotals(session, "experiment");
    session.answers(WORK.plus(Duration.ofMinutes(9)), 40_000);
    repo.git(null, "checkout", "-q", "main");
    repo.write("NOTES.md", "other work\n");
    repo.commitAll(WORK.plus(Duration.ofMinutes(20)), "Notes");
    save(session);

    JsonNode s = report().session("s1");

    assertEquals(0, s.get("shippedCommits").asInt());
    assertEquals(0, s.get("aiLinesShipped").asLong());
    assertEquals(List.of(), landed(s));
    assertEquals(List.of("exact " + own + " off"), links(s));
    assertTrue(waste(s).contains("discarded"), waste(s)::toString);
  }

  @Test
  void aSquashAfterAReviewerRewroteSomeLinesCreditsOnlyTheUntouchedOnes() {
    AgentTranscript session = session("s1", "feature/totals");
    agentCommitsTotals(session, "feature/totals");
    String reviewed = totals().replace("return sum(x * 1 ", "return sum(y * 1 ");
    for (int f = 2; f <= 10; f++) {
      reviewed = reviewed.replace("return sum(x * " + f + " ", "return sum(y * " + f + " ");
    }
    repo.as("reviewer@example.com").write("totals.py", reviewed);
    repo.commitAll(WORK.plus(Duration.ofMinutes(40)), "Review: name the items y");
    repo.as("dev@example.com").git(WORK.plus(hours(1)), "checkout", "-q", "main");
    repo.git(WORK.plus(hours(1)), "merge", "-q", "--squash", "feature/totals");
    String squash = repo.commitAll(WORK.plus(hours(1)), "Add totals (#13)");
    save(session);

    JsonNode s = report().session("s1");

    assertEquals(30, s.get("aiLinesShipped").asLong(), "10 of the 40 lines are the reviewer's");
    assertEquals(30, s.get("aiLinesAliveAtHead").asLong());
    assertEquals(List.of("squashed " + squash + " #13"), landed(s));
  }

  @Test
  void ofTwoSessionsWritingTheSameLinesTheLaterOneOwnsThem() {
    AgentTranscript first = session("s1", "main");
    AgentTranscript second = session("s2", "main");
    String totals = totals();
    first.write(WORK.plus(Duration.ofMinutes(1)), "totals.py", totals);
    String more = totals + "def mean(items):\n    return total_1(items) / len(items)\n";
    second.write(WORK.plus(Duration.ofMinutes(30)), "totals.py", more);
    repo.write("totals.py", more);
    String commit = repo.commitAll(WORK.plus(hours(1)), "Totals and mean");
    save(first);
    save(second);

    Report report = report();

    assertEquals(42, report.session("s2").get("aiLinesShipped").asLong());
    assertEquals(List.of("content " + commit + " -"), landed(report.session("s2")));
    assertEquals(0, report.session("s1").get("aiLinesShipped").asLong());
    assertEquals(0, report.session("s1").get("shippedCommits").asInt());
  }

  @Test
  void aMovedFileKeepsItsLinesAlive() {
    AgentTranscript session = session("s1", "main");
    String own = agentCommitsTotals(session, "main");
    repo.write("shop/__init__.py", "\"\"\"The shop.\"\"\"\n");
    repo.git(null, "mv", "totals.py", "shop/totals.py");
    repo.commitAll(WORK.plus(Duration.ofDays(2)), "Move totals into the package");
    save(session);

    JsonNode s = report().session("s1");

    assertEquals(40, s.get("aiLinesAliveAtHead").asLong());
    assertEquals(40, s.get("aiLinesShipped").asLong());
    assertEquals(List.of("exact " + own + " -"), landed(s));
  }

  @Test
  void trivialLinesFollowTheirNeighbours() {
    AgentTranscript session = session("s1", "main");
    String code =
        FlowRepository.lines(
            "function total(items) {",
            "  let sum = 0;",
            "  for (const x of items) {",
            "    sum += x;",
            "  }",
            "",
            "  return sum;",
            "}");
    session.write(WORK.plus(Duration.ofMinutes(1)), "total.js", code);
    session.write(WORK.plus(Duration.ofMinutes(2)), "empty.js", "\n}\n");
    repo.write("total.js", code);
    // A person's own function beside it: its blank line and brace follow the person's lines.
    repo.write("empty.js", FlowRepository.lines("function noop() {", "  return null;", "", "}"));
    String commit = repo.commitAll(WORK.plus(hours(1)), "Total");
    save(session);

    JsonNode s = report().session("s1");

    assertEquals(8, s.get("aiLinesShipped").asLong(), "the blank line and braces too");
    assertEquals(List.of("content " + commit + " -"), landed(s));
  }

  @Test
  void aCodexSessionsPatchSquashMergedShipsItsLines() {
    CodexRollout codex =
        new CodexRollout(
                "0199c0de-1111-7222-8333-444455556666", WORK, repo.path.toString(), "codex/totals")
            .prompt(WORK, "add a totals module");
    repo.git(null, "checkout", "-q", "-b", "codex/totals");
    codex.addsFile(WORK.plus(Duration.ofMinutes(1)), "shop/totals.py", totals());
    repo.write("shop/totals.py", totals());
    String own = repo.commitAll(WORK.plus(Duration.ofMinutes(2)), "Add totals");
    codex.commits(WORK.plus(Duration.ofMinutes(2)), "codex/totals", own, "Add totals");
    repo.write("shop/test_totals.py", TEST_TOTALS);
    repo.commitAll(WORK.plus(Duration.ofMinutes(3)), "Test totals by hand");
    repo.git(WORK.plus(hours(1)), "checkout", "-q", "main");
    repo.git(WORK.plus(hours(1)), "merge", "-q", "--squash", "codex/totals");
    String squash = repo.commitAll(WORK.plus(hours(1)), "Add totals (#21)");
    repo.git(null, "branch", "-q", "-D", "codex/totals");
    cli.write(
        ".codex/sessions/2026/11/02/rollout-2026-11-02T10-00-00-" + codex.id + ".jsonl",
        codex.text());

    JsonNode s = report().session(codex.id);

    assertEquals("codex", s.get("source").asText());
    assertEquals(40, s.get("aiLinesWritten").asLong());
    assertEquals(40, s.get("aiLinesShipped").asLong(), "the tests a person wrote are not its");
    assertEquals(List.of("squashed " + squash + " #21"), landed(s));
  }

  @Test
  void aPullRequestTheForgeListsLinksASquashEvenWhenNoLineSurvived() throws Exception {
    AgentTranscript session = session("s1", "feature/totals");
    String own = agentCommitsTotals(session, "feature/totals");
    repo.git(null, "checkout", "-q", "main");
    // A reviewer rewrote every line before the squash: only the pull request tells.
    repo.write("totals.py", totals().replace("items", "values"));
    String squash = repo.commitAll(WORK.plus(hours(3)), "Totals");
    repo.git(null, "branch", "-q", "-D", "feature/totals");
    repo.git(null, "reflog", "expire", "--expire=now", "--all");
    repo.git(null, "gc", "-q", "--prune=now");
    save(session);
    Path pulls = folder.resolve("pulls.json");
    java.nio.file.Files.writeString(
        pulls,
        ("{\"number\":14,\"state\":\"closed\",\"merged_at\":\"2026-11-02T13:00:00Z\","
                + "\"created_at\":\"2026-11-02T10:10:00Z\",\"updated_at\":\"2026-11-02T13:00:00Z\","
                + "\"closed_at\":\"2026-11-02T13:00:00Z\",\"merge_commit_sha\":\"%s\","
                + "\"user\":{\"login\":\"dev\"},\"head\":{\"sha\":\"%s\",\"ref\":\"feature/totals\"},"
                + "\"base\":{\"ref\":\"main\"},\"commit_list\":[{\"sha\":\"%s\"}]}\n")
            .formatted(squash, own, own));
    CliHarness.Result imported =
        cli.run("import", "github", "shop/shop", "--from", pulls.toString());
    assertEquals(0, imported.exitCode(), imported::toString);
    repo.git(null, "remote", "add", "origin", "https://github.com/shop/shop.git");

    JsonNode s = report().session("s1");

    assertEquals(List.of("squashed " + squash + " #14"), landed(s));
    assertEquals(1, s.get("shippedCommits").asInt());
    assertEquals(0, s.get("aiLinesShipped").asLong(), "no line of its survived the review");
    assertEquals(0, s.get("unresolved").size(), "the pull request knows the sha git lost");
  }

  @Test
  void withoutTheLinesTextACommitInTheSessionsWindowIsStillInferred() {
    AgentTranscript session = session("s1", "main");
    session.answers(WORK.plus(Duration.ofMinutes(5)), 20_000);
    repo.write("totals.py", totals());
    String commit =
        repo.commitAll(
            WORK.plus(Duration.ofMinutes(10)),
            "Totals\n\nCo-Authored-By: Claude <noreply@anthropic.com>");
    save(session);

    JsonNode s = report().session("s1");

    assertEquals(List.of("inferred " + commit + " -"), landed(s));
    assertEquals(
        0.8,
        s.get("commits").get(0).get("confidence").asDouble(),
        1e-9,
        "0.6 + 0.2 the person's + 0.1 AI evidence - 0.1 after the session");
  }

  // --- the flows' parts

  /** A reviewer's commit on the checked-out branch: ten of totals.py's lines, renamed. */
  private String reviewerRewritesTenLines() {
    String reviewed = totals();
    for (int f = 1; f <= 10; f++) {
      reviewed = reviewed.replace("return sum(x * " + f + " ", "return sum(y * " + f + " ");
    }
    repo.as("reviewer@example.com").write("totals.py", reviewed);
    String sha = repo.commitAll(WORK.plus(Duration.ofMinutes(40)), "Review: name the items y");
    repo.as("dev@example.com");
    return sha;
  }

  /**
   * Main moves on, then the branch's commits are replayed onto it and main fast-forwards, and the
   * branch is deleted (its commits stay in the repository); returns the replayed shas, oldest
   * first.
   */
  private String[] rebaseMerge(String branch) {
    repo.git(null, "checkout", "-q", "main");
    repo.write("NOTES.md", "main moved on\n");
    repo.commitAll(WORK.plus(Duration.ofMinutes(50)), "Notes");
    repo.git(WORK.plus(hours(1)), "checkout", "-q", branch);
    repo.git(WORK.plus(hours(1)), "rebase", "-q", "main");
    String[] replayed =
        repo.git(null, "rev-list", "--reverse", "main.." + branch).strip().split("\n");
    repo.git(WORK.plus(hours(1)), "checkout", "-q", "main");
    repo.git(WORK.plus(hours(1)), "merge", "-q", "--ff-only", branch);
    repo.git(null, "branch", "-q", "-D", branch);
    return replayed;
  }

  /** The forge's word on a merged pull request, imported as {@code gh api} would have saved it. */
  private void importPullRequest(int number, String mergeCommit, String head, String... commits)
      throws java.io.IOException {
    StringJoiner list = new StringJoiner(",");
    for (String commit : commits) {
      list.add("{\"sha\":\"" + commit + "\"}");
    }
    Path pulls = folder.resolve("pulls.json");
    java.nio.file.Files.writeString(
        pulls,
        ("{\"number\":%d,\"state\":\"closed\",\"merged_at\":\"2026-11-02T11:00:00Z\","
                + "\"created_at\":\"2026-11-02T10:10:00Z\",\"updated_at\":\"2026-11-02T11:00:00Z\","
                + "\"closed_at\":\"2026-11-02T11:00:00Z\",\"merge_commit_sha\":\"%s\","
                + "\"user\":{\"login\":\"dev\"},\"head\":{\"sha\":\"%s\",\"ref\":\"feature/totals\"},"
                + "\"base\":{\"ref\":\"main\"},\"commit_list\":[%s]}\n")
            .formatted(number, mergeCommit, head, list));
    CliHarness.Result imported =
        cli.run("import", "github", "shop/shop", "--from", pulls.toString());
    assertEquals(0, imported.exitCode(), imported::toString);
    repo.git(null, "remote", "add", "origin", "https://github.com/shop/shop.git");
  }

  /** A session in the repository's folder on {@code branch}. */
  private AgentTranscript session(String id, String branch) {
    return new AgentTranscript(id, repo.path.toString(), branch)
        .prompt(WORK, "add a totals module for " + id);
  }

  /**
   * The agent writes totals.py (40 lines) on {@code branch} and commits it itself: its transcript
   * prints the commit; returns the commit's sha.
   */
  private String agentCommitsTotals(AgentTranscript session, String branch) {
    if (!branch.equals("main")) {
      repo.git(null, "checkout", "-q", "-b", branch);
    }
    String totals = totals();
    session.write(WORK.plus(Duration.ofMinutes(1)), "totals.py", totals);
    repo.write("totals.py", totals);
    String sha = repo.commitAll(WORK.plus(Duration.ofMinutes(5)), "Add totals");
    session.commits(WORK.plus(Duration.ofMinutes(5)), branch, sha, "Add totals");
    return sha;
  }

  static final String TEST_TOTALS =
      FlowRepository.lines("def test_total_1():", "    assert total_1([1, 2]) == 3");

  /** Forty lines that each carry information. */
  static String totals() {
    StringBuilder code = new StringBuilder();
    for (int f = 1; f <= 20; f++) {
      code.append("def total_%d(items):\n".formatted(f));
      code.append("    return sum(x * %d for x in items)\n".formatted(f));
    }
    return code.toString();
  }

  private void save(AgentTranscript session) {
    cli.write(".claude/projects/-repo/" + session.session + ".jsonl", session.text());
  }

  private static Duration hours(int hours) {
    return Duration.ofHours(hours);
  }

  private Report report() {
    CliHarness.Result result = cli.run("report", repo.path.toString(), "--json");
    assertEquals(0, result.exitCode(), result::toString);
    return new Report(result.json());
  }

  /** The report's document, with its sessions by id. */
  record Report(JsonNode json) {
    JsonNode session(String id) {
      for (JsonNode session : json.get("sessions")) {
        if (session.get("sessionId").asText().equals(id)) {
          return session;
        }
      }
      throw new AssertionError("no session " + id + " in " + json);
    }
  }

  /** {@code "kind sha #pr"} of each commit the session's work landed as. */
  static List<String> landed(JsonNode session) {
    List<String> landed = new ArrayList<>();
    for (JsonNode link : session.get("landedAs")) {
      landed.add(
          "%s %s %s"
              .formatted(
                  link.get("link").asText(),
                  link.get("sha").asText(),
                  link.get("prNumber").isNull() ? "-" : "#" + link.get("prNumber").asInt()));
    }
    return landed;
  }

  /** {@code "kind sha on|off"} of every link (on: the commit is on the default branch). */
  static List<String> links(JsonNode session) {
    List<String> links = new ArrayList<>();
    for (JsonNode link : session.get("commits")) {
      StringJoiner text = new StringJoiner(" ");
      text.add(link.get("link").asText()).add(link.get("sha").asText());
      text.add(link.get("onBranch").asBoolean() ? "-" : "off");
      links.add(text.toString());
    }
    return links;
  }

  static List<String> waste(JsonNode session) {
    List<String> kinds = new ArrayList<>();
    session.get("waste").forEach(w -> kinds.add(w.get("kind").asText()));
    return kinds;
  }
}
