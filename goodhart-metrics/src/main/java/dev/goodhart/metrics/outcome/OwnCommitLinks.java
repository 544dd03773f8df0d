package dev.goodhart.metrics.outcome;

import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.PrintedCommit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The links a session's own commits give: {@code exact} to each commit its tool output printed (on
 * the default branch or off it) and to each commit whose trailers name it; {@code rewritten} to the
 * branch commits with the same patch id as a printed commit off the branch, made within the window
 * after it; {@code squashed} to the merge commit of a merged pull request that carried a printed
 * commit, unless that commit reached the branch rewritten: a rebase merge replays each commit of
 * the pull request, and the forge names the last one replayed its merge commit, which holds another
 * commit's work. A printed sha that no scanned repository holds and no pull request lists is kept
 * as unresolved evidence, not as a link.
 */
final class OwnCommitLinks {
  private OwnCommitLinks() {}

  /** A session's links from its own commits, and the printed shas found nowhere. */
  record Found(List<CommitLink> links, List<String> unresolved) {}

  static Found of(
      SessionLinker.Subject session,
      List<ScannedRepository> repositories,
      Map<String, List<CommitFact>> commitsNamingSession,
      Map<String, ScannedRepository> repositoryOfCommit,
      Duration window) {
    Map<String, CommitLink> bySha = new LinkedHashMap<>();
    List<String> unresolved = new ArrayList<>();
    for (SessionWork.PrintedCommit printed : session.work().commits()) {
      if (!printedIn(session, printed.ref(), candidates(session, repositories), window, bySha)) {
        unresolved.add(printed.ref());
      }
    }
    for (CommitFact commit : commitsNamingSession.getOrDefault(session.sessionId(), List.of())) {
      ScannedRepository repository = repositoryOfCommit.get(commit.sha());
      add(bySha, link(session, repository, commit.sha(), commit, CommitLink.Kind.EXACT));
    }
    return new Found(List.copyOf(bySha.values()), List.copyOf(unresolved));
  }

  /** The session's repository first; when its folder is in none, every scanned one. */
  private static List<ScannedRepository> candidates(
      SessionLinker.Subject session, List<ScannedRepository> repositories) {
    return session.repository() != null ? List.of(session.repository()) : repositories;
  }

  /** Links what one printed sha names; false when no repository knows it. */
  private static boolean printedIn(
      SessionLinker.Subject session,
      String ref,
      List<ScannedRepository> repositories,
      Duration window,
      Map<String, CommitLink> links) {
    for (ScannedRepository repository : repositories) {
      Optional<CommitFact> onBranch = repository.resolve(ref);
      if (onBranch.isPresent()) {
        add(
            links,
            link(session, repository, onBranch.get().sha(), onBranch.get(), CommitLink.Kind.EXACT));
        return true;
      }
      Optional<PrintedCommit> side =
          repository.evidence().printed(ref).filter(PrintedCommit::resolved);
      String sha = side.map(PrintedCommit::sha).orElse(ref);
      boolean known = side.isPresent();
      List<String> rewrittenAs = List.of();
      Optional<PullRequest> pullRequest = repository.evidence().pullRequestOf(sha);
      if (known) {
        CommitFact nowOnBranch = repository.commit(sha);
        add(links, link(session, repository, sha, nowOnBranch, CommitLink.Kind.EXACT));
        rewrittenAs = repository.evidence().rewrittenAs(side.get(), window, repository.bySha());
        for (String rewritten : rewrittenAs) {
          // A rebase merge replays every commit of the pull request; the forge names only the
          // last replay as the merge, so each replay takes the number of the commit it replays.
          add(
              links,
              link(
                      session,
                      repository,
                      rewritten,
                      repository.commit(rewritten),
                      CommitLink.Kind.REWRITTEN)
                  .withPullRequest(
                      pullRequest
                          .filter(pr -> pr.mergeCommitSha() != null)
                          .map(PullRequest::number)
                          .orElse(null)));
        }
      }
      if (pullRequest.isPresent() && pullRequest.get().mergeCommitSha() != null) {
        CommitFact merged = repository.commit(pullRequest.get().mergeCommitSha());
        if (merged != null) {
          if (rewrittenAs.isEmpty()) {
            add(links, link(session, repository, merged.sha(), merged, CommitLink.Kind.SQUASHED));
          }
          known = true;
        }
      }
      if (known) {
        return true;
      }
    }
    return false;
  }

  static CommitLink link(
      SessionLinker.Subject session,
      ScannedRepository repository,
      String sha,
      @Nullable CommitFact commit,
      CommitLink.Kind kind) {
    return CommitLink.of(
        session.key(),
        repository.ref().id(),
        sha,
        commit,
        kind,
        1.0,
        commit != null && repository.awaitingDeployment(commit));
  }

  /** A sha keeps the strongest link a session has to it. */
  static void add(Map<String, CommitLink> links, CommitLink link) {
    CommitLink before = links.get(link.sha());
    if (before == null || link.kind().compareTo(before.kind()) < 0) {
      links.put(link.sha(), link);
    }
  }
}
