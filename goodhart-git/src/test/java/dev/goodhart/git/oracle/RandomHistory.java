package dev.goodhart.git.oracle;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A random but realistic git history, made with the real git command line from a seed: line edits,
 * pull requests merged with and without divergence, squash merges, reverts, renames, deleted and
 * re-added files, criss-cross and octopus merges, a binary file, a CRLF file and a file without a
 * final newline, by people and by agents that mark their commits as they really do.
 *
 * <pre>{@code
 * RandomHistory history = RandomHistory.generate(tempDir.resolve("repo"), RandomHistoryOptions.seed(7));
 * Map<String, Long> expected = BlameOracle.aliveAt(history.repository(), history.branch());
 * }</pre>
 *
 * @param repository the repository's working tree, checked out on {@code branch}, clean
 * @param branch the branch everything was merged into ({@code main}); the other branches are
 *     deleted
 * @param operations what the generator did, in order
 * @param commits how many commits it made, including squashed commits no branch reaches any more
 * @param seed the seed it was made from: the same seed and options make the same shas (with the
 *     same git version, whose merges decide the merged content)
 */
public record RandomHistory(
    Path repository, String branch, List<Operation> operations, int commits, long seed) {
  public RandomHistory {
    requireNonNull(repository, "repository is null");
    requireNonNull(branch, "branch is null");
    operations = List.copyOf(operations);
  }

  /** Makes the history in {@code directory}, which must not exist or be empty. */
  public static RandomHistory generate(Path directory, RandomHistoryOptions options) {
    Random random = new Random(options.seed());
    MainLine mainLine = new MainLine();
    Workspace workspace = Workspace.create(directory, new HistoryClock(random), mainLine);
    SourceLines lines = new SourceLines(random);
    FileChanges files = new FileChanges(workspace, random, lines, new LineEditor(random, lines));
    Project project =
        new Project(
            workspace, files, mainLine, new Contributors(random), new Subjects(random), random);
    Operations operations = new Operations(project);

    operations.perform(OperationKind.INITIAL_COMMIT);
    Set<OperationKind> missing = EnumSet.noneOf(OperationKind.class);
    for (OperationKind kind : OperationKind.values()) {
      if (kind != OperationKind.INITIAL_COMMIT && options.weight(kind) > 0) {
        missing.add(kind);
      }
    }
    while (workspace.commitCount() < options.targetCommits() || !missing.isEmpty()) {
      operations.perform(nextKind(options, missing, workspace.commitCount(), random));
      project.log().forEach(done -> missing.remove(done.kind()));
    }
    workspace.deleteBranches();
    return new RandomHistory(
        directory, Workspace.MAIN, project.log(), workspace.commitCount(), options.seed());
  }

  public static RandomHistory generate(Path directory, long seed) {
    return generate(directory, RandomHistoryOptions.seed(seed));
  }

  /**
   * Draws by weight, but makes a kind not yet made now and then, and only those once the commits
   * they usually take would no longer fit in the target.
   */
  private static OperationKind nextKind(
      RandomHistoryOptions options, Set<OperationKind> missing, int commits, Random random) {
    int reserve = missing.stream().mapToInt(kind -> kind.typicalCommits).sum();
    if (!missing.isEmpty()
        && (commits + reserve >= options.targetCommits() || random.nextInt(4) == 0)) {
      List<OperationKind> choices = new ArrayList<>(missing);
      return choices.get(random.nextInt(choices.size()));
    }
    double total = 0;
    for (OperationKind kind : OperationKind.values()) {
      total += drawable(options, kind);
    }
    double draw = random.nextDouble() * total;
    for (OperationKind kind : OperationKind.values()) {
      draw -= drawable(options, kind);
      if (draw < 0) {
        return kind;
      }
    }
    return OperationKind.LINE_EDITS;
  }

  private static double drawable(RandomHistoryOptions options, OperationKind kind) {
    return kind == OperationKind.INITIAL_COMMIT ? 0 : options.weight(kind);
  }

  public Set<OperationKind> kinds() {
    return operations.stream()
        .map(Operation::kind)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(OperationKind.class)));
  }

  public Set<LineEdit> lineEdits() {
    return operations.stream()
        .flatMap(operation -> operation.lineEdits().stream())
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(LineEdit.class)));
  }

  /** The seed and the operations, one a line: for the message of a failing test. */
  public String describe() {
    StringBuilder text =
        new StringBuilder(
            "history of seed " + seed + " in " + repository + ", " + commits + " commits:\n");
    operations.forEach(operation -> text.append("  ").append(operation).append('\n'));
    return text.toString();
  }
}
