package dev.goodhart.synthetic.org;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One repository as the organisation sees it while history is made: its branches and their files,
 * every commit in the order made, and which files some unfinished work is holding. Work holds the
 * files it edits, so that two pieces of work never change one file at once: every commit and merge
 * is then exactly the files of the work that made it, as git's own merge would find.
 */
final class RepositoryModel {
  static final String MAIN = "main";

  final int index;
  final Domain domain;
  final Path path;
  final CodeWriter code;
  final Editor editor;
  final TreeMap<String, Branch> branches = new TreeMap<>();
  final List<PlannedCommit> commits = new ArrayList<>();

  /** Main's deployments to production, in time order. */
  final List<PlannedDeployment> deployments = new ArrayList<>();

  /** How its sessions' work reached main, once the repository is built. */
  @Nullable Landings landings;

  private final Map<String, Object> holders = new TreeMap<>();
  private final Random random;
  private int nextMark = 1;
  private int nextPullRequest;

  RepositoryModel(int index, Domain domain, Path path, Random random) {
    this.index = index;
    this.domain = domain;
    this.path = path;
    this.random = random;
    this.code = new CodeWriter(domain, random);
    this.editor = new Editor(code, random);
    this.nextPullRequest = 20 + random.nextInt(180);
  }

  /** The organisation on the forge, whose repositories these are. */
  static final String OWNER = "acme";

  /** The repository's name on the forge: {@code owner/name}. */
  String fullName() {
    return OWNER + "/" + domain.name();
  }

  /** Its origin's address; nothing is ever fetched from it. */
  String originUrl() {
    return "https://github.com/" + fullName() + ".git";
  }

  Branch main() {
    return branches.get(MAIN);
  }

  /** The repository's first commit: a handful of files. */
  PlannedCommit initialCommit(Signature author) {
    Map<String, @Nullable SourceFile> files = new LinkedHashMap<>();
    for (int i = 4 + random.nextInt(3); i > 0; i--) {
      SourceFile file = code.newFile(files.keySet());
      files.put(file.path(), file);
    }
    PlannedCommit first =
        new PlannedCommit(
            nextMark++,
            MAIN,
            List.of(),
            author,
            author,
            "Initial commit\n",
            PlannedCommit.Kind.INITIAL,
            files,
            new TreeMap<>());
    TreeMap<String, SourceFile> tree = new TreeMap<>();
    files.forEach((name, file) -> tree.put(name, file));
    branches.put(MAIN, new Branch(MAIN, first, tree));
    commits.add(first);
    return first;
  }

  /** A commit on {@code onto} whose first parent is its tip; more parents for a merge. */
  PlannedCommit commit(
      Branch onto,
      List<PlannedCommit> otherParents,
      Map<String, @Nullable SourceFile> changes,
      Signature author,
      Signature committer,
      String message,
      PlannedCommit.Kind kind) {
    Map<String, @Nullable SourceFile> before = new TreeMap<>();
    changes.keySet().forEach(name -> before.put(name, onto.files.get(name)));
    List<PlannedCommit> parents = new ArrayList<>();
    parents.add(onto.tip);
    parents.addAll(otherParents);
    PlannedCommit commit =
        new PlannedCommit(
            nextMark++,
            onto.name,
            parents,
            author,
            committer,
            message,
            kind,
            new TreeMap<>(changes),
            before);
    changes.forEach(
        (name, file) -> {
          if (file == null) {
            onto.files.remove(name);
          } else {
            onto.files.put(name, file);
          }
        });
    onto.tip = commit;
    commits.add(commit);
    return commit;
  }

  /** The branch, made from main's tip the first time it is asked for. */
  Branch branch(String name) {
    return branches.computeIfAbsent(name, missing -> main().copy(missing));
  }

  int nextPullRequest() {
    int number = nextPullRequest;
    nextPullRequest += 1 + random.nextInt(3); // issues share the numbers
    return number;
  }

  boolean isHeld(String file) {
    return holders.containsKey(file);
  }

  void hold(String file, Object holder) {
    holders.put(file, holder);
  }

  /**
   * Holds up to {@code count} files of {@code branch} that nobody holds and that are as on main (so
   * that the branch's change to them is the only one when it lands), chosen at random.
   */
  List<String> holdFree(int count, Object holder, Branch branch) {
    List<String> free = new ArrayList<>();
    Map<String, SourceFile> main = main().files;
    branch.files.forEach(
        (file, content) -> {
          if (!holders.containsKey(file) && content.equals(main.get(file))) {
            free.add(file);
          }
        });
    java.util.Collections.shuffle(free, random);
    List<String> held = new ArrayList<>(free.subList(0, Math.min(count, free.size())));
    held.forEach(file -> holders.put(file, holder));
    return held;
  }

  void release(Object holder) {
    holders.values().removeIf(value -> value == holder);
  }

  List<String> heldBy(Object holder) {
    List<String> files = new ArrayList<>();
    holders.forEach(
        (file, value) -> {
          if (value == holder) {
            files.add(file);
          }
        });
    return files;
  }
}
