package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.org.Language.Call;
import dev.goodhart.synthetic.org.Language.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a repository's code: functions and statements made of its domain's nouns, now and then a
 * conditional block or a blank line. Every line it writes that carries information (a statement, a
 * signature, a block's condition, a return) is new to the repository, and every file it creates has
 * a path never used before, so that an edit's text is found in one place, a line's history can be
 * told from another's, and matching lines by content is unambiguous. The lines that carry none
 * (blank lines, closing brackets, {@code else}, a bare {@code return}) repeat, as in real code.
 */
final class CodeWriter {
  /** Of the statements of a body, this many percent are a conditional block instead. */
  private static final int BLOCKS = 12;

  private static final List<List<String>> PREDICATES =
      List.of(
          List.of("is", "empty"),
          List.of("is", "expired"),
          List.of("needs", "review"),
          List.of("is", "settled"),
          List.of("has", "errors"),
          List.of("is", "stale"),
          List.of("is", "pending"));

  private final Domain domain;
  private final Random random;
  private final Set<String> written = new HashSet<>();
  private final Set<String> paths = new HashSet<>();

  CodeWriter(Domain domain, Random random) {
    this.domain = domain;
    this.random = random;
  }

  Language language() {
    return domain.language();
  }

  /** A new file in the source folder, not named like any of {@code taken}, with a few functions. */
  SourceFile newFile(Set<String> taken) {
    List<String> module;
    String path;
    int attempt = 0;
    do {
      // Past a few tries the short names are mostly taken: a modifier, then a number, makes room.
      List<String> words = new ArrayList<>();
      if (attempt > 8) {
        words.add(modifier());
      }
      words.add(noun());
      words.add(pick(List.of("rules", "service", "store", "client", "report", "handler")));
      if (attempt > 16) {
        words.add("v" + attempt);
      }
      module = List.copyOf(words);
      path = domain.sourceFolder() + "/" + language().fileName(module);
      attempt++;
    } while (taken.contains(path) || paths.contains(path));
    paths.add(path);
    List<String> types =
        List.of(Language.pascal(List.of(noun())), Language.pascal(List.of(noun())));
    List<String> header =
        language().header(domain.packageName(), module, types.stream().distinct().toList());
    List<SourceFile.Function> functions = new ArrayList<>();
    for (int i = 2 + random.nextInt(3); i > 0; i--) {
      functions.add(function());
    }
    return new SourceFile(path, language(), header, functions);
  }

  SourceFile.Function function() {
    List<String> name;
    List<Parameter> parameters = new ArrayList<>();
    String signature;
    do {
      name = random.nextBoolean() ? List.of(verb(), noun()) : List.of(verb(), modifier(), noun());
      parameters.clear();
      for (int i = 1 + random.nextInt(2); i > 0; i--) {
        String noun = noun();
        parameters.add(
            new Parameter(List.of(noun), random.nextBoolean() ? List.of(noun) : variable(noun)));
      }
      signature = language().signature(name, parameters, List.of(noun()));
    } while (!written.add(signature));
    List<List<String>> scope = new ArrayList<>();
    parameters.forEach(parameter -> scope.add(parameter.name()));
    List<String> body = new ArrayList<>();
    if (random.nextInt(10) < 3) {
      body.add(
          unique(
              () ->
                  language().guard(scope.getFirst(), scope.getFirst().getLast() + " is required")));
    }
    body.addAll(statements(1 + random.nextInt(4), scope));
    if (random.nextInt(100) < 15) {
      body.add("");
    }
    body.add(returns(scope));
    return new SourceFile.Function(signature, body);
  }

  /** A return: of a variable in scope, else of a call, whichever is new to the repository. */
  private String returns(List<List<String>> scope) {
    List<String> last = scope.getLast();
    return unique(
        () ->
            random.nextBoolean()
                ? language().returns(random.nextBoolean() ? last : pick(scope))
                : language().returnsCall(call(scope)));
  }

  /**
   * {@code count} new statements (a conditional block counts as one), which may use (and add to)
   * the variables of {@code scope}.
   */
  List<String> statements(int count, List<List<String>> scope) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (random.nextInt(100) < BLOCKS) {
        lines.addAll(block(scope));
        continue;
      }
      lines.add(statement(scope));
    }
    return lines;
  }

  /**
   * A conditional block: a new condition, a statement in each branch; or, in Python, an early
   * return.
   */
  private List<String> block(List<List<String>> scope) {
    Language language = language();
    List<String> lines = new ArrayList<>();
    lines.add(unique(() -> language.opener(pick(scope), pick(PREDICATES))));
    String bare = language.bareReturn();
    if (bare != null && random.nextInt(3) == 0) {
      lines.add(bare);
      return lines;
    }
    lines.add(statement(scope, language.inner()));
    lines.add(language.otherwise());
    lines.add(statement(scope, language.inner()));
    String end = language.blockEnd();
    if (end != null) {
      lines.add(end);
    }
    return lines;
  }

  private String statement(List<List<String>> scope) {
    return statement(scope, "");
  }

  /** A statement that is new to the repository once {@code prefix} is put before it. */
  private String statement(List<List<String>> scope, String prefix) {
    int kind = random.nextInt(10);
    String line;
    if (kind < 6) {
      String noun = noun();
      List<String> variable = variable(noun);
      line = unique(prefix, () -> language().assign(List.of(noun), variable, call(scope)));
      scope.add(variable);
    } else if (kind < 8) {
      line = unique(prefix, () -> language().statement(call(scope)));
    } else {
      line = unique(prefix, () -> language().log(verb() + " " + noun(), pick(scope)));
    }
    return line;
  }

  List<String> statements(int count) {
    List<List<String>> scope = new ArrayList<>();
    scope.add(variable(noun()));
    return statements(count, scope);
  }

  private Call call(List<List<String>> scope) {
    List<List<String>> arguments = new ArrayList<>();
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      arguments.add(scope.isEmpty() || random.nextInt(3) == 0 ? variable(noun()) : pick(scope));
    }
    List<String> method = random.nextBoolean() ? List.of(verb(), noun()) : List.of(verb());
    return new Call(List.of(noun() + (random.nextBoolean() ? "s" : "")), method, arguments);
  }

  private interface Line {
    String render();
  }

  private String unique(Line line) {
    return unique("", line);
  }

  /**
   * A line not written before, {@code prefix} (more indentation) and all: redrawn a few times, then
   * made unique with a number.
   */
  private String unique(String prefix, Line line) {
    for (int attempt = 0; attempt < 20; attempt++) {
      String text = prefix + line.render();
      if (written.add(text)) {
        return text;
      }
    }
    String text = prefix + line.render();
    int suffix = 2;
    while (!written.add(language().commented(text, "v" + suffix))) {
      suffix++;
    }
    return language().commented(text, "v" + suffix);
  }

  private List<String> variable(String noun) {
    return List.of(modifier(), noun);
  }

  private String noun() {
    return pick(domain.nouns());
  }

  private String verb() {
    return pick(Domain.VERBS);
  }

  private String modifier() {
    return pick(Domain.MODIFIERS);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
