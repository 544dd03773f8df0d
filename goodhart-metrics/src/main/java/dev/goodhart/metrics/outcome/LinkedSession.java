package dev.goodhart.metrics.outcome;

import static java.util.Objects.requireNonNull;

import dev.goodhart.metrics.outcome.OutcomeReport.SessionOutcome;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A session with everything known of it: its spend, its work, where it ran, its links. */
final class LinkedSession {
  final SessionSpend spend;
  final SessionWork work;
  SessionLinker.Subject subject;
  final String owner;
  List<CommitLink> links = List.of();
  List<String> unresolved = List.of();
  @Nullable SessionOutcome outcome;

  LinkedSession(SessionSpend spend, SessionWork work, SessionLinker.Subject subject, String owner) {
    this.spend = spend;
    this.work = work;
    this.subject = subject;
    this.owner = owner;
  }

  String key() {
    return spend.key();
  }

  /** Links to commits that shipped (on the default branch, deployed where that is known). */
  int shipped() {
    return (int) links.stream().filter(CommitLink::shipped).count();
  }

  /** Links to commits on the default branch, deployed or not yet. */
  int landed() {
    return (int) links.stream().filter(CommitLink::onBranch).count();
  }

  /**
   * A session whose folder is unknown (telemetry carries none, a worktree lies outside the scanned
   * folder) ran where its links are: the repository of the first commit it is linked to.
   */
  void placeByLinks(List<ScannedRepository> repositories) {
    if (subject.repository() != null) {
      return;
    }
    for (CommitLink link : links) {
      for (ScannedRepository repository : repositories) {
        if (repository.ref().id().equals(link.repositoryId())) {
          subject = subject.in(repository);
          return;
        }
      }
    }
  }

  SessionOutcome outcome() {
    return requireNonNull(outcome);
  }

  @Nullable String repositoryId() {
    ScannedRepository repository = subject.repository();
    return repository == null ? null : repository.ref().id();
  }

  @Nullable String branch() {
    return spend.branch() != null ? spend.branch() : work.branch();
  }
}
