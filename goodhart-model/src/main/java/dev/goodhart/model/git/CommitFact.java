package dev.goodhart.model.git;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One commit reachable from a repository's default branch: the {@code commit} fact.
 *
 * @param repository the repository's id in the store (see {@link RepositoryRef})
 * @param parents the parents' shas, in order
 * @param onFirstParentChain whether the commit is on the branch's first-parent chain (a merge or a
 *     direct commit) rather than on a merged branch
 * @param added lines added against the first parent (text files)
 * @param deleted lines deleted against the first parent (text files)
 * @param aiAgent the agent that wrote it, or null; see {@code evidence}
 * @param sessionIds agent sessions the commit names
 * @param prNumber the pull or merge request the commit merges or squashes, if its message says
 * @param revertOf the sha of the commit it reverts, if it is a revert
 */
public record CommitFact(
    String repository,
    String sha,
    List<String> parents,
    String authorName,
    String authorEmail,
    Instant authoredAt,
    Instant committedAt,
    String subject,
    boolean onFirstParentChain,
    long added,
    long deleted,
    @Nullable String aiAgent,
    List<AiEvidence> evidence,
    List<String> sessionIds,
    @Nullable Integer prNumber,
    @Nullable String revertOf,
    LineFate fate) {

  public CommitFact {
    requireNonNull(repository, "repository is null");
    requireNonNull(sha, "sha is null");
    parents = List.copyOf(requireNonNull(parents, "parents is null"));
    requireNonNull(authorName, "authorName is null");
    requireNonNull(authorEmail, "authorEmail is null");
    requireNonNull(authoredAt, "authoredAt is null");
    requireNonNull(committedAt, "committedAt is null");
    requireNonNull(subject, "subject is null");
    evidence = List.copyOf(requireNonNull(evidence, "evidence is null"));
    sessionIds = List.copyOf(requireNonNull(sessionIds, "sessionIds is null"));
    requireNonNull(fate, "fate is null");
  }

  /** The same commit with other line fate (a later walk's). */
  public CommitFact withFate(LineFate newFate) {
    return new CommitFact(
        repository,
        sha,
        parents,
        authorName,
        authorEmail,
        authoredAt,
        committedAt,
        subject,
        onFirstParentChain,
        added,
        deleted,
        aiAgent,
        evidence,
        sessionIds,
        prNumber,
        revertOf,
        newFate);
  }

  /** The same commit under another author's name and address (a pseudonym, for the store). */
  public CommitFact withAuthor(String name, String email) {
    return new CommitFact(
        repository,
        sha,
        parents,
        name,
        email,
        authoredAt,
        committedAt,
        subject,
        onFirstParentChain,
        added,
        deleted,
        aiAgent,
        evidence,
        sessionIds,
        prNumber,
        revertOf,
        fate);
  }

  public boolean isMerge() {
    return parents.size() > 1;
  }
}
