package dev.goodhart.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The small edits a commit makes to a file: a block inserted, a few lines deleted, a few lines
 * rewritten. Files stay between {@link #MIN_LINES} and {@link #MAX_LINES} lines, so that every file
 * at the head is of a size worth blaming.
 */
final class FileEdits {
  static final int MIN_LINES = 50;
  static final int MAX_LINES = 400;

  private final Random random;
  private final SourceText text;

  FileEdits(Random random, SourceText text) {
    this.random = random;
    this.text = text;
  }

  /** The file after one to {@code most} edits, mostly one; never the same text as before. */
  List<String> edit(List<String> before, int most) {
    List<String> lines = new ArrayList<>(before);
    int edits = most > 1 && random.nextInt(4) == 0 ? 2 + random.nextInt(most - 1) : 1;
    for (int i = 0; i < edits || lines.equals(before); i++) {
      editOnce(lines);
    }
    return lines;
  }

  private void editOnce(List<String> lines) {
    int roll = random.nextInt(100);
    if (lines.size() < MIN_LINES + 15) {
      roll = 0; // too short to lose more: grow it
    } else if (lines.size() > MAX_LINES - 20) {
      roll = 99; // too long to grow: shrink it
    }
    if (roll < 40) {
      insert(lines);
    } else if (roll < 75) {
      rewrite(lines);
    } else {
      delete(lines);
    }
  }

  /** A new method after a blank line, or a few statements anywhere inside the class. */
  private void insert(List<String> lines) {
    List<String> block =
        random.nextBoolean() ? text.method(1 + random.nextInt(8)) : text.statements(5);
    block = block.subList(0, Math.min(block.size(), MAX_LINES - lines.size()));
    int at = insideBody(lines);
    if (block.size() > 3) {
      for (int probe = at; probe < lines.size() - 1; probe++) {
        if (lines.get(probe).isEmpty()) {
          at = probe + 1;
          break;
        }
      }
    }
    lines.addAll(at, block);
  }

  /** One to four lines replaced by one to five others: a changed condition, a renamed call. */
  private void rewrite(List<String> lines) {
    int at = insideBody(lines);
    int count = Math.min(1 + random.nextInt(4), lines.size() - 1 - at);
    List<String> replacement = text.statements(5);
    while (lines.size() - count + replacement.size() > MAX_LINES) {
      replacement.removeLast();
    }
    while (lines.size() - count + replacement.size() < MIN_LINES) {
      replacement.add("");
    }
    lines.subList(at, at + count).clear();
    lines.addAll(at, replacement);
  }

  private void delete(List<String> lines) {
    int at = insideBody(lines);
    int wanted = lines.size() > MAX_LINES - 20 ? 10 + random.nextInt(30) : 1 + random.nextInt(12);
    int count = Math.min(Math.min(wanted, lines.size() - MIN_LINES), lines.size() - 1 - at);
    lines.subList(at, at + Math.max(count, 0)).clear();
  }

  /** A line after the class header and before its closing brace. */
  private int insideBody(List<String> lines) {
    int first = Math.min(8, lines.size() - 1);
    return first + random.nextInt(Math.max(1, lines.size() - 1 - first));
  }
}
