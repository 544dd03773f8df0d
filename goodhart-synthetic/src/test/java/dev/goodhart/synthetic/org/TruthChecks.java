package dev.goodhart.synthetic.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.synthetic.org.OrganisationTruth.Commit;
import dev.goodhart.synthetic.org.OrganisationTruth.Repository;
import dev.goodhart.synthetic.org.OrganisationTruth.Session;
import dev.goodhart.synthetic.org.OrganisationTruth.SessionCommit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What must hold of any synthetic organisation, checked against git and against the logs as {@link
 * SessionLog} reads them: the repositories hold exactly the truth's commits; each session's log
 * shows its exact commits; commits by hand follow their sessions; the edits in a log are what its
 * commits hold; sessions say where and when they worked; pull requests and deployments are what
 * their files say; the lines the truth follows are where it says; each waste is as described.
 */
final class TruthChecks {
  private TruthChecks() {}

  static GitCommand git(String repository) {
    return new GitCommand(Path.of(repository), Instant.EPOCH);
  }

  static List<Commit> commitsOf(OrganisationTruth truth, Repository repository) {
    return truth.commits().stream().filter(c -> c.repository().equals(repository.path())).toList();
  }

  static boolean within(Instant at, Instant from, Instant to) {
    return !at.isBefore(from.truncatedTo(ChronoUnit.SECONDS)) && !at.isAfter(to);
  }

  /** Every commit of the truth as git shows it: sha, parents, author, author time. */
  static Map<String, String[]> logged(GitCommand git, List<Commit> commits) {
    StringBuilder shas = new StringBuilder();
    commits.forEach(commit -> shas.append(commit.sha()).append('\n'));
    Map<String, String[]> logged = new HashMap<>();
    String log =
        git.run(
            shas.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "log",
            "--no-walk=unsorted",
            "--stdin",
            "--format=%H|%P|%ae|%at");
    for (String line : log.split("\n")) {
      String[] fields = line.split("\\|", -1);
      logged.put(fields[0], fields);
    }
    return logged;
  }

  /**
   * The repositories hold the truth's commits, and nothing else: those of branches deleted after
   * their pull request merged are still there, unreachable, as in the clone of whoever made them.
   */
  static void repositoriesHoldTheTruth(OrganisationTruth truth) {
    for (Repository repository : truth.repositories()) {
      GitCommand git = git(repository.path());
      git.run("fsck", "--strict", "--no-progress", "--no-dangling");
      assertEquals("main", git.run("rev-parse", "--abbrev-ref", "HEAD").strip());
      assertEquals("", git.run("status", "--porcelain"), "main is checked out, clean");
      assertEquals(
          "https://github.com/" + repository.fullName() + ".git",
          git.run("remote", "get-url", "origin").strip());
      List<Commit> commits = commitsOf(truth, repository);
      Set<String> inTruth = new java.util.HashSet<>();
      commits.forEach(commit -> inTruth.add(commit.sha()));
      List<String> reachable = List.of(git.run("rev-list", "--all").split("\n"));
      assertTrue(inTruth.containsAll(reachable), "every commit in the repository is in the truth");
      Map<String, String[]> logged = logged(git, commits);
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
  }

  static int exactCommitsShowInTheirSessionsOwnOutput(OrganisationTruth truth) {
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
    return exact;
  }

  /**
   * A commit a person made of a session's edits follows the session, mostly within half an hour,
   * now and then a couple of hours later. Returns their share of the sessions' commits.
   */
  static double handCommitsFollowTheirSessions(OrganisationTruth truth) {
    int inferred = 0;
    int linked = 0;
    for (Session session : truth.sessions()) {
      for (SessionCommit link : session.commits()) {
        linked++;
        if (!link.link().equals("hand")) {
          continue;
        }
        inferred++;
        Commit commit = truth.commit(link.sha()).orElseThrow();
        assertTrue(
            within(commit.authored(), session.end(), session.end().plus(Duration.ofHours(3))),
            "by hand "
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
    return inferred / (double) linked;
  }

  static void editsAreWhatTheCommitsHold(OrganisationTruth truth) {
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
              .filter(c -> c.link().equals("hand"))
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
    } catch (GitFailedException missing) {
      return null;
    }
  }

  static void sessionsSayWhereAndWhenTheyWorked(OrganisationTruth truth, Path out) {
    for (Session session : truth.sessions()) {
      SessionLog log = SessionLog.read(Path.of(session.logFile()), session.source());
      assertEquals(Set.of(session.cwd()), log.cwds);
      assertTrue(Path.of(session.cwd()).startsWith(session.repository()));
      assertEquals(Set.of(session.branch()), log.branches);
      assertEquals(session.start(), log.times.getFirst());
      assertEquals(session.end(), log.times.getLast());
      assertEquals(session.requests(), log.requests.size(), "requests of " + session.sessionId());
      Path file = Path.of(session.logFile());
      // Each person's logs are in their own home, as on their own machine.
      Path home = SyntheticOrganisation.home(out, session.person());
      if (session.source().equals("claude")) {
        assertEquals(home.resolve(".claude/projects"), file.getParent().getParent());
        assertEquals(
            session.cwd().replace('/', '-').replace('.', '-'),
            file.getParent().getFileName().toString());
      } else {
        assertTrue(file.startsWith(home.resolve(".codex/sessions")));
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

  /**
   * Every pull request is in its repository's file as {@code import github --from} reads it, and
   * its merge is what its outcome says: a merge commit of its branch, a squash, or its commits
   * replayed onto main (new shas, the same authors and changes); the branches of merged pull
   * requests are gone, those of closed and open ones are there. Deployments deploy main.
   */
  static void pullRequestsAndDeploymentsAreWhatTheFilesSay(OrganisationTruth truth)
      throws java.io.IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    for (Repository repository : truth.repositories()) {
      GitCommand git = git(repository.path());
      List<OrganisationTruth.PullRequest> pulls =
          truth.pullRequests().stream()
              .filter(pr -> pr.repository().equals(repository.path()))
              .toList();
      List<String> lines = java.nio.file.Files.readAllLines(Path.of(repository.pullRequestsFile()));
      assertEquals(pulls.size(), lines.size(), "one line per pull request");
      Set<String> branches =
          Set.of(git.run("for-each-ref", "--format=%(refname:short)", "refs/heads").split("\n"));
      Set<String> onMain = Set.of(git.run("rev-list", "main").split("\n"));
      for (int i = 0; i < pulls.size(); i++) {
        OrganisationTruth.PullRequest pr = pulls.get(i);
        com.fasterxml.jackson.databind.JsonNode line = json.readTree(lines.get(i));
        assertEquals(pr.number(), line.get("number").asInt());
        assertEquals(pr.branch(), line.get("head").get("ref").asText());
        assertEquals(pr.commits().getLast(), line.get("head").get("sha").asText());
        assertEquals(pr.commits().size(), line.get("commit_list").size());
        boolean merged = pr.mergeCommit() != null;
        assertEquals(merged, !line.get("merged_at").isNull(), "merged " + pr.number());
        assertEquals(pr.outcome().equals("open"), line.get("state").asText().equals("open"));
        assertEquals(!merged, branches.contains(pr.branch()), "branch of " + pr.number());
        line.get("review_list")
            .forEach(review -> assertTrue(!review.get("user").get("login").asText().isEmpty()));
        if (!merged) {
          assertTrue(pr.landed().isEmpty());
          continue;
        }
        assertTrue(onMain.containsAll(pr.landed()), "what #" + pr.number() + " landed is on main");
        assertEquals(pr.mergeCommit(), pr.landed().getLast());
        switch (pr.outcome()) {
          case "merge" -> {
            Commit merge = truth.commit(pr.mergeCommit()).orElseThrow();
            assertEquals(List.of(pr.commits().getLast()), merge.parents().subList(1, 2));
          }
          case "squash" ->
              assertEquals(pr.commits(), truth.commit(pr.mergeCommit()).orElseThrow().squashOf());
          case "rebase" -> {
            assertEquals(pr.commits().size(), pr.landed().size());
            List<String> both = new ArrayList<>(pr.commits());
            both.addAll(pr.landed());
            Map<String, String> patches = patches(git, both);
            for (int c = 0; c < pr.commits().size(); c++) {
              Commit copy = truth.commit(pr.landed().get(c)).orElseThrow();
              Commit original = truth.commit(pr.commits().get(c)).orElseThrow();
              assertEquals("rebased", copy.kind());
              assertEquals(original.sha(), copy.rebaseOf());
              assertEquals(original.author(), copy.author());
              assertEquals(original.authored(), copy.authored());
              assertEquals(
                  patches.get(original.sha()),
                  patches.get(copy.sha()),
                  "a replay is the same change");
            }
          }
          default -> throw new AssertionError("#" + pr.number() + " merged as " + pr.outcome());
        }
      }
      com.fasterxml.jackson.databind.JsonNode deployed =
          json.readTree(Path.of(repository.deploymentsFile()).toFile()).get("deployments");
      List<OrganisationTruth.Deployment> deployments =
          truth.deployments().stream()
              .filter(d -> d.repository().equals(repository.path()))
              .toList();
      assertEquals(deployments.size(), deployed.size());
      for (int i = 0; i < deployments.size(); i++) {
        assertEquals(deployments.get(i).sha(), deployed.get(i).get("sha").asText());
        assertEquals(repository.fullName(), deployed.get(i).get("repository").asText());
        assertTrue(onMain.contains(deployments.get(i).sha()), "a deployment deploys main");
        assertTrue(deployments.get(i).at().isBefore(truth.now()));
      }
    }
  }

  /**
   * The truth's lines are what git holds: every line a session wrote that the truth says landed in
   * a commit is among that commit's own new lines; one that carries information is there once, in
   * that file, among all that the organisation's sessions wrote (so matching it by content is
   * unambiguous); and one the truth says is at main's head is in the file there. The lines of a
   * session add up to what its log says it wrote.
   */
  static void linesAreWhereTheTruthSays(OrganisationTruth truth) {
    Map<String, Integer> writings = new HashMap<>();
    for (Session session : truth.sessions()) {
      assertEquals(session.aiLinesAdded(), session.lines().size(), session.sessionId());
      for (OrganisationTruth.WrittenLine line : session.lines()) {
        if (!dev.goodhart.model.git.LineHash.isTrivial(
            dev.goodhart.model.git.LineHash.of(line.text()))) {
          writings.merge(
              session.repository() + " " + line.file() + " " + line.text(), 1, Integer::sum);
        }
      }
    }
    writings.forEach((line, count) -> assertEquals(1, count, "written more than once: " + line));
    for (Repository repository : truth.repositories()) {
      List<Session> sessions =
          truth.sessions().stream().filter(s -> s.repository().equals(repository.path())).toList();
      Set<String> landed = new TreeSet<>();
      sessions.forEach(
          s ->
              s.lines().stream()
                  .map(OrganisationTruth.WrittenLine::landedIn)
                  .filter(java.util.Objects::nonNull)
                  .forEach(landed::add));
      Map<String, String> diffs = patches(git(repository.path()), landed);
      Map<String, String> heads = new HashMap<>();
      for (Session session : sessions) {
        for (OrganisationTruth.WrittenLine line : session.lines()) {
          if (line.landedIn() == null) {
            continue;
          }
          String diff = diffs.get(line.landedIn());
          assertTrue(
              diff.contains("\n+" + line.text() + "\n") || diff.endsWith("\n+" + line.text()),
              "'" + line.text() + "' is a new line of " + line.landedIn());
          if (line.aliveAtHead()) {
            // main is checked out: its files are the head's.
            String head =
                heads.computeIfAbsent(
                    line.file(), file -> read(Path.of(repository.path()).resolve(file)));
            assertTrue(head.contains(line.text() + "\n"), line.text() + " is at main's head");
          }
        }
      }
    }
  }

  /** Each commit's zero-context patch against its first parent, by sha, from one git. */
  static Map<String, String> patches(GitCommand git, java.util.Collection<String> shas) {
    StringBuilder input = new StringBuilder();
    shas.forEach(sha -> input.append(sha).append('\n'));
    String log =
        git.run(
            input.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "log",
            "--no-walk=unsorted",
            "--stdin",
            "-p",
            "-U0",
            "--no-renames",
            "--format=%x01%H");
    Map<String, String> patches = new HashMap<>();
    for (String entry : log.split("\u0001")) {
      int end = entry.indexOf('\n');
      if (end > 0) {
        patches.put(entry.substring(0, end), entry.substring(end));
      }
    }
    return patches;
  }

  private static String read(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void wasteIsAsDescribed(OrganisationTruth truth) {
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
}
