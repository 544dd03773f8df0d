package dev.goodhart.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What {@link LargeRepository} makes: where, how many commits, how many text files at the head, and
 * the seed that makes the same options give the same repository, commit ids included.
 */
record LargeRepositoryOptions(Path out, int commits, int files, long seed) {
  static final String USAGE =
      "usage: LargeRepository --out DIR [--commits N (5000)] [--files N (600)] [--seed S (1)]";

  LargeRepositoryOptions {
    requireNonNull(out, "out is null");
    if (commits < 20) {
      throw new IllegalArgumentException("--commits must be 20 or more, found '" + commits + "'");
    }
    if (files < 5) {
      throw new IllegalArgumentException("--files must be 5 or more, found '" + files + "'");
    }
  }

  static LargeRepositoryOptions parse(String... args) {
    Path out = null;
    int commits = 5000;
    int files = 600;
    long seed = 1;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option '" + args[i] + "' needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--out" -> out = Path.of(value);
        case "--commits" -> commits = number(args[i], value);
        case "--files" -> files = number(args[i], value);
        case "--seed" -> seed = number(args[i], value);
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    return new LargeRepositoryOptions(out, commits, files, seed);
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " must be a whole number, found '" + value + "'", e);
    }
  }
}
