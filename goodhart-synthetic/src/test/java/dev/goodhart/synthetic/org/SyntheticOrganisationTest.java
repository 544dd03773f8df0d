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
import dev.goodhart.synthetic.org.OrganisationTruth.SessionCommit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    return new GitCommand(Path.of(repository), NOW);
  }

  static List<Commit> commitsOf(Repository repository) {
    return truth.commits().stream().filter(c -> c.repository().equals(repository.path())).toList();
  }

  @Test
  void repositoriesAreSoundAndHoldEveryCommitOfTheTruth() {
    assertEquals(3, truth.repositories().size());
    for (Repository repository : truth.repositories()) {
      GitCommand git = git(repository.path());
      git.run("fsck", "--strict", "--no-progress");
      assertEquals("main", git.run("rev-parse", "--abbrev-ref", "HEAD").strip());
      assertEquals("", git.run("status", "--porcelain"), "main is checked out, clean");
      List<Commit> commits = commitsOf(repository);
      assertEquals(
          commits.size(),
          Integer.parseInt(git.run("rev-list", "--all", "--count").strip()),
          "every commit in the repository is in the truth");
      Map<String, String[]> logged = new HashMap<>();
      for (String line : git.run("log", "--all", "--format=%H|%P|%ae|%at").split("\n")) {
        String[] fields = line.split("\\|", -1);
        logged.put(fields[0], fields);
      }
      Set<String> onMain = Set.of(git.run("rev-list", "main").split("\n"));
      for (Commit commit : commits) {
        String[] fields = logged.get(commit.sha());
        assertTrue(fields != null, commit.sha() + " is in " + repository.name());
        assertEquals(String.join(" ", commit.parents()), fields[1], "parents of " + commit.sha());
        assertEquals(commit.author(), fields[2]);
        assertEquals(commit.authored().getEpochSecond(), Long.parseLong(fields[3]));
        assertEquals(onMain.contains(commit.sha()), commit.shipped(), "shipped " + commit.sha());
      }
    }
    assertTrue(
        truth.commits().size() > 150 && truth.commits().size() < 600, "a few hundred commits");
    assertTrue(
        truth.sessions().size() > 30 && truth.sessions().size() < 150, "some tens of sessions");
  }

  @Test
  void exactCommitsAppearInTheirSessionsOwnToolOutput() {
    int exact = 0;
    for (Session session : truth.sessions()) {
      SessionLog log = SessionLog.read(Path.of(session.logFile()), session.source());
      List<SessionCommit> expected =
          session.commits().stream().filter(c -> c.link().equals("exact")).toList();
      List<SessionLog.Committed> shown = log.commits();
      assertEquals(expected.size(), shown.size(), "commits shown by " + session.sessionId());
      for (int i = 0; i < shown.size(); i++) {
        SessionLog.Committed committed = shown.get(i);
        Commit commit = truth.commit(expected.get(i).sha()).orElseThrow();
        assertTrue(commit.sha().startsWith(committed.shortSha()));
        assertEquals(7, committed.shortSha().length());
        assertEquals(session.branch(), committed.branch());
        assertEquals(commit.subject(), committed.subject());
        assertEquals(session.sessionId(), commit.sessionId());
        assertEquals("agent", commit.kind());
        assertTrue(within(committed.at(), session.start(), session.end()));
        assertTrue(within(commit.authored(), session.start(), session.end()));
        exact++;
      }
    }
    assertTrue(exact > 40, "exact links: " + exact);
  }

  @Test
  void inferredCommitsFollowTheirSessionsBySamePersonOnSameBranch() {
    int inferred = 0;
    int linked = 0;
    for (Session session : truth.sessions()) {
      for (SessionCommit link : session.commits()) {
        linked++;
        if (!link.link().equals("inferred")) {
          continue;
        }
        inferred++;
        Commit commit = truth.commit(link.sha()).orElseThrow();
        assertTrue(
            within(commit.authored(), session.end(), session.end().plus(Duration.ofMinutes(30))),
            "inferred "
                + commit.sha()
                + " at "
                + commit.authored()
                + ", session ended "
                + session.end());
        assertEquals(session.person(), commit.author());
        assertEquals(session.branch(), commit.branch());
        assertEquals(session.repository(), commit.repository());
        assertEquals("hand-after-session", commit.kind());
      }
    }
    double share = inferred / (double) linked;
    assertTrue(share > 0.05 && share < 0.3, "inferred share " + share);
  }

  @Test
  void editsInTheLogsAreExactlyWhatTheCommitsHold() {
    for (Session session : truth.sessions()) {
      GitCommand git = git(session.repository());
      Path root = Path.of(session.repository());
      EditReplay replay =
          new EditReplay(path -> show(git, session.head(), root.relativize(Path.of(path))));
      SessionLog log = SessionLog.read(Path.of(session.logFile()), session.source());
      List<SessionCommit> exact =
          session.commits().stream().filter(c -> c.link().equals("exact")).toList();
      int next = 0;
      for (SessionLog.Event event : log.events) {
        replay.apply(event);
        if (event instanceof SessionLog.Committed) {
          assertHolds(git, root, List.of(exact.get(next++).sha()), replay.takeTouched());
        }
      }
      List<String> inferred =
          session.commits().stream()
              .filter(c -> c.link().equals("inferred"))
              .map(SessionCommit::sha)
              .toList();
      Map<String, String> left = replay.takeTouched();
      if (!inferred.isEmpty()) {
        assertHolds(git, root, inferred, left);
      }
    }
  }

  /** The commits change exactly the edited files, and leave them as the edits did. */
  private static void assertHolds(
      GitCommand git, Path root, List<String> shas, Map<String, String> edited) {
    Map<String, String> committed = new HashMap<>();
    for (String sha : shas) {
      for (String file :
          git.run("diff-tree", "--no-commit-id", "--name-only", "-r", sha).split("\n")) {
        committed.put(root.resolve(file).toString(), show(git, sha, Path.of(file)));
      }
    }
    assertEquals(
        new TreeSet<>(edited.keySet()), new TreeSet<>(committed.keySet()), "files of " + shas);
    edited.forEach((path, text) -> assertEquals(text, committed.get(path), path + " in " + shas));
  }

  private static String show(GitCommand git, String sha, Path file) {
    try {
      return git.run("show", sha + ":" + file);
    } catch (GitCommand.GitFailedException missing) {
      return null;
    }
  }

  @Test
  void sessionsSayWhereAndWhenTheyWorked() {
    for (Session session : truth.sessions()) {
      SessionLog log = SessionLog.read(Path.of(session.logFile()), session.source());
      assertEquals(Set.of(session.cwd()), log.cwds);
      assertTrue(Path.of(session.cwd()).startsWith(session.repository()));
      assertEquals(Set.of(session.branch()), log.branches);
      assertEquals(session.start(), log.times.getFirst());
      assertEquals(session.end(), log.times.getLast());
      assertEquals(session.requests(), log.requests.size(), "requests of " + session.sessionId());
      Path file = Path.of(session.logFile());
      if (session.source().equals("claude")) {
        assertEquals(out.resolve("home/.claude/projects"), file.getParent().getParent());
        assertEquals(
            session.cwd().replace('/', '-').replace('.', '-'),
            file.getParent().getFileName().toString());
      } else {
        assertTrue(file.startsWith(out.resolve("home/.codex/sessions")));
        assertTrue(
            file.getFileName()
                .toString()
                .matches(
                    "rollout-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-"
                        + session.sessionId()
                        + "\\.jsonl"));
        assertTrue(
            log.repositoryUrl.endsWith("/" + Path.of(session.repository()).getFileName() + ".git"));
      }
    }
  }

  @Test
  void everyWasteKindIsThereAsDescribed() {
    Map<String, List<Session>> byKind = new HashMap<>();
    truth
        .sessions()
        .forEach(
            s ->
                s.waste()
                    .forEach(kind -> byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(s)));
    assertEquals(
        Set.of("discarded", "loop", "context-bloat", "unattended", "parallel"), byKind.keySet());
    for (Session session : truth.sessions()) {
      assertEquals(!session.shipped(), session.waste().contains("discarded"), session.sessionId());
    }
    for (Session loop : byKind.get("loop")) {
      List<String> prompts = SessionLog.read(Path.of(loop.logFile()), loop.source()).prompts;
      long most =
          prompts.stream()
              .collect(Collectors.groupingBy(p -> p, Collectors.counting()))
              .values()
              .stream()
              .max(Long::compare)
              .orElse(0L);
      assertTrue(most >= 4, "a loop repeats a prompt " + most + " times");
    }
    for (Session bloat : byKind.get("context-bloat")) {
      assertTrue(bloat.tokens().cacheRead() / bloat.requests() > 100_000, "huge cache reads");
      assertTrue(bloat.tokens().output() / bloat.requests() < 150, "tiny output");
      assertTrue(bloat.requests() >= 25, "many calls");
    }
    for (Session unattended : byKind.get("unattended")) {
      SessionLog log = SessionLog.read(Path.of(unattended.logFile()), unattended.source());
      assertEquals(1, log.prompts.size());
      assertTrue(unattended.requests() >= 40);
      assertTrue(Duration.between(unattended.start(), unattended.end()).toMinutes() >= 45);
      assertTrue(unattended.commits().isEmpty());
    }
    for (Session shadow : byKind.get("parallel")) {
      assertTrue(shadow.commits().isEmpty());
      assertTrue(
          truth.sessions().stream()
              .anyMatch(
                  other ->
                      other != shadow
                          && other.person().equals(shadow.person())
                          && other.repository().equals(shadow.repository())
                          && other.branch().equals(shadow.branch())
                          && other.start().isBefore(shadow.end())
                          && shadow.start().isBefore(other.end())
                          && !other.commits().isEmpty()),
          "a parallel session has a twin that commits");
    }
    List<Session> discarded = byKind.get("discarded");
    assertTrue(
        discarded.stream().anyMatch(s -> s.commits().isEmpty() && s.aiLinesWritten() > 0),
        "edits never committed");
    assertTrue(
        discarded.stream().anyMatch(s -> !s.commits().isEmpty()),
        "commits only on an abandoned branch");
  }

  @Test
  void historyHasPullRequestsSquashesRevertsAndAgentMarks() {
    Map<String, String> messages = new HashMap<>();
    for (Repository repository : truth.repositories()) {
      for (String entry :
          git(repository.path()).run("log", "--all", "--format=%H%x00%B%x01").split("\u0001")) {
        String[] parts = entry.strip().split("\u0000", 2);
        if (parts.length == 2) {
          messages.put(parts[0], parts[1]);
        }
      }
    }
    Map<String, List<Commit>> byKind =
        truth.commits().stream().collect(Collectors.groupingBy(Commit::kind));
    for (String kind :
        List.of("initial", "human", "agent", "hand-after-session", "merge", "squash", "revert")) {
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
      for (Commit commit : commitsOf(repository)) {
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
    Map<String, String> written = digests(again.resolve("home"));
    String truthText = Files.readString(again.resolve("truth.json"));
    deleteTree(again);
    OrganisationTruth third = SyntheticOrganisation.generate(again, OrganisationSpec.of(42, NOW));
    assertEquals(second, third);
    assertEquals(truthText, Files.readString(again.resolve("truth.json")));
    assertEquals(written, digests(again.resolve("home")), "the logs, byte for byte");
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

  private static boolean within(Instant at, Instant from, Instant to) {
    return !at.isBefore(from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) && !at.isAfter(to);
  }
}
