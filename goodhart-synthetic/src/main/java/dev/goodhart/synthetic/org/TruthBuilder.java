package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.GroundTruth;
import dev.goodhart.synthetic.Tally;
import dev.goodhart.synthetic.WrittenSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Gathers what the organisation's making knows into {@link OrganisationTruth}. */
final class TruthBuilder {
  private TruthBuilder() {}

  static OrganisationTruth build(
      OrganisationSpec spec,
      List<Person> people,
      List<RepositoryModel> repositories,
      List<SessionPlan> sessions,
      GroundTruth requests) {
    Set<PlannedCommit> shipped = new HashSet<>();
    repositories.forEach(repository -> shipped.addAll(reachable(repository.main().tip)));
    Set<PlannedCommit> squashedIntoShipped = new HashSet<>();
    shipped.forEach(commit -> squashedIntoShipped.addAll(commit.squashOf));
    Map<String, Tally> tokens = new HashMap<>();
    requests.requests().forEach(r -> tokens.merge(r.sessionId(), r.tokens(), Tally::plus));

    List<OrganisationTruth.Person> truePeople = new ArrayList<>();
    for (Person person : people) {
      truePeople.add(
          new OrganisationTruth.Person(
              person.email(),
              person.name(),
              person.profile().name().toLowerCase(Locale.ROOT),
              person.agents().stream().map(agent -> agent.source()).toList()));
    }
    List<OrganisationTruth.Repository> trueRepositories = new ArrayList<>();
    for (RepositoryModel repository : repositories) {
      trueRepositories.add(
          new OrganisationTruth.Repository(
              repository.domain.name(),
              repository.path.toString(),
              RepositoryModel.MAIN,
              repository.domain.language().name().toLowerCase(Locale.ROOT)));
    }
    List<OrganisationTruth.Session> trueSessions = new ArrayList<>();
    for (SessionPlan session : sessions) {
      WrittenSession written = Objects.requireNonNull(session.written, "session not written");
      boolean reached =
          session.commits.stream()
              .anyMatch(c -> shipped.contains(c) || squashedIntoShipped.contains(c));
      Tally tally = tokens.getOrDefault(written.sessionId(), Tally.ZERO);
      RepositoryModel repository = repositories.get(session.repository);
      trueSessions.add(
          new OrganisationTruth.Session(
              written.sessionId(),
              session.agent.source(),
              session.person.email(),
              repository.path.toString(),
              session.folder.isEmpty()
                  ? repository.path.toString()
                  : repository.path.resolve(session.folder).toString(),
              session.branch,
              Objects.requireNonNull(session.head, "session not simulated").sha(),
              session.start(),
              session.end(),
              session.agent == dev.goodhart.synthetic.SessionScript.Agent.CODEX
                  ? session.person.codexModel()
                  : session.person.claudeModel(),
              written.file().toString(),
              written.requests(),
              new OrganisationTruth.Tokens(
                  tally.input(), tally.output(), tally.cacheRead(), tally.cacheCreation()),
              session.commits.stream()
                  .map(
                      c ->
                          new OrganisationTruth.SessionCommit(
                              c.sha(), c.kind == PlannedCommit.Kind.AGENT ? "exact" : "inferred"))
                  .toList(),
              written.linesWritten(),
              written.linesAdded(),
              reached,
              waste(session, reached)));
    }
    trueSessions.sort(
        Comparator.comparing(OrganisationTruth.Session::start)
            .thenComparing(OrganisationTruth.Session::sessionId));
    List<OrganisationTruth.Commit> commits = new ArrayList<>();
    Map<SessionPlan, String> ids = new HashMap<>();
    sessions.forEach(s -> ids.put(s, Objects.requireNonNull(s.written).sessionId()));
    for (RepositoryModel repository : repositories) {
      for (PlannedCommit commit : repository.commits) {
        commits.add(
            new OrganisationTruth.Commit(
                commit.sha(),
                repository.path.toString(),
                commit.session == null ? null : ids.get(commit.session),
                shipped.contains(commit),
                commit.kind.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                commit.author.email(),
                commit.author.at(),
                commit.branch,
                commit.subject(),
                commit.parents.stream().map(PlannedCommit::sha).toList(),
                commit.pullRequest,
                commit.revertOf == null ? null : commit.revertOf.sha(),
                commit.squashOf.stream().map(PlannedCommit::sha).toList()));
      }
    }
    commits.sort(
        Comparator.comparing(OrganisationTruth.Commit::authored)
            .thenComparing(OrganisationTruth.Commit::sha));
    return new OrganisationTruth(
        spec.seed(), spec.now(), truePeople, trueRepositories, trueSessions, commits);
  }

  private static List<String> waste(SessionPlan session, boolean reached) {
    List<String> kinds = new ArrayList<>();
    if (!reached) {
      kinds.add("discarded");
    }
    switch (session.pattern) {
      case LOOP -> kinds.add("loop");
      case CONTEXT_BLOAT -> kinds.add("context-bloat");
      case UNATTENDED -> kinds.add("unattended");
      case PARALLEL_SHADOW -> kinds.add("parallel");
      case ORDINARY -> {}
    }
    return kinds;
  }

  private static Set<PlannedCommit> reachable(PlannedCommit tip) {
    Set<PlannedCommit> seen = new HashSet<>();
    Deque<PlannedCommit> queue = new ArrayDeque<>(List.of(tip));
    while (!queue.isEmpty()) {
      PlannedCommit commit = queue.pop();
      if (seen.add(commit)) {
        queue.addAll(commit.parents);
      }
    }
    return seen;
  }
}
