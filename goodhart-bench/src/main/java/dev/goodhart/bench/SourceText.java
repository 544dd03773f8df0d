package dev.goodhart.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Lines that look like Java source: methods of a few statements, nested blocks, and as in real code
 * many lines that are only {@code }} or blank. Those repeated lines are what makes line tracking
 * hard: a diff may match a {@code }} of one method with the {@code }} of another, and blame follows
 * whatever the diff says.
 */
final class SourceText {
  private static final String[] NOUNS = {
    "order", "invoice", "payment", "account", "session", "token", "cache", "route", "price",
    "ledger", "report", "metric", "batch", "queue", "event", "record", "buffer", "index", "limit",
    "budget", "commit", "branch", "review", "user", "team", "quota", "window", "result", "entry"
  };
  private static final String[] VERBS = {
    "compute", "load", "store", "resolve", "merge", "split", "parse", "render", "apply", "check",
    "count", "find", "build", "update", "retry", "flush", "close", "open", "scan", "match"
  };
  private static final String[] TYPES = {"int", "long", "String", "boolean", "double"};

  private final Random random;

  SourceText(Random random) {
    this.random = random;
  }

  /** A new file: a package line, imports, a class of methods, about {@code lines} lines long. */
  List<String> file(String packageName, String className, int lines) {
    List<String> text = new ArrayList<>();
    text.add("package " + packageName + ";");
    text.add("");
    text.add("import java.util.List;");
    text.add("import java.util.Map;");
    text.add("");
    text.add("/** " + capitalized(noun()) + " handling for " + className + ". */");
    text.add("public final class " + className + " {");
    text.add("  private final Map<String, Integer> " + noun() + "s = new java.util.HashMap<>();");
    text.add("");
    while (text.size() < lines - 1) {
      text.addAll(method(2 + random.nextInt(12)));
    }
    text.add("}");
    return text;
  }

  /** A method of about {@code statements} statements, followed by a blank line. */
  List<String> method(int statements) {
    List<String> text = new ArrayList<>();
    String type = TYPES[random.nextInt(TYPES.length)];
    text.add(
        "  public %s %s%s%d(%s value) {"
            .formatted(type, verb(), capitalized(noun()), random.nextInt(1000), type));
    int depth = 0;
    for (int i = 0; i < statements; i++) {
      int roll = random.nextInt(10);
      if (roll < 2 && depth < 2) {
        text.add(indent(depth) + "if (value != null && " + noun() + "Limit > " + number() + ") {");
        depth++;
      } else if (roll < 3 && depth < 2) {
        text.add(indent(depth) + "for (int i = 0; i < " + noun() + "s.size(); i++) {");
        depth++;
      } else if (roll < 5 && depth > 0) {
        depth--;
        text.add(indent(depth) + "}");
      } else {
        text.add(indent(depth) + statement());
      }
    }
    while (depth > 0) {
      depth--;
      text.add(indent(depth) + "}");
    }
    text.add("    return " + noun() + "(value);");
    text.add("  }");
    text.add("");
    return text;
  }

  /** One to {@code max} statement lines, for edits inside a method. */
  List<String> statements(int max) {
    List<String> text = new ArrayList<>();
    int count = 1 + random.nextInt(max);
    for (int i = 0; i < count; i++) {
      text.add(random.nextInt(6) == 0 ? "" : "    " + statement());
    }
    return text;
  }

  private String statement() {
    return switch (random.nextInt(6)) {
      case 0 -> "%s %s = %s(%s);".formatted(TYPES[random.nextInt(3)], noun(), verb(), noun());
      case 1 -> "%ss.put(\"%s\", %d);".formatted(noun(), noun(), number());
      case 2 -> "log.debug(\"%s %s {}\", %s);".formatted(verb(), noun(), noun());
      case 3 -> "%s += %s.%s();".formatted(noun(), noun(), verb());
      case 4 -> "requireNonNull(%s, \"%s is null\");".formatted(noun(), noun());
      default -> "%s(%s, %d);".formatted(verb(), noun(), number());
    };
  }

  private static String indent(int depth) {
    return "    " + "  ".repeat(depth);
  }

  private int number() {
    return random.nextInt(random.nextBoolean() ? 10 : 10_000);
  }

  String noun() {
    return NOUNS[random.nextInt(NOUNS.length)];
  }

  String verb() {
    return VERBS[random.nextInt(VERBS.length)];
  }

  static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
