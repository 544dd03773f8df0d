package dev.goodhart.git.oracle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Applies random {@link LineEdit}s to text files. It prefers the kinds it has not made yet, so that
 * even a short history holds every kind.
 */
final class LineEditor {
  /** Below this many lines a file only grows, so that no file is edited away. */
  private static final int SMALLEST_FILE = 8;

  private final Random random;
  private final SourceLines lines;
  private final Set<LineEdit> notYetMade = EnumSet.allOf(LineEdit.class);

  LineEditor(Random random, SourceLines lines) {
    this.random = random;
    this.lines = lines;
  }

  /** Applies one to four random edits and returns their kinds, in order. */
  List<LineEdit> edit(TextFile file) {
    List<LineEdit> made = new ArrayList<>();
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      LineEdit kind = chooseKind(file);
      apply(kind, file);
      made.add(kind);
    }
    return made;
  }

  /** A change small enough that git still sees a renamed file as the same file. */
  LineEdit smallEdit(TextFile file) {
    LineEdit kind = random.nextBoolean() ? LineEdit.MODIFY : LineEdit.INSERT;
    if (kind == LineEdit.MODIFY && !file.lines.isEmpty()) {
      file.lines.set(random.nextInt(file.lines.size()), lines.unique());
    } else {
      file.lines.add(random.nextInt(file.lines.size() + 1), lines.unique());
    }
    return kind;
  }

  private LineEdit chooseKind(TextFile file) {
    if (file.lines.size() < SMALLEST_FILE) {
      return LineEdit.INSERT;
    }
    if (!notYetMade.isEmpty() && random.nextInt(3) == 0) {
      return List.copyOf(notYetMade).get(random.nextInt(notYetMade.size()));
    }
    LineEdit[] kinds = LineEdit.values();
    return kinds[random.nextInt(kinds.length)];
  }

  private void apply(LineEdit kind, TextFile file) {
    notYetMade.remove(kind);
    List<String> text = file.lines;
    switch (kind) {
      case INSERT -> {
        List<String> inserted =
            random.nextBoolean() ? lines.method() : lines.some(1 + random.nextInt(3));
        text.addAll(random.nextInt(text.size() + 1), inserted);
      }
      case DELETE -> {
        int start = random.nextInt(text.size() - 4);
        text.subList(start, start + 1 + random.nextInt(4)).clear();
      }
      case MODIFY -> {
        int start = random.nextInt(text.size() - 3);
        for (int i = start + random.nextInt(3); i >= start; i--) {
          text.set(i, lines.any());
        }
      }
      case MOVE_BLOCK -> {
        int length = 2 + random.nextInt(5);
        int start = random.nextInt(text.size() - length);
        List<String> block = new ArrayList<>(text.subList(start, start + length));
        text.subList(start, start + length).clear();
        int target = random.nextInt(text.size() + 1);
        if (target == start) {
          target = target == 0 ? text.size() : 0;
        }
        text.addAll(target, block);
      }
      case DUPLICATE -> {
        int length = 1 + random.nextInt(4);
        int start = random.nextInt(text.size() - length);
        List<String> copy = new ArrayList<>(text.subList(start, start + length));
        int target = random.nextBoolean() ? start + length : random.nextInt(text.size() + 1);
        text.addAll(target, copy);
      }
    }
  }
}
