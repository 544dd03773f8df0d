package dev.goodhart.git.oracle;

import static dev.goodhart.git.oracle.Workspace.MAIN;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The operations with branches: pull requests merged with a merge commit or squashed, criss-cross
 * and octopus merges, and the revert of a merge.
 */
final class BranchOperations {
  private record BranchCommit(String sha, String subject, Contribution who) {}

  private final Project project;
  private final Workspace workspace;
  private final FileChanges files;
  private int pullRequests;
  private int topics;

  BranchOperations(Project project) {
    this.project = project;
    this.workspace = project.workspace;
    this.files = project.files;
  }

  void pullRequest(OperationKind kind) {
    int number = ++pullRequests;
    String title = project.subjects.next();
    String branch = Subjects.slug(title) + "-" + number;
    List<String> commits = new ArrayList<>();
    List<LineEdit> edits = new ArrayList<>();
    workspace.startBranch(branch);
    shas(commitOnBranch(2 + project.random.nextInt(3), edits), commits);
    workspace.switchTo(MAIN);
    if (kind != OperationKind.PULL_REQUEST) {
      shas(commitOnBranch(1 + project.random.nextInt(2), edits), commits);
    }
    @Nullable Runnable amend = null;
    if (kind == OperationKind.PULL_REQUEST_WITH_MERGE_EDITS) {
      amend = () -> edits.addAll(files.edit(files.someTextFiles(1)));
    }
    Side side = project.anySide();
    commits.add(
        workspace.merge(
            project.contributors.human().viaGitHub(),
            pullRequestMerge(number, branch, title),
            side,
            List.of(branch),
            amend));
    project.log(kind, "#" + number + " " + branch + ", conflicts to " + side, commits, edits);
  }

  /**
   * A branch deletes one file and renames another while main edits both: the deletion stops the
   * merge; the rename merges cleanly, main's edits landing in the renamed file.
   */
  void conflictingPullRequest() {
    int number = ++pullRequests;
    String title = project.subjects.next();
    String branch = Subjects.slug(title) + "-" + number;
    List<String> commits = new ArrayList<>();
    List<LineEdit> edits = new ArrayList<>();
    List<String> sources = files.sourceFilesAtLeast(2);
    if (workspace.tree.hasChanges()) {
      // New files were needed: main gets them before the branch starts.
      String sha = project.commitByAnyone();
      project.log(OperationKind.ADD_FILE, "added files for #" + number, List.of(sha), List.of());
    }
    String deleted = sources.remove(project.random.nextInt(sources.size()));
    String renamed = sources.get(project.random.nextInt(sources.size()));
    workspace.startBranch(branch);
    workspace.tree.delete(deleted);
    commits.add(project.commitByAnyone());
    String rename = files.rename(renamed, false, edits);
    commits.add(project.commitByAnyone());
    workspace.switchTo(MAIN);
    edits.addAll(files.edit(List.of(deleted, renamed)));
    commits.add(project.commitByAnyone());
    Side side = project.anySide();
    commits.add(
        workspace.merge(
            project.contributors.human().viaGitHub(),
            pullRequestMerge(number, branch, title),
            side,
            List.of(branch),
            null));
    String outcome = side == Side.OURS ? "main's " + deleted + " kept" : deleted + " deleted";
    project.log(
        OperationKind.CONFLICTING_PULL_REQUEST,
        "#%d %s deleted %s and renamed %s while main edited both; %s"
            .formatted(number, branch, deleted, rename, outcome),
        commits,
        edits);
  }

  void squashMerge() {
    int number = ++pullRequests;
    Person owner = project.contributors.anyone();
    String title = project.subjects.next();
    String branch = Subjects.slug(title) + "-" + number;
    List<String> commits = new ArrayList<>();
    List<LineEdit> edits = new ArrayList<>();
    workspace.startBranch(branch);
    List<BranchCommit> squashed = commitOnBranch(2 + project.random.nextInt(3), edits);
    shas(squashed, commits);
    workspace.switchTo(MAIN);
    if (project.random.nextBoolean()) {
      shas(commitOnBranch(1, edits), commits);
    }
    Side side = project.anySide();
    Contribution who = new Contribution(CommitAgent.NONE, owner, Person.GITHUB, "", List.of());
    commits.add(workspace.squash(who, branch, side, squashMessage(number, title, owner, squashed)));
    project.log(
        OperationKind.SQUASH_MERGE,
        "#" + number + " " + branch + " squashed, conflicts to " + side,
        commits,
        edits);
  }

  /**
   * Reverts a merge whose changes are still as it left them, merging a pull request first if none
   * is.
   */
  void revertMerge() {
    Optional<MainLine.Landed> target = project.mainLine.revertable(true, project.random);
    if (target.isEmpty()) {
      pullRequest(OperationKind.PULL_REQUEST);
      target = project.mainLine.revertable(true, project.random);
    }
    String reverted = target.orElseThrow().sha();
    String sha = workspace.revert(project.contributors.human(), reverted, true);
    project.log(OperationKind.REVERT_MERGE, "reverted merge " + reverted, List.of(sha), List.of());
  }

  /**
   * Two branches from main merge each other's first commits, so that when both are merged into main
   * the second merge has two merge bases (git makes a virtual one from them).
   */
  void crissCross() {
    List<String> commits = new ArrayList<>();
    List<LineEdit> edits = new ArrayList<>();
    int first = ++pullRequests;
    int second = ++pullRequests;
    String titleA = project.subjects.next();
    String titleB = project.subjects.next();
    String a = Subjects.slug(titleA) + "-" + first;
    String b = Subjects.slug(titleB) + "-" + second;
    workspace.startBranch(a);
    shas(commitOnBranch(1 + project.random.nextInt(2), edits), commits);
    String tipA = workspace.head();
    workspace.switchTo(MAIN);
    workspace.startBranch(b);
    shas(commitOnBranch(1 + project.random.nextInt(2), edits), commits);
    String tipB = workspace.head();
    workspace.switchTo(a);
    commits.add(localMerge("Merge branch '" + b + "' into " + a, tipB));
    workspace.switchTo(b);
    commits.add(localMerge("Merge branch '" + a + "' into " + b, tipA));
    for (String branch : List.of(a, b)) {
      if (project.random.nextBoolean()) {
        workspace.switchTo(branch);
        shas(commitOnBranch(1, edits), commits);
      }
    }
    workspace.switchTo(MAIN);
    Contribution merger = project.contributors.human().viaGitHub();
    commits.add(
        workspace.merge(
            merger, pullRequestMerge(first, a, titleA), project.anySide(), List.of(a), null));
    commits.add(
        workspace.merge(
            merger, pullRequestMerge(second, b, titleB), project.anySide(), List.of(b), null));
    project.log(
        OperationKind.CRISS_CROSS_MERGE, a + " and " + b + " merged each other", commits, edits);
  }

  /** Three or four branches, each changing a file of its own, so the octopus strategy can merge. */
  void octopus() {
    List<String> commits = new ArrayList<>();
    List<LineEdit> edits = new ArrayList<>();
    List<String> candidates = new ArrayList<>(files.textFiles());
    List<String> branches = new ArrayList<>();
    for (int i = 3 + project.random.nextInt(2); i > 0; i--) {
      workspace.switchTo(MAIN);
      String branch = Subjects.slug(project.subjects.next()) + "-topic" + ++topics;
      workspace.startBranch(branch);
      branches.add(branch);
      String path =
          candidates.isEmpty() || project.random.nextInt(4) == 0
              ? files.addSourceFile()
              : candidates.remove(project.random.nextInt(candidates.size()));
      for (int j = 1 + project.random.nextInt(2); j > 0; j--) {
        edits.addAll(files.edit(path));
        commits.add(project.commitByAnyone());
      }
    }
    workspace.switchTo(MAIN);
    commits.add(
        workspace.merge(
            project.contributors.human(), octopusMessage(branches), Side.OURS, branches, null));
    project.log(OperationKind.OCTOPUS_MERGE, "merged " + branches + " at once", commits, edits);
  }

  private String localMerge(String message, String head) {
    return workspace.merge(
        project.contributors.human(), message, project.anySide(), List.of(head), null);
  }

  /** Commits on the current branch, each editing one or two files or adding one. */
  private List<BranchCommit> commitOnBranch(int count, List<LineEdit> edits) {
    List<BranchCommit> made = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (project.random.nextInt(6) == 0) {
        files.addSourceFile();
      } else {
        edits.addAll(files.edit(files.someTextFiles(2)));
      }
      Contribution who = project.contributors.anyContribution();
      String subject = project.subjects.next();
      made.add(new BranchCommit(workspace.commit(who, who.message(subject, "")), subject, who));
    }
    return made;
  }

  private static void shas(List<BranchCommit> made, List<String> commits) {
    made.forEach(commit -> commits.add(commit.sha()));
  }

  /** The message GitHub gives a merge, naming the branch {@code owner/branch}. */
  private String pullRequestMerge(int number, String branch, String title) {
    String owner = project.contributors.anyone().login();
    return "Merge pull request #" + number + " from " + owner + "/" + branch + "\n\n" + title;
  }

  /**
   * GitHub's message for a squash merge: the title with the pull request's number, each commit as a
   * bullet (agent footers included), and the authors and co-authors of the commits as trailers.
   */
  private static String squashMessage(
      int number, String title, Person owner, List<BranchCommit> squashed) {
    StringBuilder message = new StringBuilder(title + " (#" + number + ")\n");
    Set<String> trailers = new LinkedHashSet<>();
    for (BranchCommit commit : squashed) {
      message.append("\n* ").append(commit.subject()).append('\n');
      if (!commit.who().footer().isEmpty()) {
        message.append('\n').append(commit.who().footer()).append('\n');
      }
      if (!commit.who().author().email().equals(owner.email())) {
        trailers.add(commit.who().author().coAuthorTrailer());
      }
      trailers.addAll(commit.who().trailers());
    }
    if (!trailers.isEmpty()) {
      message.append("\n---------\n\n").append(String.join("\n", trailers)).append('\n');
    }
    return message.toString();
  }

  private static String octopusMessage(List<String> branches) {
    List<String> quoted = branches.stream().map(branch -> "'" + branch + "'").toList();
    return "Merge branches "
        + String.join(", ", quoted.subList(0, quoted.size() - 1))
        + " and "
        + quoted.getLast();
  }
}
