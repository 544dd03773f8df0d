package dev.goodhart.git.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The operations that make one commit on main: edits, files added, moved or deleted, reverts. */
final class MainLineOperations {
  private final Project project;
  private final FileChanges files;

  MainLineOperations(Project project) {
    this.project = project;
    this.files = project.files;
  }

  void initialCommit() {
    files.createInitialFiles();
    Contribution who = project.contributors.human();
    String sha = project.workspace.commit(who, who.message("Initial commit", ""));
    project.log(
        OperationKind.INITIAL_COMMIT,
        "added " + project.workspace.tree.files(),
        List.of(sha),
        List.of());
  }

  void lineEdits() {
    List<String> paths = files.someTextFiles(3);
    List<LineEdit> edits = files.edit(paths);
    commit(OperationKind.LINE_EDITS, "edited " + paths, edits);
  }

  void addFile() {
    commit(OperationKind.ADD_FILE, "added " + files.addSourceFile(), List.of());
  }

  void rename(boolean withEdits) {
    List<LineEdit> edits = new ArrayList<>();
    String description = "renamed " + files.rename(withEdits, edits);
    commit(withEdits ? OperationKind.RENAME_WITH_EDITS : OperationKind.RENAME, description, edits);
  }

  void delete() {
    commit(OperationKind.DELETE_FILE, "deleted " + files.delete(), List.of());
  }

  void readd() {
    if (!files.canReadd()) {
      delete();
    }
    commit(OperationKind.READD_FILE, "re-added " + files.readd(), List.of());
  }

  void changeBinary() {
    files.changeBinary();
    commit(OperationKind.BINARY_CHANGE, "changed " + FileChanges.BINARY, List.of());
  }

  void changeFinalNewline() {
    commit(OperationKind.FINAL_NEWLINE_CHANGE, files.changeFinalNewline(), List.of());
  }

  /** Reverts a commit whose changes are still as it left them, making one first if none is. */
  void revert() {
    Optional<MainLine.Landed> target = project.mainLine.revertable(false, project.random);
    if (target.isEmpty()) {
      lineEdits();
      target = project.mainLine.revertable(false, project.random);
    }
    String reverted = target.orElseThrow().sha();
    String sha = project.workspace.revert(project.contributors.human(), reverted, false);
    project.log(OperationKind.REVERT, "reverted " + reverted, List.of(sha), List.of());
  }

  private void commit(OperationKind kind, String description, List<LineEdit> edits) {
    Contribution who = project.contributors.anyContribution();
    String sha = project.workspace.commit(who, who.message(project.subjects.next(), ""));
    String agent = who.agent() == CommitAgent.NONE ? "" : " (with " + who.agent() + ")";
    project.log(kind, description + agent, List.of(sha), edits);
  }
}
