package dev.goodhart.synthetic.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a repository's language spells the few shapes of code the organisation writes: a file's
 * header and footer, a function, and single-line statements. Names come as words and are cased the
 * language's way.
 */
enum Language {
  JAVA(".java", "    ", "./mvnw -q test"),
  TYPESCRIPT(".ts", "  ", "npm test --silent"),
  PYTHON(".py", "    ", "pytest -q"),
  GO(".go", "\t", "go test ./...");

  private final String extension;
  private final String indent;
  private final String testCommand;

  Language(String extension, String indent, String testCommand) {
    this.extension = extension;
    this.indent = indent;
    this.testCommand = testCommand;
  }

  String testCommand() {
    return testCommand;
  }

  /** A source file's name for a module named by {@code words}. */
  String fileName(List<String> words) {
    return switch (this) {
      case JAVA -> pascal(words) + extension;
      case TYPESCRIPT -> camel(words) + extension;
      case PYTHON, GO -> String.join("_", words) + extension;
    };
  }

  List<String> header(String packageName, List<String> module, List<String> types) {
    List<String> lines = new ArrayList<>();
    switch (this) {
      case JAVA -> {
        lines.add("package " + packageName + ";");
        lines.add("");
        lines.add("import java.util.List;");
        lines.add("import java.util.Objects;");
        lines.add("");
        lines.add("public final class " + pascal(module) + " {");
      }
      case TYPESCRIPT -> {
        lines.add("import { " + String.join(", ", types) + " } from \"../model\";");
        lines.add("import { log } from \"../log\";");
      }
      case PYTHON -> {
        lines.add("\"\"\"" + capitalised(String.join(" ", module)) + " helpers.\"\"\"");
        lines.add("");
        lines.add("import logging");
        lines.add("");
        lines.add("from " + packageName + ".model import " + String.join(", ", types));
        lines.add("");
        lines.add("logger = logging.getLogger(__name__)");
      }
      case GO -> {
        lines.add("package " + packageName);
        lines.add("");
        lines.add("import (");
        lines.add("\t\"fmt\"");
        lines.add("\t\"log\"");
        lines.add(")");
      }
    }
    return lines;
  }

  List<String> footer() {
    return this == JAVA ? List.of("}") : List.of();
  }

  /** The blank lines before each function. */
  List<String> separator() {
    return this == PYTHON ? List.of("", "") : List.of("");
  }

  String signature(List<String> name, List<Parameter> parameters, List<String> returned) {
    List<String> rendered = new ArrayList<>();
    for (Parameter parameter : parameters) {
      rendered.add(
          switch (this) {
            case JAVA -> pascal(parameter.type()) + " " + camel(parameter.name());
            case TYPESCRIPT -> camel(parameter.name()) + ": " + pascal(parameter.type());
            case PYTHON -> snake(parameter.name());
            case GO -> camel(parameter.name()) + " " + pascal(parameter.type());
          });
    }
    String list = String.join(", ", rendered);
    return switch (this) {
      case JAVA -> "  " + pascal(returned) + " " + camel(name) + "(" + list + ") {";
      case TYPESCRIPT ->
          "export function " + camel(name) + "(" + list + "): " + pascal(returned) + " {";
      case PYTHON -> "def " + snake(name) + "(" + list + "):";
      case GO -> "func " + pascal(name) + "(" + list + ") (" + pascal(returned) + ", error) {";
    };
  }

  @Nullable String closing() {
    return switch (this) {
      case JAVA -> "  }";
      case TYPESCRIPT, GO -> "}";
      case PYTHON -> null;
    };
  }

  String assign(List<String> type, List<String> variable, Call call) {
    return switch (this) {
      case JAVA -> indent + pascal(type) + " " + camel(variable) + " = " + call(call) + ";";
      case TYPESCRIPT -> indent + "const " + camel(variable) + " = " + call(call) + ";";
      case PYTHON -> indent + snake(variable) + " = " + call(call);
      case GO -> indent + camel(variable) + " := " + call(call);
    };
  }

  String statement(Call call) {
    return indent + call(call) + (this == JAVA || this == TYPESCRIPT ? ";" : "");
  }

  String log(String message, List<String> variable) {
    return switch (this) {
      case JAVA -> indent + "log.debug(\"" + message + " {}\", " + camel(variable) + ");";
      case TYPESCRIPT -> indent + "log.debug(\"" + message + "\", " + camel(variable) + ");";
      case PYTHON -> indent + "logger.debug(\"" + message + " %s\", " + snake(variable) + ")";
      case GO -> indent + "log.Printf(\"" + message + " %v\", " + camel(variable) + ")";
    };
  }

  String guard(List<String> variable, String message) {
    return switch (this) {
      case JAVA -> indent + "Objects.requireNonNull(" + camel(variable) + ", \"" + message + "\");";
      case TYPESCRIPT ->
          indent + "if (!" + camel(variable) + ") throw new Error(\"" + message + "\");";
      case PYTHON -> indent + "assert " + snake(variable) + " is not None, \"" + message + "\"";
      case GO ->
          indent
              + "if "
              + camel(variable)
              + " == nil { return nil, fmt.Errorf(\""
              + message
              + "\") }";
    };
  }

  /** {@code line} with a comment at its end. */
  String commented(String line, String comment) {
    return line + (this == PYTHON ? "  # " : " // ") + comment;
  }

  String returns(List<String> variable) {
    return switch (this) {
      case JAVA, TYPESCRIPT -> indent + "return " + camel(variable) + ";";
      case PYTHON -> indent + "return " + snake(variable);
      case GO -> indent + "return " + camel(variable) + ", nil";
    };
  }

  /** A return of what a call gives. */
  String returnsCall(Call call) {
    return switch (this) {
      case JAVA, TYPESCRIPT -> indent + "return " + call(call) + ";";
      case PYTHON -> indent + "return " + call(call);
      case GO -> indent + "return " + call(call) + ", nil";
    };
  }

  /** What a line inside a block adds to a statement's indentation. */
  String inner() {
    return switch (this) {
      case JAVA, TYPESCRIPT -> "  ";
      case PYTHON -> "    ";
      case GO -> "\t";
    };
  }

  /** The first line of a conditional block on {@code variable}'s {@code predicate}. */
  String opener(List<String> variable, List<String> predicate) {
    return switch (this) {
      case JAVA, TYPESCRIPT -> indent + "if (" + camel(variable) + "." + camel(predicate) + "()) {";
      case PYTHON -> indent + "if " + snake(variable) + "." + snake(predicate) + "():";
      case GO -> indent + "if " + camel(variable) + "." + pascal(predicate) + "() {";
    };
  }

  /** The line between a conditional block's branches: {@code } else {}, {@code else:}. */
  String otherwise() {
    return this == PYTHON ? indent + "else:" : indent + "} else {";
  }

  /** The line that closes a block, if the language has one. */
  @Nullable String blockEnd() {
    return this == PYTHON ? null : indent + "}";
  }

  /** A bare return inside a block, where the language's functions allow one; else null. */
  @Nullable String bareReturn() {
    return this == PYTHON ? indent + inner() + "return" : null;
  }

  /**
   * Whether a line of a function's body begins a statement or a block, rather than continuing a
   * block (a line inside it, its {@code else}, its closing bracket).
   */
  boolean startsUnit(String line) {
    if (line.isEmpty()) {
      return true;
    }
    if (!line.startsWith(indent) || line.startsWith(indent + inner())) {
      return false;
    }
    String rest = line.substring(indent.length());
    return !rest.startsWith("}") && !rest.equals("else:");
  }

  private String call(Call call) {
    List<String> arguments = new ArrayList<>();
    for (List<String> argument : call.arguments()) {
      arguments.add(this == PYTHON ? snake(argument) : camel(argument));
    }
    String receiver = this == PYTHON ? snake(call.receiver()) : camel(call.receiver());
    String method =
        switch (this) {
          case PYTHON -> snake(call.method());
          case GO -> pascal(call.method());
          case JAVA, TYPESCRIPT -> camel(call.method());
        };
    return receiver + "." + method + "(" + String.join(", ", arguments) + ")";
  }

  /** A parameter: its type and name, as words. */
  record Parameter(List<String> type, List<String> name) {}

  /** A method call on a receiver. */
  record Call(List<String> receiver, List<String> method, List<List<String>> arguments) {}

  static String camel(List<String> words) {
    StringBuilder out = new StringBuilder(words.getFirst());
    words.subList(1, words.size()).forEach(word -> out.append(capitalised(word)));
    return out.toString();
  }

  static String pascal(List<String> words) {
    StringBuilder out = new StringBuilder();
    words.forEach(word -> out.append(capitalised(word)));
    return out.toString();
  }

  static String snake(List<String> words) {
    return String.join("_", words);
  }

  static String capitalised(String word) {
    return word.isEmpty()
        ? word
        : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }
}
