package dev.goodhart.ingest.otlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a decoder is inside a request, as {@code resourceLogs[0].scopeLogs[1].logRecords[3]}. It is
 * kept as a stack and rendered only for an error message, so that a valid body costs no strings.
 */
final class FieldPath {
  private final List<String> names = new ArrayList<>();
  private final List<Integer> indexes = new ArrayList<>();

  void push(String name) {
    names.add(name);
    indexes.add(-1);
  }

  /** Marks the element of the innermost repeated field the decoder is in. */
  void index(int index) {
    indexes.set(indexes.size() - 1, index);
  }

  void pop() {
    names.removeLast();
    indexes.removeLast();
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        path.append('.');
      }
      path.append(names.get(i));
      if (indexes.get(i) >= 0) {
        path.append('[').append(indexes.get(i)).append(']');
      }
    }
    return path.toString();
  }
}
