package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A git-ai authorship note, the note git-ai keeps for a commit under {@code refs/notes/ai} (Git AI
 * Standard v3; FORMATS.md §8.2): which lines of which files AI sessions wrote, and which agents and
 * conversations those sessions were.
 *
 * <p>Lines the note does not mention are of unknown provenance, not human: only {@link
 * #humanLines()} are known to be a person's.
 *
 * @param schemaVersion {@code schema_version}, e.g. {@code authorship/3.0.0}; null when absent
 * @param baseCommitSha {@code base_commit_sha}, the parent the note was computed against; null when
 *     absent
 * @param aiLines per file, in the note's order, the lines credited to AI sessions and prompts, as
 *     sorted disjoint ranges of the file as of the commit
 * @param humanLines per file, the lines credited to known people ({@code h_…} keys)
 * @param agents the sessions and prompts credited with lines, in order of first appearance
 */
public record GitAiNote(
    @Nullable String schemaVersion,
    @Nullable String baseCommitSha,
    Map<String, List<LineRange>> aiLines,
    Map<String, List<LineRange>> humanLines,
    List<NoteAgent> agents) {
  public GitAiNote {
    aiLines = orderedCopy(requireNonNull(aiLines, "aiLines is null"));
    humanLines = orderedCopy(requireNonNull(humanLines, "humanLines is null"));
    agents = List.copyOf(requireNonNull(agents, "agents is null"));
  }

  /**
   * Reads a note's text: the attestation section, a {@code ---} line and the metadata JSON.
   *
   * @throws MalformedAttributionDataException when the text does not follow the format; nothing
   *     else is thrown
   */
  public static GitAiNote parse(String note) throws MalformedAttributionDataException {
    return GitAiNoteParser.parse(note);
  }

  /** The agents ({@link AgentNames}) credited with lines, each once, in order of appearance. */
  public List<String> agentNames() {
    return agents.stream().map(NoteAgent::agent).distinct().toList();
  }

  /** The conversation ids ({@code agent_id.id}) of the credited sessions, each once. */
  public List<String> conversationIds() {
    return agents.stream()
        .map(NoteAgent::conversationId)
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }

  /** How many lines of the commit the note credits to AI, the sum over its files. */
  public long aiLineCount() {
    return aiLines.values().stream().mapToLong(LineRange::count).sum();
  }

  private static Map<String, List<LineRange>> orderedCopy(Map<String, List<LineRange>> byFile) {
    Map<String, List<LineRange>> copy = new LinkedHashMap<>();
    byFile.forEach(
        (path, ranges) -> copy.put(requireNonNull(path, "path is null"), LineRange.union(ranges)));
    return Collections.unmodifiableMap(copy);
  }
}
