package dev.goodhart.git.oracle;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.List;

/**
 * One step the generator took, for assertions and for the message of a failing test.
 *
 * @param description what was done, in words, with the paths and branches involved
 * @param commits the shas of the commits it made, in order; squashed branch commits included
 * @param lineEdits the kinds of line edit its commits made
 */
public record Operation(
    OperationKind kind, String description, List<String> commits, List<LineEdit> lineEdits) {
  public Operation {
    requireNonNull(kind, "kind is null");
    requireNonNull(description, "description is null");
    commits = List.copyOf(commits);
    lineEdits = List.copyOf(lineEdits);
  }

  @Override
  public String toString() {
    return kind
        + ": "
        + description
        + " "
        + commits.stream().map(sha -> sha.substring(0, 8)).toList()
        + (lineEdits.isEmpty() ? "" : " " + EnumSet.copyOf(lineEdits));
  }
}
