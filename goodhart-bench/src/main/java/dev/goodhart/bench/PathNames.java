package dev.goodhart.bench;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Paths for new and moved files, laid out like a Java code base of a dozen modules. No path is
 * handed out twice, so that a file one branch adds can never collide with another's; a deleted file
 * comes back only when the generator re-adds it on purpose.
 */
final class PathNames {
  private static final String ROOT = "src/main/java/com/acme/";
  private static final String[] MODULES = {
    "billing",
    "orders",
    "accounts",
    "search",
    "reports",
    "auth",
    "gateway",
    "storage",
    "metrics",
    "notify",
    "catalog",
    "shipping"
  };
  private static final String[] ROLES = {
    "Service",
    "Repository",
    "Controller",
    "Mapper",
    "Client",
    "Handler",
    "Validator",
    "Policy",
    "Job",
    "Config",
    "Cache",
    "Index"
  };

  private final Random random;
  private final SourceText text;
  private final Set<String> used = new HashSet<>();

  PathNames(Random random, SourceText text) {
    this.random = random;
    this.text = text;
  }

  /** A new source file's path in a random module. */
  String newSource() {
    return source(MODULES[random.nextInt(MODULES.length)]);
  }

  /** The path a file moves to: the same class name in another module, or a new name in its own. */
  String movedFrom(String path) {
    String module = module(path);
    if (random.nextBoolean()) {
      String other = MODULES[random.nextInt(MODULES.length)];
      String moved = ROOT + other + "/" + className(path) + ".java";
      if (!other.equals(module) && used.add(moved)) {
        return moved;
      }
    }
    return source(module);
  }

  String newBinary() {
    String path;
    do {
      path = "src/main/resources/static/" + text.noun() + "-" + random.nextInt(100) + ".png";
    } while (!used.add(path));
    return path;
  }

  static String module(String path) {
    String rest = path.substring(ROOT.length());
    return rest.substring(0, rest.indexOf('/'));
  }

  static String className(String path) {
    return path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('.'));
  }

  static String packageOf(String path) {
    return "com.acme." + module(path);
  }

  private String source(String module) {
    String path;
    do {
      String name =
          SourceText.capitalized(text.noun())
              + (random.nextInt(3) == 0 ? SourceText.capitalized(text.noun()) : "")
              + ROLES[random.nextInt(ROLES.length)];
      path = ROOT + module + "/" + name + ".java";
    } while (!used.add(path));
    return path;
  }
}
