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
 * shows its exact commits; inferred commits follow their sessions; the edits in a log are what its
 * commits hold; sessions say where and when they worked; each waste is as described.
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

  static void repositoriesHoldTheTruth(OrganisationTruth truth) {
    for (Repository repository : truth.repositories()) {
      GitCommand git = git(repository.path());
      git.run("fsck", "--strict", "--no-progress");
      assertEquals("main", git.run("rev-parse", "--abbrev-ref", "HEAD").strip());
      assertEquals("", git.run("status", "--porcelain"), "main is checked out, clean");
      List<Commit> commits = commitsOf(truth, repository);
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

  static double inferredCommitsFollowTheirSessions(OrganisationTruth truth) {
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
