package dev.goodhart.git.oracle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Changes to the working tree, before they are committed: line edits, new, renamed, deleted and
 * re-added files, a new version of the binary file, a final newline added or taken away. The three
 * special files never move or go away, so every history ends with all three.
 */
final class FileChanges {
  static final String BINARY = "assets/logo.bin";
  static final String CRLF = "scripts/build.cmd";
  static final String NO_FINAL_NEWLINE = "docs/release notes.txt";

  private static final String SOURCES = "src/main/java/app/";
  private static final List<String> CLASS_NAMES =
      List.of("Parser", "Lexer", "Service", "Config", "Cache", "Router", "Validator", "Formatter");

  /** A PNG's signature: CR, LF and NUL bytes up front, so git sees the file as binary. */
  private static final byte[] PNG_SIGNATURE = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
  };

  private record DeletedFile(String path, byte[] content) {}

  private final Workspace workspace;
  private final WorkingTree tree;
  private final Random random;
  private final SourceLines lines;
  private final LineEditor editor;
  private final List<DeletedFile> deleted = new ArrayList<>();
  private int classes;

  FileChanges(Workspace workspace, Random random, SourceLines lines, LineEditor editor) {
    this.workspace = workspace;
    this.tree = workspace.tree;
    this.random = random;
    this.lines = lines;
    this.editor = editor;
  }

  void createInitialFiles() {
    for (int i = 0; i < 5; i++) {
      addSourceFile();
    }
    List<String> script = new ArrayList<>(List.of("@echo off", "setlocal", ""));
    script.addAll(lines.some(12));
    script.addAll(List.of("", "endlocal"));
    tree.writeText(CRLF, new TextFile(script, TextFile.CRLF, true));
    List<String> notes = new ArrayList<>(List.of("Release notes", "", "Unreleased", ""));
    notes.addAll(lines.some(8));
    write(NO_FINAL_NEWLINE, new TextFile(notes, TextFile.LF, false));
    changeBinary();
  }

  List<String> sourceFiles() {
    return tree.files().stream().filter(path -> path.endsWith(".java")).toList();
  }

  List<String> textFiles() {
    return tree.files().stream().filter(path -> !path.equals(BINARY)).toList();
  }

  /** Up to {@code most} distinct text files; the CRLF file among them now and then. */
  List<String> someTextFiles(int most) {
    List<String> sources = new ArrayList<>(sourceFiles());
    List<String> chosen = new ArrayList<>();
    for (int i = 1 + random.nextInt(most); i > 0 && !sources.isEmpty(); i--) {
      chosen.add(sources.remove(random.nextInt(sources.size())));
    }
    if (random.nextInt(4) == 0) {
      chosen.add(random.nextBoolean() ? CRLF : NO_FINAL_NEWLINE);
    }
    return chosen;
  }

  List<LineEdit> edit(List<String> paths) {
    List<LineEdit> made = new ArrayList<>();
    for (String path : paths) {
      made.addAll(edit(path));
    }
    return made;
  }

  /** Edits a file; should the edits happen to restore its text, adds a line, so it changes. */
  List<LineEdit> edit(String path) {
    TextFile file = tree.readText(path);
    String before = file.render();
    List<LineEdit> made = new ArrayList<>(editor.edit(file));
    if (file.render().equals(before)) {
      file.lines.add(random.nextInt(file.lines.size() + 1), lines.unique());
      made.add(LineEdit.INSERT);
    }
    write(path, file);
    return made;
  }

  String addSourceFile() {
    String name = CLASS_NAMES.get(classes % CLASS_NAMES.size());
    if (classes >= CLASS_NAMES.size()) {
      name += classes / CLASS_NAMES.size() + 1;
    }
    classes++;
    String path = SOURCES + name + ".java";
    tree.writeText(path, new TextFile(lines.javaFile(name), TextFile.LF, true));
    return path;
  }

  /** Renames a source file, within its folder or into another one. */
  String rename(boolean withEdits, List<LineEdit> edits) {
    List<String> sources = sourceFiles();
    return rename(sources.get(random.nextInt(sources.size())), withEdits, edits);
  }

  String rename(String from, boolean withEdits, List<LineEdit> edits) {
    String name = from.substring(from.lastIndexOf('/') + 1, from.length() - ".java".length());
    String to;
    do {
      to =
          random.nextBoolean()
              ? SOURCES + "core/" + name + classes + ".java"
              : SOURCES + name + "Impl" + classes + ".java";
      classes++;
    } while (tree.exists(to));
    workspace.move(from, to);
    if (withEdits) {
      TextFile file = tree.readText(to);
      for (int i = 1 + random.nextInt(2); i > 0; i--) {
        edits.add(editor.smallEdit(file));
      }
      write(to, file);
    }
    return from + " -> " + to;
  }

  /** Source files, two of them at least: those there are, and new ones as needed. */
  List<String> sourceFilesAtLeast(int count) {
    List<String> sources = new ArrayList<>(sourceFiles());
    while (sources.size() < count) {
      sources.add(addSourceFile());
    }
    return sources;
  }

  /** Deletes a source file, keeping at least three, and remembers it for a later re-add. */
  String delete() {
    List<String> sources = sourceFilesAtLeast(4);
    String path = sources.get(random.nextInt(sources.size()));
    deleted.add(new DeletedFile(path, tree.read(path)));
    tree.delete(path);
    return path;
  }

  boolean canReadd() {
    return deleted.stream().anyMatch(file -> !tree.exists(file.path()));
  }

  /** Brings back a deleted path, with its old content or with new content. */
  String readd() {
    List<DeletedFile> gone = deleted.stream().filter(file -> !tree.exists(file.path())).toList();
    DeletedFile file = gone.get(random.nextInt(gone.size()));
    deleted.remove(file);
    if (random.nextBoolean()) {
      tree.write(file.path(), file.content());
      return file.path() + " with its old content";
    }
    String name = file.path().substring(file.path().lastIndexOf('/') + 1).replace(".java", "");
    tree.writeText(file.path(), new TextFile(lines.javaFile(name), TextFile.LF, true));
    return file.path() + " with new content";
  }

  /** Writes a new version of the binary file: the same signature, new bytes after it. */
  void changeBinary() {
    byte[] content = Arrays.copyOf(PNG_SIGNATURE, PNG_SIGNATURE.length + 200 + random.nextInt(600));
    for (int i = PNG_SIGNATURE.length; i < content.length; i++) {
      int draw = random.nextInt(16);
      content[i] = draw == 0 ? 0 : draw == 1 ? (byte) '\n' : (byte) random.nextInt(256);
    }
    tree.write(BINARY, content);
  }

  /**
   * Removes the final newline of a source file that has one, or, half the time when there is one,
   * gives it back to a file without.
   */
  String changeFinalNewline() {
    List<String> sources = sourceFiles();
    List<String> without =
        sources.stream().filter(path -> !tree.readText(path).finalNewline).toList();
    List<String> candidates = !without.isEmpty() && random.nextBoolean() ? without : sources;
    String path = candidates.get(random.nextInt(candidates.size()));
    TextFile file = tree.readText(path);
    file.finalNewline = !file.finalNewline;
    write(path, file);
    return (file.finalNewline ? "added the final newline of " : "removed the final newline of ")
        + path;
  }

  /**
   * Writes a text file. One whose last line is empty and has no newline would read back as ending
   * with a newline: it gets a last line that shows.
   */
  private void write(String path, TextFile file) {
    if (!file.finalNewline && (file.lines.isEmpty() || file.lines.getLast().isEmpty())) {
      file.lines.add(lines.unique().strip());
    }
    tree.writeText(path, file);
  }
}
