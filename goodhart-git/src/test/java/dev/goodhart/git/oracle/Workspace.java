package dev.goodhart.git.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The repository being written: its working tree and the git commands that record it (commit,
 * branch, merge, squash, revert), each at the next moment of the history's clock. Conflicts never
 * stop it: {@code -X ours} or {@code -X theirs} settles conflicting hunks, and {@link Conflicts}
 * the files only one side kept.
 */
final class Workspace {
  static final String MAIN = "main";

  final WorkingTree tree;
  private final GitCli git;
  private final HistoryClock clock;
  private final MainLine mainLine;
  private final Set<String> branches = new LinkedHashSet<>();

  /** Commits whose merge, squash or revert stopped on conflicts that {@link Conflicts} settled. */
  private final Set<String> settledConflicts = new TreeSet<>();

  private String currentBranch = MAIN;
  private int commits;

  private Workspace(Path root, HistoryClock clock, MainLine mainLine) {
    this.tree = new WorkingTree(root);
    this.git = GitCli.in(root);
    this.clock = clock;
    this.mainLine = mainLine;
  }

  static Workspace create(Path root, HistoryClock clock, MainLine mainLine) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + root, e);
    }
    Workspace workspace = new Workspace(root, clock, mainLine);
    workspace.git.run("init", "-q");
    return workspace;
  }

  int commitCount() {
    return commits;
  }

  boolean settledConflicts(String sha) {
    return settledConflicts.contains(sha);
  }

  /** Renames with {@code git mv}, as people do; git records no rename either way. */
  void move(String from, String to) {
    try {
      Files.createDirectories(tree.root.resolve(to).getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the folder of " + to, e);
    }
    git.run("mv", from, to);
    tree.moved(from, to);
  }

  // Branches.

  void startBranch(String name) {
    git.run("switch", "-q", "-c", name);
    branches.add(name);
    currentBranch = name;
  }

  void switchTo(String branch) {
    if (!branch.equals(currentBranch)) {
      git.run("switch", "-q", branch);
      currentBranch = branch;
    }
  }

  /** Deletes every branch but main, as GitHub deletes merged pull request branches. */
  void deleteBranches() {
    switchTo(MAIN);
    if (!branches.isEmpty()) {
      List<String> command = new ArrayList<>(List.of("branch", "-q", "-D"));
      command.addAll(branches);
      git.run(command);
      branches.clear();
    }
  }

  /** The sha HEAD points to, read from the repository's files: cheaper than a git process. */
  String head() {
    Path gitDir = tree.root.resolve(".git");
    String head = new String(tree.read(".git/HEAD"), StandardCharsets.US_ASCII).strip();
    if (!head.startsWith("ref: ")) {
      return head;
    }
    Path ref = gitDir.resolve(head.substring("ref: ".length()));
    if (Files.exists(ref)) {
      try {
        return Files.readString(ref, StandardCharsets.US_ASCII).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + ref, e);
      }
    }
    return git.run("rev-parse", "HEAD").strip(); // a packed ref
  }

  // Commits.

  /** Commits everything in the working tree. */
  String commit(Contribution who, String message) {
    GitCli committing = nextCommitBy(who);
    stageNewFiles();
    committing.runWithInput(utf8(message), "commit", "-q", "-a", "-F", "-");
    return committed(false, tree.takeTouched());
  }

  /**
   * Makes a merge commit of {@code heads} into the current branch; {@code side} wins conflicts.
   * When {@code amendMerge} is given, it changes the working tree before the merge is committed, as
   * a person fixing up a merge by hand does.
   */
  String merge(
      Contribution who,
      String message,
      Side side,
      List<String> heads,
      @Nullable Runnable amendMerge) {
    GitCli committing = nextCommitBy(who);
    // git merge reads no message from standard input, but it reads one from a file.
    Path messageFile = tree.root.resolve(".git/GENERATED_MERGE_MSG");
    try {
      Files.writeString(messageFile, message, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + messageFile, e);
    }
    List<String> command =
        new ArrayList<>(List.of("merge", "-q", "--no-ff", "-F", messageFile.toString()));
    if (heads.size() == 1) {
      // The octopus strategy takes no side; the generator gives it no conflicts instead.
      command.addAll(List.of("-X", side.strategyOption));
    }
    if (amendMerge != null) {
      command.add("--no-commit");
    }
    command.addAll(heads);
    boolean stopped = runSettlingConflicts(committing, command, side);
    if (stopped || amendMerge != null) {
      if (amendMerge != null) {
        amendMerge.run();
        stageNewFiles();
      }
      // The message waits in MERGE_MSG, with "# Conflicts:" comment lines that strip removes.
      committing.run("commit", "-q", "-a", "--no-edit", "--cleanup=strip");
    }
    return settled(stopped, committed(true, null));
  }

  /** Squashes a branch into one commit on the current branch, as GitHub's squash and merge does. */
  String squash(Contribution who, String branch, Side side, String message) {
    GitCli committing = nextCommitBy(who);
    List<String> command = List.of("merge", "-q", "--squash", "-X", side.strategyOption, branch);
    boolean stopped = runSettlingConflicts(committing, command, side);
    // A squash whose changes the branch merged into already holds leaves nothing to commit.
    committing.runWithInput(utf8(message), "commit", "-q", "--allow-empty", "-F", "-");
    return settled(stopped, committed(false, null));
  }

  /** Reverts a commit; of a merge, the changes it brought to its first parent. */
  String revert(Contribution who, String sha, boolean merge) {
    GitCli committing = nextCommitBy(who);
    List<String> command = new ArrayList<>(List.of("revert", "--no-edit"));
    if (merge) {
      command.addAll(List.of("-m", "1"));
    }
    command.add(sha);
    boolean stopped = runSettlingConflicts(committing, command, Side.OURS);
    if (stopped) {
      committing.run("commit", "-q", "--no-edit", "--cleanup=strip", "--allow-empty");
    }
    return settled(stopped, committed(false, null));
  }

  /** Messages go in on standard input: {@link GitCli#runWithInput} says why. */
  private static byte[] utf8(String message) {
    return message.getBytes(StandardCharsets.UTF_8);
  }

  private void stageNewFiles() {
    List<String> untracked = tree.takeUntracked();
    if (!untracked.isEmpty()) {
      List<String> command = new ArrayList<>(List.of("add", "--"));
      command.addAll(untracked);
      git.run(command);
    }
  }

  private GitCli nextCommitBy(Contribution who) {
    Instant authored = clock.next();
    return git.committing(who.author(authored), who.committer(clock.committedAt(authored)));
  }

  /** Runs a command that may stop on conflicts; returns whether it did (and they were settled). */
  private boolean runSettlingConflicts(GitCli committing, List<String> command, Side side) {
    GitCli.Outcome outcome = committing.attempt(command.toArray(String[]::new));
    if (outcome.exitCode() == 0) {
      return false;
    }
    if (!Conflicts.settle(git, side)) {
      throw new IllegalStateException(
          "git "
              + String.join(" ", command)
              + " failed without conflicts:\n"
              + outcome.standardError()
              + outcome.output());
    }
    return true;
  }

  private String settled(boolean stopped, String sha) {
    if (stopped) {
      settledConflicts.add(sha);
    }
    return sha;
  }

  /**
   * Counts a commit and, on main, tells the main line what it changed: {@code changed} when the
   * working tree knows, else what git says the commit changed from its first parent.
   */
  private String committed(boolean merge, @Nullable Set<String> changed) {
    commits++;
    tree.takeTouched();
    String sha = head();
    if (currentBranch.equals(MAIN) && commits > 1) {
      mainLine.land(sha, merge, changed != null ? changed : changedFromFirstParent(sha));
    }
    return sha;
  }

  private Set<String> changedFromFirstParent(String sha) {
    Set<String> paths = new TreeSet<>();
    for (String path :
        git.run("diff", "--name-only", "-z", "--no-renames", sha + "^1", sha).split("\0")) {
      if (!path.isEmpty()) {
        paths.add(path);
      }
    }
    return paths;
  }
}
