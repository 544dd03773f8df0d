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
      GroundTruth requests,
      List<ForgeFiles> forge,
      java.nio.file.Path forgeFolder) {
    Set<PlannedCommit> shipped = new HashSet<>();
    repositories.forEach(repository -> shipped.addAll(reachable(repository.main().tip)));
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
              repository.domain.language().name().toLowerCase(Locale.ROOT),
              repository.fullName(),
              ForgeFiles.pullRequestsFile(forgeFolder, repository).toString(),
              ForgeFiles.deploymentsFile(forgeFolder, repository).toString()));
    }
    List<OrganisationTruth.Session> trueSessions = new ArrayList<>();
    for (SessionPlan session : sessions) {
      WrittenSession written = Objects.requireNonNull(session.written, "session not written");
      if (written.linesAdded() != session.writtenLines) {
        throw new IllegalStateException(
            "the log of "
                + written.sessionId()
                + " shows "
                + written.linesAdded()
                + " lines written, the organisation counts "
                + session.writtenLines);
      }
      RepositoryModel home = repositories.get(session.repository);
      Landings landings = Objects.requireNonNull(home.landings, "repository not followed");
      List<OrganisationTruth.Link> links = new ArrayList<>();
      int shippedCommits = 0;
      long linesShipped = 0;
      long linesAlive = 0;
      for (Landings.Link link : session.links) {
        boolean deployed = link.onMain && landings.deployed(link.commit);
        links.add(
            new OrganisationTruth.Link(
                link.commit.sha(),
                link.kind,
                link.onMain,
                link.onMain ? landings.pullRequest(link.commit) : null,
                deployed,
                link.shipped,
                link.alive));
        if (deployed) {
          shippedCommits++;
          linesShipped += link.shipped;
        }
        if (link.onMain) {
          linesAlive += link.alive;
        }
      }
      boolean reached = links.stream().anyMatch(OrganisationTruth.Link::onMain);
      List<OrganisationTruth.WrittenLine> lines = new ArrayList<>();
      for (LineCredits.Written line : session.lines) {
        lines.add(
            new OrganisationTruth.WrittenLine(
                line.path, line.text, line.at, line.landedIn, line.entered, line.alive));
      }
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
                              c.sha(), c.kind == PlannedCommit.Kind.AGENT ? "exact" : "hand"))
                  .toList(),
              written.linesWritten(),
              written.linesAdded(),
              reached,
              waste(session, reached),
              links,
              shippedCommits,
              Math.min(written.linesAdded(), linesShipped),
              Math.min(written.linesAdded(), linesAlive),
              lines));
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
                commit.squashOf.stream().map(PlannedCommit::sha).toList(),
                commit.rebaseOf == null ? null : commit.rebaseOf.sha()));
      }
    }
    commits.sort(
        Comparator.comparing(OrganisationTruth.Commit::authored)
            .thenComparing(OrganisationTruth.Commit::sha));
    List<OrganisationTruth.PullRequest> pullRequests = new ArrayList<>();
    List<OrganisationTruth.Deployment> deployments = new ArrayList<>();
    for (ForgeFiles files : forge) {
      pullRequests.addAll(files.pullRequests);
      deployments.addAll(files.deployments);
    }
    pullRequests.sort(
        Comparator.comparing(OrganisationTruth.PullRequest::repository)
            .thenComparing(OrganisationTruth.PullRequest::number));
    return new OrganisationTruth(
        spec.seed(),
        spec.now(),
        truePeople,
        trueRepositories,
        trueSessions,
        commits,
        pullRequests,
        deployments);
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
