package dev.goodhart.synthetic.org;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Decides what an edit does to a file: add a function, replace a few statements (in one function or
 * several), rewrite a function's body, remove a function, or create a file. An agent's edit leaves
 * alone the functions it changed since its last commit, so that every line it writes either reaches
 * the commit as written or is never committed at all.
 */
final class Editor {
  private final CodeWriter code;
  private final Random random;

  Editor(CodeWriter code, Random random) {
    this.code = code;
    this.random = random;
  }

  /**
   * An agent's edit of one of {@code allowed} in {@code files}, or a new file. The signatures of
   * the functions it touches are added to {@code pending}; a created file's path to {@code
   * allowed}.
   */
  FileChange agentEdit(
      Map<String, SourceFile> files, List<String> allowed, Set<String> pending, boolean mayCreate) {
    if (allowed.isEmpty() || (mayCreate && random.nextInt(100) < 8)) {
      SourceFile created = code.newFile(files.keySet());
      created.functions().forEach(function -> pending.add(function.signature()));
      allowed.add(created.path());
      return new FileChange(created.path(), null, created, List.of());
    }
    SourceFile file = files.get(allowed.get(random.nextInt(allowed.size())));
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < file.functions().size(); i++) {
      if (!pending.contains(file.functions().get(i).signature())) {
        free.add(i);
      }
    }
    int draw = random.nextInt(100);
    SourceFile.Change change;
    if (free.isEmpty() || draw < 35) {
      SourceFile.Function added = code.function();
      pending.add(added.signature());
      change = file.insert(random.nextInt(file.functions().size() + 1), added);
    } else if (draw < 80) {
      change = editStatements(file, free, random.nextInt(10) < 3 ? 2 + random.nextInt(2) : 1);
    } else if (draw < 90 || file.functions().size() <= 2) {
      change = rewrite(file, free.get(random.nextInt(free.size())));
    } else {
      change = file.remove(free.get(random.nextInt(free.size())));
    }
    for (SourceFile.Function function : change.after().functions()) {
      if (!file.functions().contains(function)) {
        pending.add(function.signature());
      }
    }
    return new FileChange(file.path(), file, change.after(), change.hunks());
  }

  /** A person's small change to {@code path}. */
  FileChange humanEdit(Map<String, SourceFile> files, String path) {
    SourceFile file = files.get(path);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < file.functions().size(); i++) {
      all.add(i);
    }
    int draw = random.nextInt(100);
    SourceFile.Change change;
    if (draw < 60 && !all.isEmpty()) {
      change = editStatements(file, all, 1);
    } else if (draw < 85 || file.functions().size() <= 3) {
      change = file.insert(random.nextInt(file.functions().size() + 1), code.function());
    } else {
      change = file.remove(random.nextInt(file.functions().size()));
    }
    return new FileChange(path, file, change.after(), change.hunks());
  }

  /**
   * Replaces one to three statements (or blocks) in each of {@code count} of the {@code
   * candidates}.
   */
  private SourceFile.Change editStatements(SourceFile file, List<Integer> candidates, int count) {
    List<Integer> chosen = new ArrayList<>(candidates);
    java.util.Collections.shuffle(chosen, random);
    Map<Integer, SourceFile.BodyEdit> edits = new TreeMap<>();
    for (int index : chosen.subList(0, Math.min(count, chosen.size()))) {
      SourceFile.Function function = file.functions().get(index);
      List<String> body = function.body();
      List<Integer> starts = file.unitStarts(function);
      int first = random.nextInt(starts.size());
      int last = Math.min(starts.size(), first + 1 + random.nextInt(3));
      int from = starts.get(first);
      int to = last < starts.size() ? starts.get(last) : body.size();
      int replacing = from == 0 && to == body.size() ? 1 + random.nextInt(5) : random.nextInt(5);
      edits.put(index, new SourceFile.BodyEdit(from, to, code.statements(Math.max(replacing, 0))));
    }
    return file.editBodies(edits);
  }

  /**
   * A reviewer's rewrite of one or two statements an agent wrote ({@code agentLines}) in one of
   * {@code paths}: each replaced by a statement of the reviewer's own. Null when no such statement
   * is left.
   */
  @Nullable FileChange reviewerEdit(
      Map<String, SourceFile> files, Collection<String> paths, Set<String> agentLines) {
    List<String> candidates = new ArrayList<>();
    for (String path : paths) {
      SourceFile file = files.get(path);
      if (file != null && !rewritable(file, agentLines).isEmpty()) {
        candidates.add(path);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    SourceFile file = files.get(candidates.get(random.nextInt(candidates.size())));
    Map<Integer, Integer> lines = rewritable(file, agentLines);
    List<Integer> functions = new ArrayList<>(lines.keySet());
    java.util.Collections.shuffle(functions, random);
    Map<Integer, SourceFile.BodyEdit> edits = new TreeMap<>();
    for (int index : functions.subList(0, Math.min(1 + random.nextInt(2), functions.size()))) {
      int line = lines.get(index);
      edits.put(index, new SourceFile.BodyEdit(line, line + 1, code.statements(1)));
    }
    SourceFile.Change change = file.editBodies(edits);
    return new FileChange(file.path(), file, change.after(), change.hunks());
  }

  /** Per function, one of its one-line statements that an agent wrote, if it has any. */
  private static Map<Integer, Integer> rewritable(SourceFile file, Set<String> agentLines) {
    Map<Integer, Integer> found = new TreeMap<>();
    for (int index = 0; index < file.functions().size(); index++) {
      SourceFile.Function function = file.functions().get(index);
      List<Integer> starts = file.unitStarts(function);
      List<String> body = function.body();
      for (int u = 0; u < starts.size(); u++) {
        int line = starts.get(u);
        int next = u + 1 < starts.size() ? starts.get(u + 1) : body.size();
        String text = body.get(line);
        if (next == line + 1 && !text.isBlank() && agentLines.contains(text)) {
          found.put(index, line);
          break;
        }
      }
    }
    return found;
  }

  private SourceFile.Change rewrite(SourceFile file, int index) {
    List<String> body = file.functions().get(index).body();
    List<String> statements = code.statements(2 + random.nextInt(5));
    return file.editBodies(Map.of(index, new SourceFile.BodyEdit(0, body.size(), statements)));
  }
}
