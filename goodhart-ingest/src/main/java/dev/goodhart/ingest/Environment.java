package dev.goodhart.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables and home folder that log discovery reads. Passed in rather than read
 * from {@link System}, so tests and benchmarks point every source at folders they made themselves.
 */
public record Environment(Map<String, String> variables, Path home) {
  public Environment {
    variables = Map.copyOf(requireNonNull(variables, "variables is null"));
    requireNonNull(home, "home is null");
  }

  /**
   * The real environment: HOME when set (as the agents themselves use it), else the JVM's
   * user.home.
   */
  public static Environment system() {
    Map<String, String> variables = System.getenv();
    String home = variables.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return new Environment(variables, Path.of(home));
  }

  /** A variable's value, empty when it is unset or blank. */
  public Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** The folder a variable names, with a leading {@code ~/} expanded against the home folder. */
  public Optional<Path> path(String name) {
    return get(name).map(this::expand);
  }

  /**
   * The folders a variable names, separated by commas (as ccusage reads its agents' variables, so
   * that archives of old logs can be named beside the agent's folder); empty when it is unset.
   */
  public List<Path> paths(String name) {
    return get(name).stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::trim)
        .filter(folder -> !folder.isEmpty())
        .map(this::expand)
        .toList();
  }

  public Path expand(String path) {
    String trimmed = path.trim();
    if (trimmed.equals("~")) {
      return home;
    }
    if (trimmed.startsWith("~/")) {
      return home.resolve(trimmed.substring(2));
    }
    return Path.of(trimmed);
  }
}
