package dev.goodhart.git.attribution;

import dev.goodhart.git.attribution.AttestationSection.Credit;
import dev.goodhart.git.attribution.AttestationSection.Entry;
import dev.goodhart.git.attribution.GitAiMetadata.AgentId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a git-ai note: splits it at its {@code ---} line, reads both halves, and credits each AI
 * entry's lines to the agent the metadata names for its session or prompt.
 */
final class GitAiNoteParser {
  private static final String DIVIDER = "---";

  private GitAiNoteParser() {}

  static GitAiNote parse(String note) throws MalformedAttributionDataException {
    List<String> lines = Trailers.lines(note);
    int divider = 0;
    while (divider < lines.size() && !lines.get(divider).strip().equals(DIVIDER)) {
      divider++;
    }
    if (divider == lines.size()) {
      throw new MalformedAttributionDataException(
          "a git-ai note needs a '---' line between its attestation and its metadata",
          lines.isEmpty() ? note : lines.getFirst(),
          0);
    }
    List<Entry> entries = AttestationSection.parse(lines.subList(0, divider));
    String json = String.join("\n", lines.subList(divider + 1, lines.size()));
    GitAiMetadata metadata = GitAiMetadata.parse(json, divider + 1);
    return credit(entries, metadata);
  }

  private static GitAiNote credit(List<Entry> entries, GitAiMetadata metadata) {
    Map<String, List<LineRange>> aiLines = new LinkedHashMap<>();
    Map<String, List<LineRange>> humanLines = new LinkedHashMap<>();
    // Per credited key, per file: a session's checkpoints may credit the same lines twice.
    Map<String, Map<String, List<LineRange>>> linesByKey = new LinkedHashMap<>();
    for (Entry entry : entries) {
      if (entry.credit() == Credit.HUMAN) {
        humanLines.computeIfAbsent(entry.path(), path -> new ArrayList<>()).addAll(entry.ranges());
        continue;
      }
      aiLines.computeIfAbsent(entry.path(), path -> new ArrayList<>()).addAll(entry.ranges());
      linesByKey
          .computeIfAbsent(entry.creditedKey(), key -> new LinkedHashMap<>())
          .computeIfAbsent(entry.path(), path -> new ArrayList<>())
          .addAll(entry.ranges());
    }
    List<NoteAgent> agents = new ArrayList<>();
    for (Entry entry : entries) {
      Map<String, List<LineRange>> byFile = linesByKey.remove(entry.creditedKey());
      if (byFile == null) {
        continue;
      }
      AgentId agentId =
          (entry.credit() == Credit.SESSION ? metadata.sessions() : metadata.prompts())
              .getOrDefault(entry.creditedKey(), new AgentId(null, null, null));
      long lines = byFile.values().stream().mapToLong(LineRange::count).sum();
      agents.add(
          new NoteAgent(
              entry.creditedKey(),
              agentId.tool() == null ? AgentNames.UNNAMED : AgentNames.fromToolName(agentId.tool()),
              agentId.tool(),
              agentId.id(),
              agentId.model(),
              lines));
    }
    return new GitAiNote(
        metadata.schemaVersion(), metadata.baseCommitSha(), aiLines, humanLines, agents);
  }
}
