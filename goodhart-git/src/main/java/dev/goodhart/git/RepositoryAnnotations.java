package dev.goodhart.git;

import dev.goodhart.git.attribution.AgentTraceRecord;
import dev.goodhart.git.attribution.AgentTraceRecords;
import dev.goodhart.git.attribution.CommitAttributor;
import dev.goodhart.git.attribution.CommitText;
import dev.goodhart.git.attribution.GitAiNote;
import dev.goodhart.git.attribution.LineRange;
import dev.goodhart.git.attribution.MalformedAttributionDataException;
import dev.goodhart.git.attribution.References;
import dev.goodhart.git.fate.AiLines;
import dev.goodhart.git.history.HistoryCommit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What a repository says about its commits beyond their messages: git-ai notes under {@code
 * refs/notes/ai} (AI-written lines, commit by commit) and Agent Trace records in {@code
 * .agent-trace/traces.jsonl} at the head. Records that cannot be read are reported and skipped.
 */
public final class RepositoryAnnotations implements CommitAnnotator, AiLines {
  static final String NOTES_REF = "refs/notes/ai";
  static final String TRACE_FILE = ".agent-trace/traces.jsonl";

  private final CommitAttributor attributor = new CommitAttributor();
  private final Map<String, GitAiNote> notes;
  private final AgentTraceRecords traces;
  private final Map<String, Map<String, BitSet>> aiLines = new HashMap<>();

  private RepositoryAnnotations(Map<String, GitAiNote> notes, AgentTraceRecords traces) {
    this.notes = notes;
    this.traces = traces;
  }

  /** Annotations from the messages alone: no notes, no trace records. */
  public static RepositoryAnnotations messagesOnly() {
    return new RepositoryAnnotations(Map.of(), AgentTraceRecords.of(List.of()));
  }

  /** Reads the repository's notes and trace records; {@code bad} hears of those it skips. */
  public static RepositoryAnnotations read(Git git, String head, Consumer<String> bad) {
    Map<String, GitAiNote> notes = new HashMap<>();
    String list = git.tryRun("notes", "--ref=" + NOTES_REF, "list").orElse("");
    for (String line : list.split("\n")) {
      String[] ids = line.strip().split(" ");
      if (ids.length != 2) {
        continue;
      }
      String text = git.tryRun("cat-file", "blob", ids[0]).orElse("");
      try {
        notes.put(ids[1], GitAiNote.parse(text));
      } catch (MalformedAttributionDataException e) {
        bad.accept("git-ai note of %s: %s; skipped".formatted(ids[1], e.getMessage()));
      }
    }
    String traceLines = git.tryRun("show", head + ":" + TRACE_FILE).orElse("");
    AgentTraceRecords traces =
        AgentTraceRecords.parse(
            traceLines, e -> bad.accept("%s: %s; skipped".formatted(TRACE_FILE, e.getMessage())));
    return new RepositoryAnnotations(notes, traces);
  }

  @Override
  public Annotation annotate(HistoryCommit commit) {
    CommitText text =
        new CommitText(
            commit.authorName(),
            commit.authorEmail(),
            commit.committerName(),
            commit.committerEmail(),
            commit.message());
    GitAiNote note = notes.get(commit.sha());
    // The reference hook records the head at edit time: the parent of the commit to come.
    List<AgentTraceRecord> records = new ArrayList<>(traces.forRevision(commit.sha()));
    for (String parent : commit.parents()) {
      records.addAll(traces.forRevision(parent));
    }
    Integer pullRequest =
        References.pullRequest(commit.subject(), commit.message()).stream()
            .boxed()
            .findFirst()
            .orElse(null);
    return new Annotation(
        attributor.attribute(text, note, records),
        pullRequest,
        References.revertOf(commit.message()).orElse(null));
  }

  @Override
  public @Nullable BitSet of(String sha, String path) {
    GitAiNote note = notes.get(sha);
    if (note == null) {
      return null;
    }
    return aiLines
        .computeIfAbsent(sha, s -> new HashMap<>())
        .computeIfAbsent(path, p -> lines(note.aiLines().get(p)));
  }

  private static @Nullable BitSet lines(@Nullable List<LineRange> ranges) {
    if (ranges == null || ranges.isEmpty()) {
      return null;
    }
    BitSet set = new BitSet();
    for (LineRange range : ranges) {
      set.set(range.start() - 1, range.end());
    }
    return set;
  }
}
