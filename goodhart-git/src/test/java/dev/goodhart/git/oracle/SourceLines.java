package dev.goodhart.git.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes lines that look like source code, with many that repeat across and within files (braces,
 * blank lines, {@code return null;}): the lines a diff can match in more than one place, where a
 * line tracker is most likely to part ways with {@code git blame}. Every other line carries a
 * counter, so it is unique in the whole history.
 */
final class SourceLines {
  private static final List<String> AMBIGUOUS =
      List.of(
          "}",
          "    }",
          "        }",
          "{",
          "    {",
          "",
          "",
          "",
          "        return null;",
          "    return null;",
          "        return true;",
          "        break;",
          "    // TODO",
          "        i++;",
          "    @Override");

  private static final List<String> UNIQUE =
      List.of(
          "    int value%d = compute(%d);",
          "        log.info(\"step %d\");",
          "        if (count > %d) {",
          "    private String field%d;",
          "        result.add(item%d);",
          "        total += weights[%d];",
          "    // keeps the order stable for case %d");

  private final Random random;
  private int counter;

  SourceLines(Random random) {
    this.random = random;
  }

  String unique() {
    int n = ++counter;
    return UNIQUE.get(random.nextInt(UNIQUE.size())).replace("%d", Integer.toString(n));
  }

  String ambiguous() {
    return AMBIGUOUS.get(random.nextInt(AMBIGUOUS.size()));
  }

  /** A line that is ambiguous about one time in three. */
  String any() {
    return random.nextInt(3) == 0 ? ambiguous() : unique();
  }

  List<String> some(int count) {
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lines.add(any());
    }
    return lines;
  }

  /** A method, braces on their own lines or not, followed by a blank line. */
  List<String> method() {
    int n = ++counter;
    List<String> lines = new ArrayList<>();
    boolean allman = random.nextBoolean();
    String signature = "    public Object method" + n + "(Object input)";
    if (allman) {
      lines.add(signature);
      lines.add("    {");
      lines.add("        if (input == null)");
      lines.add("        {");
    } else {
      lines.add(signature + " {");
      lines.add("        if (input == null) {");
    }
    lines.add("            return null;");
    lines.add("        }");
    for (int i = random.nextInt(3); i > 0; i--) {
      lines.add(random.nextBoolean() ? "        return null;" : "    " + unique());
    }
    lines.add("        return input;");
    lines.add("    }");
    lines.add("");
    return lines;
  }

  /** The text of a new Java file: a class with a few methods and fields. */
  List<String> javaFile(String className) {
    List<String> lines = new ArrayList<>();
    lines.add("package app;");
    lines.add("");
    lines.add("public class " + className);
    lines.add("{");
    lines.add("    private String field" + (++counter) + ";");
    lines.add("");
    for (int i = 2 + random.nextInt(4); i > 0; i--) {
      lines.addAll(method());
    }
    lines.add("}");
    return lines;
  }
}
