package dev.goodhart.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of one line of history as the generator sees them: text files as lines, binary files as
 * bytes. Text paths are kept in the order they were added, so that the oldest files, the core of a
 * code base, can be made the most edited.
 */
final class WorkingTree {
  private final Map<String, List<String>> text = new HashMap<>();
  private final List<String> order = new ArrayList<>();
  private final Map<String, byte[]> binary = new HashMap<>();
  private final List<String> binaryOrder = new ArrayList<>();

  void put(String path, List<String> lines) {
    if (text.put(path, List.copyOf(lines)) == null) {
      order.add(path);
    }
  }

  void putBinary(String path, byte[] content) {
    if (binary.put(path, content) == null) {
      binaryOrder.add(path);
    }
  }

  void remove(String path) {
    if (text.remove(path) != null) {
      order.remove(path);
    }
  }

  Optional<List<String>> lines(String path) {
    return Optional.ofNullable(text.get(path));
  }

  /** The {@code index}-th text file by age, oldest first. */
  String textPath(int index) {
    return order.get(index);
  }

  String binaryPath(int index) {
    return binaryOrder.get(index);
  }

  int textFiles() {
    return order.size();
  }

  int binaryFiles() {
    return binaryOrder.size();
  }

  long lines() {
    long sum = 0;
    for (List<String> lines : text.values()) {
      sum += lines.size();
    }
    return sum;
  }

  /** A file's bytes as git stores them: every line ended by a line feed. */
  static byte[] bytes(List<String> lines) {
    StringBuilder content = new StringBuilder(lines.size() * 32);
    for (String line : lines) {
      content.append(line).append('\n');
    }
    return content.toString().getBytes(StandardCharsets.UTF_8);
  }
}
