package dev.goodhart.synthetic.org;

import static java.util.Objects.requireNonNull;

import dev.goodhart.synthetic.SessionScript.Hunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A source file as a header and a list of functions, so that changes keep the shape of code
 * (statements are replaced inside a function, functions are added or removed whole). Every change
 * also says which lines of the file it replaced: the hunk an agent's edit or patch shows.
 *
 * @param path relative to the repository
 */
record SourceFile(String path, Language language, List<String> header, List<Function> functions) {

  SourceFile {
    requireNonNull(path, "path is null");
    header = List.copyOf(header);
    functions = List.copyOf(functions);
  }

  /** A function: its signature line and its statement lines; the closing line is the language's. */
  record Function(String signature, List<String> body) {
    Function {
      body = List.copyOf(body);
    }
  }

  /** The file after a change, and the lines of the file before it that the change replaced. */
  record Change(SourceFile after, List<Hunk> hunks) {}

  /** New statements for lines {@code [from, to)} of a function's body. */
  record BodyEdit(int from, int to, List<String> statements) {}

  /**
   * Where each statement or block of a function's body begins, in order: edits replace whole ones,
   * so that a block keeps its {@code else} and its closing bracket.
   */
  List<Integer> unitStarts(Function function) {
    List<Integer> starts = new ArrayList<>();
    List<String> body = function.body();
    for (int i = 0; i < body.size(); i++) {
      if (i == 0 || language.startsUnit(body.get(i))) {
        starts.add(i);
      }
    }
    return starts;
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>(header);
    for (Function function : functions) {
      lines.addAll(language.separator());
      lines.addAll(linesOf(function));
    }
    lines.addAll(language.footer());
    return lines;
  }

  String text() {
    return String.join("\n", lines()) + "\n";
  }

  int lineCount() {
    return lines().size();
  }

  private List<String> linesOf(Function function) {
    List<String> lines = new ArrayList<>();
    lines.add(function.signature());
    lines.addAll(function.body());
    String closing = language.closing();
    if (closing != null) {
      lines.add(closing);
    }
    return lines;
  }

  /** The line where function {@code index}'s separator starts; the footer's for the size. */
  private int start(int index) {
    int line = header.size();
    for (int i = 0; i < index; i++) {
      line += language.separator().size() + linesOf(functions.get(i)).size();
    }
    return line;
  }

  /** Replaces statements in several functions at once (keys are function indexes). */
  Change editBodies(Map<Integer, BodyEdit> edits) {
    List<Function> changed = new ArrayList<>(functions);
    List<Hunk> hunks = new ArrayList<>();
    for (Map.Entry<Integer, BodyEdit> entry : new TreeMap<>(edits).entrySet()) {
      int index = entry.getKey();
      BodyEdit edit = entry.getValue();
      Function function = functions.get(index);
      int first = start(index) + language.separator().size() + 1;
      hunks.add(new Hunk(first + edit.from(), first + edit.to(), edit.statements()));
      List<String> body = new ArrayList<>(function.body().subList(0, edit.from()));
      body.addAll(edit.statements());
      body.addAll(function.body().subList(edit.to(), function.body().size()));
      changed.set(index, new Function(function.signature(), body));
    }
    return new Change(new SourceFile(path, language, header, changed), hunks);
  }

  /** Adds {@code function} before the one at {@code position} (at the end for the size). */
  Change insert(int position, Function function) {
    List<Function> changed = new ArrayList<>(functions);
    changed.add(position, function);
    List<String> lines = new ArrayList<>(language.separator());
    lines.addAll(linesOf(function));
    int at = start(position);
    return new Change(
        new SourceFile(path, language, header, changed), List.of(new Hunk(at, at, lines)));
  }

  Change remove(int index) {
    List<Function> changed = new ArrayList<>(functions);
    changed.remove(index);
    int from = start(index);
    int to = from + language.separator().size() + linesOf(functions.get(index)).size();
    return new Change(
        new SourceFile(path, language, header, changed), List.of(new Hunk(from, to, List.of())));
  }
}
