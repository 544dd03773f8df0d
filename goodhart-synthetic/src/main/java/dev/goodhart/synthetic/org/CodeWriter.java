package dev.goodhart.synthetic.org;

import dev.goodhart.synthetic.org.Language.Call;
import dev.goodhart.synthetic.org.Language.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a repository's code: functions and statements made of its domain's nouns. Every statement
 * and signature it writes is new to the repository, so that an edit's text is found in one place
 * and a line's history can be told from another's.
 */
final class CodeWriter {
  private final Domain domain;
  private final Random random;
  private final Set<String> written = new HashSet<>();

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
    } while (taken.contains(path));
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
    body.add(language().returns(scope.getLast()));
    return new SourceFile.Function(signature, body);
  }

  /** {@code count} new statements, which may use (and add to) the variables of {@code scope}. */
  List<String> statements(int count, List<List<String>> scope) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(10);
      if (kind < 6) {
        String noun = noun();
        List<String> variable = variable(noun);
        lines.add(unique(() -> language().assign(List.of(noun), variable, call(scope))));
        scope.add(variable);
      } else if (kind < 8) {
        lines.add(unique(() -> language().statement(call(scope))));
      } else {
        lines.add(unique(() -> language().log(verb() + " " + noun(), pick(scope))));
      }
    }
    return lines;
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

  /** A line not written before: redrawn a few times, then made unique with a number. */
  private String unique(Line line) {
    for (int attempt = 0; attempt < 20; attempt++) {
      String text = line.render();
      if (written.add(text)) {
        return text;
      }
    }
    String text = line.render();
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
