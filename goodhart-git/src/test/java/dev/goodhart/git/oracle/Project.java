package dev.goodhart.git.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Everything an operation works with: the repository, its files, its people, the seeded source of
 * every choice, and the log of what was done.
 */
final class Project {
  final Workspace workspace;
  final FileChanges files;
  final MainLine mainLine;
  final Contributors contributors;
  final Subjects subjects;
  final Random random;
  private final List<Operation> log = new ArrayList<>();

  Project(
      Workspace workspace,
      FileChanges files,
      MainLine mainLine,
      Contributors contributors,
      Subjects subjects,
      Random random) {
    this.workspace = workspace;
    this.files = files;
    this.mainLine = mainLine;
    this.contributors = contributors;
    this.subjects = subjects;
    this.random = random;
  }

  /** Commits the working tree as anyone, with or without an agent, under a new subject. */
  String commitByAnyone() {
    return commitByAnyone(subjects.next());
  }

  String commitByAnyone(String subject) {
    Contribution who = contributors.anyContribution();
    return workspace.commit(who, who.message(subject, ""));
  }

  Side anySide() {
    return random.nextBoolean() ? Side.OURS : Side.THEIRS;
  }

  void log(OperationKind kind, String description, List<String> commits, List<LineEdit> edits) {
    List<String> settled =
        commits.stream()
            .filter(workspace::settledConflicts)
            .map(sha -> sha.substring(0, 8))
            .toList();
    String settlement =
        settled.isEmpty() ? "" : "; stopped on conflicts, settled file by file, at " + settled;
    log.add(new Operation(kind, description + settlement, commits, edits));
  }

  List<Operation> log() {
    return List.copyOf(log);
  }
}
