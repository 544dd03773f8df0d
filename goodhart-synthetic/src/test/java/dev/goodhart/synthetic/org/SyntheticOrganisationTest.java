package dev.goodhart.synthetic.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.prices.PriceFiles;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.pricing.ModelPrice;
import dev.goodhart.model.pricing.PriceTable;
import dev.goodhart.synthetic.org.OrganisationTruth.Commit;
import dev.goodhart.synthetic.org.OrganisationTruth.Repository;
import dev.goodhart.synthetic.org.OrganisationTruth.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The organisation against git and against its own logs: the repositories are sound and hold every
 * commit the truth names, each session's log shows its exact commits as the brief describes and its
 * edits are what its commits hold, inferred commits follow their sessions, the truth survives JSON,
 * and one seed makes one organisation.
 */
class SyntheticOrganisationTest {
  static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");

  @TempDir static Path temp;
  static Path out;
  static OrganisationTruth truth;

  @BeforeAll
  static void generate() {
    out = temp.resolve("org");
    truth = SyntheticOrganisation.generate(out, OrganisationSpec.of(42, NOW));
  }

  static GitCommand git(String repository) {
    return TruthChecks.git(repository);
  }

  @Test
  void repositoriesAreSoundAndHoldEveryCommitOfTheTruth() {
    assertEquals(3, truth.repositories().size());
    TruthChecks.repositoriesHoldTheTruth(truth);
    int commits = truth.commits().size();
    assertTrue(commits > 150 && commits < 600, "a few hundred commits: " + commits);
    int sessions = truth.sessions().size();
    assertTrue(sessions > 30 && sessions < 150, "some tens of sessions: " + sessions);
  }

  @Test
  void exactCommitsAppearInTheirSessionsOwnToolOutput() {
    int exact = TruthChecks.exactCommitsShowInTheirSessionsOwnOutput(truth);
    assertTrue(exact > 40, "exact links: " + exact);
  }

  @Test
  void commitsByHandFollowTheirSessionsBySamePersonOnSameBranch() {
    double share = TruthChecks.handCommitsFollowTheirSessions(truth);
    assertTrue(share > 0.05 && share < 0.25, "share by hand of the sessions' commits: " + share);
  }

  @Test
  void pullRequestsAndDeploymentsAreWhatTheFilesSay() throws IOException {
    TruthChecks.pullRequestsAndDeploymentsAreWhatTheFilesSay(truth);
    Map<String, Long> outcomes =
        truth.pullRequests().stream()
            .collect(
                Collectors.groupingBy(
                    OrganisationTruth.PullRequest::outcome, Collectors.counting()));
    for (String outcome : List.of("merge", "squash", "rebase", "closed")) {
      assertTrue(outcomes.getOrDefault(outcome, 0L) > 0, outcome + " in " + outcomes);
    }
    long reviewed = truth.pullRequests().stream().filter(pr -> pr.reviews() > 0).count();
    assertTrue(reviewed > truth.pullRequests().size() / 2, "most are reviewed: " + reviewed);
    assertTrue(
        truth.commits().stream().anyMatch(c -> c.kind().equals("review")),
        "some reviewers rewrite lines themselves");
    Map<String, Long> statuses =
        truth.deployments().stream()
            .collect(
                Collectors.groupingBy(OrganisationTruth.Deployment::status, Collectors.counting()));
    assertTrue(statuses.getOrDefault("success", 0L) > 40, "deployments: " + statuses);
    assertTrue(statuses.getOrDefault("failure", 0L) > 0, "some fail: " + statuses);
  }

  @Test
  void linesAreWhereTheTruthSays() {
    TruthChecks.linesAreWhereTheTruthSays(truth);
    Map<String, Long> kinds =
        truth.sessions().stream()
            .flatMap(s -> s.landedAs().stream())
            .collect(Collectors.groupingBy(OrganisationTruth.Link::kind, Collectors.counting()));
    for (String kind : List.of("exact", "rewritten", "squashed", "content")) {
      assertTrue(kinds.getOrDefault(kind, 0L) > 0, kind + " in " + kinds);
    }
    long written = truth.sessions().stream().mapToLong(s -> s.lines().size()).sum();
    long trivial =
        truth.sessions().stream()
            .flatMap(s -> s.lines().stream())
            .filter(
                line ->
                    dev.goodhart.model.git.LineHash.isTrivial(
                        dev.goodhart.model.git.LineHash.of(line.text())))
            .count();
    assertTrue(
        trivial > written / 20 && trivial < written / 3,
        "blank lines and brackets among the lines written: " + trivial + " of " + written);
  }

  @Test
  void editsInTheLogsAreExactlyWhatTheCommitsHold() {
    TruthChecks.editsAreWhatTheCommitsHold(truth);
  }

  @Test
  void sessionsSayWhereAndWhenTheyWorked() {
    TruthChecks.sessionsSayWhereAndWhenTheyWorked(truth, out);
  }

  @Test
  void everyWasteKindIsThereAsDescribed() {
    TruthChecks.wasteIsAsDescribed(truth);
  }

  /** Other sizes and seeds: the same must hold of them. */
  @ParameterizedTest
  @CsvSource({"5, 12, 4, 60", "9, 2, 1, 14", "11, 5, 6, 30"})
  void otherOrganisationsHoldTheSame(long seed, int people, int repositories, int days)
      throws IOException {
    Path elsewhere = temp.resolve("spec-" + seed);
    OrganisationTruth other =
        SyntheticOrganisation.generate(
            elsewhere, new OrganisationSpec(seed, NOW, people, repositories, days));
    TruthChecks.repositoriesHoldTheTruth(other);
    TruthChecks.exactCommitsShowInTheirSessionsOwnOutput(other);
    TruthChecks.handCommitsFollowTheirSessions(other);
    TruthChecks.editsAreWhatTheCommitsHold(other);
    TruthChecks.pullRequestsAndDeploymentsAreWhatTheFilesSay(other);
    TruthChecks.linesAreWhereTheTruthSays(other);
    TruthChecks.sessionsSayWhereAndWhenTheyWorked(other, elsewhere);
    TruthChecks.wasteIsAsDescribed(other);
  }

  @Test
  void historyHasPullRequestsSquashesRevertsAndAgentMarks() {
    Map<String, String> messages = new HashMap<>();
    for (Repository repository : truth.repositories()) {
      StringBuilder shas = new StringBuilder();
      TruthChecks.commitsOf(truth, repository).forEach(c -> shas.append(c.sha()).append('\n'));
      String log =
          git(repository.path())
              .run(
                  shas.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                  "log",
                  "--no-walk=unsorted",
                  "--stdin",
                  "--format=%H%x00%B%x01");
      for (String entry : log.split("\u0001")) {
        String[] parts = entry.strip().split("\u0000", 2);
        if (parts.length == 2) {
          messages.put(parts[0], parts[1]);
        }
      }
    }
    Map<String, List<Commit>> byKind =
        truth.commits().stream().collect(Collectors.groupingBy(Commit::kind));
    for (String kind :
        List.of(
            "initial",
            "human",
            "agent",
            "hand-after-session",
            "merge",
            "squash",
            "rebased",
            "review",
            "revert")) {
      assertTrue(byKind.containsKey(kind), "some " + kind + " commits");
    }
    for (Commit merge : byKind.get("merge")) {
      assertEquals(2, merge.parents().size());
      assertTrue(
          merge.subject().matches("Merge pull request #" + merge.pullRequest() + " from acme/.+"));
    }
    for (Commit squash : byKind.get("squash")) {
      assertTrue(squash.subject().endsWith(" (#" + squash.pullRequest() + ")"));
      assertFalse(squash.squashOf().isEmpty());
      squash.squashOf().forEach(sha -> assertFalse(truth.commit(sha).orElseThrow().shipped()));
    }
    for (Commit revert : byKind.get("revert")) {
      assertTrue(
          messages.get(revert.sha()).contains("This reverts commit " + revert.revertOf() + "."));
      assertTrue(truth.commit(revert.revertOf()).isPresent());
    }
    Map<String, Session> sessions = new HashMap<>();
    truth.sessions().forEach(s -> sessions.put(s.sessionId(), s));
    List<String> claude = new ArrayList<>();
    List<String> codex = new ArrayList<>();
    for (Commit agent : byKind.get("agent")) {
      (sessions.get(agent.sessionId()).source().equals("claude") ? claude : codex)
          .add(messages.get(agent.sha()));
    }
    assertTrue(
        claude.stream()
            .anyMatch(m -> m.contains("\n\nCo-Authored-By: Claude <noreply@anthropic.com>")));
    assertTrue(
        claude.stream()
            .anyMatch(
                m ->
                    m.contains("🤖 Generated with [Claude Code](https://claude.com/claude-code)")));
    assertTrue(
        codex.stream().anyMatch(m -> m.contains("Co-authored-by: Codex <codex@openai.com>")));
    assertTrue(
        codex.stream().anyMatch(m -> !m.contains("Co-authored-by")),
        "some Codex commits carry no mark");
    assertTrue(byKind.get("human").stream().allMatch(c -> c.sessionId() == null));
  }

  @Test
  void someLinesAgentsWroteDieAndSomeSurvive() throws IOException {
    int alive = 0;
    int dead = 0;
    for (Repository repository : truth.repositories()) {
      Set<String> atHead = new java.util.HashSet<>();
      try (var files = Files.walk(Path.of(repository.path()))) {
        for (Path file :
            files
                .filter(Files::isRegularFile)
                .filter(f -> !f.toString().contains("/.git/"))
                .toList()) {
          atHead.addAll(Files.readAllLines(file));
        }
      }
      GitCommand git = git(repository.path());
      for (Commit commit : TruthChecks.commitsOf(truth, repository)) {
        if (!commit.shipped() || commit.sessionId() == null) {
          continue;
        }
        for (String line : git.run("show", "--format=", "-U0", commit.sha()).split("\n")) {
          if (line.startsWith("+") && !line.startsWith("+++") && line.strip().length() > 3) {
            if (atHead.contains(line.substring(1))) {
              alive++;
            } else {
              dead++;
            }
          }
        }
      }
    }
    double deadShare = dead / (double) (alive + dead);
    assertTrue(
        deadShare > 0.05 && deadShare < 0.8,
        "share of shipped agent lines gone at head: " + deadShare);
  }

  @Test
  void sessionsCostWhatSuchSessionsCost() {
    PriceTable prices = PriceFiles.builtIn();
    double most = 0;
    double total = 0;
    for (Session session : truth.sessions()) {
      ModelPrice price = prices.find(session.model()).orElseThrow();
      OrganisationTruth.Tokens tokens = session.tokens();
      double cost =
          price
              .cost(
                  TokenCounts.of(
                      tokens.input(), tokens.output(), tokens.cacheRead(), tokens.cacheWrite()),
                  false,
                  false)
              .doubleValue();
      if (session.requests() <= 12) {
        assertTrue(cost < 1, "a light session costs cents, not $" + cost);
      }
      most = Math.max(most, cost);
      total += cost;
    }
    assertTrue(most >= 5 && most <= 40, "the heaviest session costs $" + most);
    assertTrue(total > 50 && total < 1_500, "the organisation spent $" + total);
  }

  @Test
  void truthRoundTripsThroughJson() {
    assertEquals(truth, OrganisationTruth.read(out.resolve("truth.json")));
  }

  @Test
  void theSameSeedMakesTheSameOrganisation() throws IOException {
    Path again = temp.resolve("again");
    OrganisationTruth second = SyntheticOrganisation.generate(again, OrganisationSpec.of(42, NOW));
    assertEquals(shas(truth), shas(second), "the place does not change the history");
    Map<String, String> written = digests(again.resolve("people"));
    String truthText = Files.readString(again.resolve("truth.json"));
    deleteTree(again);
    OrganisationTruth third = SyntheticOrganisation.generate(again, OrganisationSpec.of(42, NOW));
    assertEquals(second, third);
    assertEquals(truthText, Files.readString(again.resolve("truth.json")));
    assertEquals(written, digests(again.resolve("people")), "the logs, byte for byte");
    OrganisationTruth other =
        SyntheticOrganisation.generate(temp.resolve("other"), OrganisationSpec.of(43, NOW));
    assertNotEquals(shas(truth), shas(other));
  }

  /** Every file below {@code root} by relative path, with a digest of its bytes. */
  private static Map<String, String> digests(Path root) throws IOException {
    Map<String, String> digests = new java.util.TreeMap<>();
    try (var files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] digest;
        try {
          digest =
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
        digests.put(root.relativize(file).toString(), java.util.HexFormat.of().formatHex(digest));
      }
    }
    return digests;
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void aTinyOrganisationIsStillWhole() {
    Path tiny = temp.resolve("tiny");
    OrganisationTruth small =
        SyntheticOrganisation.generate(
            tiny, OrganisationSpec.of(7, NOW).withPeople(1).withRepositories(1).withDays(7));
    git(small.repositories().getFirst().path()).run("fsck", "--strict", "--no-progress");
    assertFalse(small.sessions().isEmpty());
    assertTrue(small.commits().size() > 1);
  }

  /** Text about the organisation in {@code from} as it reads about the one in {@code to}. */
  private static String moved(String text, Path from, Path to) {
    return text.replace(from.toString(), to.toString()).replace(folderName(from), folderName(to));
  }

  /** How Claude Code names a project folder after its path. */
  private static String folderName(Path path) {
    return path.toString().replace('/', '-').replace('.', '-');
  }

  private static List<String> shas(OrganisationTruth of) {
    return of.commits().stream().map(Commit::sha).toList();
  }
}
