package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One Agent Trace record (v0.1.0, FORMATS.md §8.3): the lines of files that one edit produced, by
 * conversation, with who wrote them.
 *
 * <p>The line numbers refer to the file at {@link #revision()}, and the reference implementation
 * records {@code HEAD} at the time of the edit: usually the parent of the commit that will hold the
 * lines. Relating a record to a commit is the caller's task.
 *
 * @param version the spec version the record follows, e.g. {@code 0.1.0}
 * @param id the record's id (a UUID)
 * @param vcsType {@code vcs.type} ({@code git}, {@code jj}, {@code hg}, {@code svn}), or null
 * @param revision {@code vcs.revision}, or null when the record has none
 * @param toolName {@code tool.name}, e.g. {@code cursor}, or null
 * @param toolVersion {@code tool.version}, or null
 */
public record AgentTraceRecord(
    String version,
    String id,
    Instant timestamp,
    @Nullable String vcsType,
    @Nullable String revision,
    @Nullable String toolName,
    @Nullable String toolVersion,
    List<TracedFile> files) {
  public AgentTraceRecord {
    requireNonNull(version, "version is null");
    requireNonNull(id, "id is null");
    requireNonNull(timestamp, "timestamp is null");
    files = List.copyOf(requireNonNull(files, "files is null"));
  }

  /** A file and the conversations that wrote lines of it. */
  public record TracedFile(String path, List<Conversation> conversations) {
    public TracedFile {
      requireNonNull(path, "path is null");
      conversations = List.copyOf(requireNonNull(conversations, "conversations is null"));
    }
  }

  /**
   * The lines one conversation produced in a file.
   *
   * @param url where the conversation can be found, or null
   * @param contributor who wrote the lines; {@code UNKNOWN} when the record does not say
   * @param modelId the model, {@code provider/model}, or null
   */
  public record Conversation(
      @Nullable String url,
      ContributorType contributor,
      @Nullable String modelId,
      List<TracedRange> ranges) {
    public Conversation {
      requireNonNull(contributor, "contributor is null");
      ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
    }
  }

  /**
   * Lines of a conversation.
   *
   * @param contentHash a hash of the lines for re-anchoring them after edits, or null
   * @param contributor who wrote these lines when it differs from the conversation, or null
   */
  public record TracedRange(
      LineRange lines, @Nullable String contentHash, @Nullable ContributorType contributor) {
    public TracedRange {
      requireNonNull(lines, "lines is null");
    }
  }

  /** The agent ({@link AgentNames}) the record's tool is, or {@code ai} without a tool. */
  public String agent() {
    return toolName == null ? AgentNames.UNNAMED : AgentNames.fromToolName(toolName);
  }

  /**
   * Per file, the lines this contributor wrote, a range's own contributor overriding its
   * conversation's; sorted disjoint ranges, files in the record's order.
   */
  public Map<String, List<LineRange>> lines(ContributorType contributor) {
    Map<String, List<LineRange>> byFile = new LinkedHashMap<>();
    for (TracedFile file : files) {
      for (Conversation conversation : file.conversations()) {
        for (TracedRange range : conversation.ranges()) {
          if (Objects.requireNonNullElse(range.contributor(), conversation.contributor())
              == contributor) {
            byFile.computeIfAbsent(file.path(), path -> new ArrayList<>()).add(range.lines());
          }
        }
      }
    }
    byFile.replaceAll((path, ranges) -> LineRange.union(ranges));
    return Collections.unmodifiableMap(byFile);
  }

  /** How many lines the contributor wrote, over all files. */
  public long lineCount(ContributorType contributor) {
    return lines(contributor).values().stream().mapToLong(LineRange::count).sum();
  }

  /** The URLs of the conversations in which an agent wrote lines, each once. */
  public List<String> aiConversationUrls() {
    return files.stream()
        .flatMap(file -> file.conversations().stream())
        .filter(
            conversation ->
                conversation.ranges().stream()
                    .anyMatch(
                        range ->
                            Objects.requireNonNullElse(
                                    range.contributor(), conversation.contributor())
                                .involvesAi()))
        .map(Conversation::url)
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }
}
