package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Agent Trace records, as read from JSON lines ({@code .agent-trace/traces.jsonl}, one record per
 * line), and found by the revision they name.
 */
public final class AgentTraceRecords {
  private final List<AgentTraceRecord> records;
  private final Map<String, List<AgentTraceRecord>> byRevision;

  private AgentTraceRecords(List<AgentTraceRecord> records) {
    this.records = List.copyOf(records);
    Map<String, List<AgentTraceRecord>> index = new LinkedHashMap<>();
    for (AgentTraceRecord record : this.records) {
      if (record.revision() != null) {
        index.computeIfAbsent(key(record.revision()), key -> new ArrayList<>()).add(record);
      }
    }
    index.replaceAll((revision, found) -> List.copyOf(found));
    this.byRevision = Collections.unmodifiableMap(index);
  }

  public static AgentTraceRecords of(List<AgentTraceRecord> records) {
    return new AgentTraceRecords(requireNonNull(records, "records is null"));
  }

  /**
   * Reads one record from its JSON text.
   *
   * @throws MalformedAttributionDataException when the text is not a record; nothing else is thrown
   */
  public static AgentTraceRecord parseRecord(String json) throws MalformedAttributionDataException {
    return AgentTraceParser.parse(json, 0);
  }

  /**
   * Reads JSON lines, skipping blank lines. A line that is not a record is handed to {@code
   * malformedLines} (its exception names the 1-based line) and skipped, so one damaged append does
   * not lose the rest of the file; the caller counts and reports them.
   */
  public static AgentTraceRecords parse(
      String jsonLines, Consumer<MalformedAttributionDataException> malformedLines) {
    List<AgentTraceRecord> records = new ArrayList<>();
    List<String> lines = Trailers.lines(jsonLines);
    for (int index = 0; index < lines.size(); index++) {
      if (lines.get(index).isBlank()) {
        continue;
      }
      try {
        records.add(AgentTraceParser.parse(lines.get(index), index));
      } catch (MalformedAttributionDataException e) {
        malformedLines.accept(e);
      }
    }
    return new AgentTraceRecords(records);
  }

  /** Every record, in the order read. */
  public List<AgentTraceRecord> all() {
    return records;
  }

  /**
   * The records whose {@code vcs.revision} is this revision, ignoring the case of its hex digits.
   * The reference implementation records the {@code HEAD} at edit time, so the records of the lines
   * a commit holds are usually found under its parent.
   */
  public List<AgentTraceRecord> forRevision(String revision) {
    return byRevision.getOrDefault(key(revision), List.of());
  }

  /** The revisions the records name, in the order first read. */
  public List<String> revisions() {
    return byRevision.values().stream().map(found -> found.getFirst().revision()).toList();
  }

  private static String key(String revision) {
    return revision.strip().toLowerCase(Locale.ROOT);
  }
}
