package dev.goodhart.git.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.git.attribution.AgentTraceRecord.Conversation;
import dev.goodhart.git.attribution.AgentTraceRecord.TracedRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentTraceRecordsTest {
  /** FORMATS.md §8.3's copy of the spec's example §6.2, on one line as the JSONL store keeps it. */
  static final String SPEC_EXAMPLE =
      """
      {"version":"0.1.0","id":"550e8400-e29b-41d4-a716-446655440000","timestamp":"2026-01-23T14:30:00Z",\
       "vcs":{"type":"git","revision":"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0"},\
       "tool":{"name":"cursor","version":"2.4.0"},\
       "files":[{"path":"src/utils/parser.ts","conversations":[{"url":"https://api.cursor.com/v1/conversations/12345",\
         "contributor":{"type":"ai","model_id":"anthropic/claude-opus-4-5-20251101"},\
         "ranges":[{"start_line":42,"end_line":67,"content_hash":"murmur3:9f2e8a1b"}],\
         "related":[{"type":"session","url":"https://api.cursor.com/v1/sessions/67890"}]}]}],\
       "metadata":{"confidence":0.95,"dev.cursor":{"workspace_id":"ws-abc123"}}}""";

  @Test
  void readsTheSpecExample() throws MalformedAttributionDataException {
    AgentTraceRecord record = AgentTraceRecords.parseRecord(SPEC_EXAMPLE);

    assertEquals("0.1.0", record.version());
    assertEquals("550e8400-e29b-41d4-a716-446655440000", record.id());
    assertEquals(Instant.parse("2026-01-23T14:30:00Z"), record.timestamp());
    assertEquals("git", record.vcsType());
    assertEquals("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0", record.revision());
    assertEquals("cursor", record.toolName());
    assertEquals("2.4.0", record.toolVersion());
    assertEquals("cursor", record.agent());
    Conversation conversation = record.files().getFirst().conversations().getFirst();
    assertEquals(ContributorType.AI, conversation.contributor());
    assertEquals("anthropic/claude-opus-4-5-20251101", conversation.modelId());
    assertEquals(
        List.of(new TracedRange(new LineRange(42, 67), "murmur3:9f2e8a1b", null)),
        conversation.ranges());
    assertEquals(
        Map.of("src/utils/parser.ts", List.of(new LineRange(42, 67))),
        record.lines(ContributorType.AI));
    assertEquals(26, record.lineCount(ContributorType.AI));
    assertEquals(0, record.lineCount(ContributorType.HUMAN));
    assertEquals(
        List.of("https://api.cursor.com/v1/conversations/12345"), record.aiConversationUrls());
  }

  @Test
  void aRangesContributorOverridesItsConversations() throws MalformedAttributionDataException {
    AgentTraceRecord record =
        AgentTraceRecords.parseRecord(
            """
            {"version":"0.1.0","id":"1","timestamp":"2026-02-01 09:00:00+01:00",
             "files":[{"path":"a.go","conversations":[
               {"contributor":{"type":"ai"},"ranges":[
                 {"start_line":1,"end_line":5},
                 {"start_line":6,"end_line":8,"contributor":{"type":"human"}}]},
               {"ranges":[{"start_line":20,"end_line":20}]}]}]}""");

    assertEquals(Instant.parse("2026-02-01T08:00:00Z"), record.timestamp());
    assertNull(record.revision());
    assertNull(record.toolName());
    assertEquals("ai", record.agent());
    assertEquals(Map.of("a.go", List.of(new LineRange(1, 5))), record.lines(ContributorType.AI));
    assertEquals(Map.of("a.go", List.of(new LineRange(6, 8))), record.lines(ContributorType.HUMAN));
    assertEquals(
        Map.of("a.go", List.of(new LineRange(20, 20))), record.lines(ContributorType.UNKNOWN));
  }

  @Test
  void findsRecordsByRevisionAndHandsBackTheLinesItCannotRead() {
    String jsonLines =
        SPEC_EXAMPLE
            + "\n{\"version\":\"0.1.0\",\"id\":\"2\"\n\n"
            + SPEC_EXAMPLE.replace("550e8400", "660e8400").replace("\"cursor\"", "\"claude-code\"")
            + "\r\n"
            + SPEC_EXAMPLE.replace("a1b2c3d4e5f6", "ffffffffffff");
    List<MalformedAttributionDataException> malformed = new ArrayList<>();

    AgentTraceRecords records = AgentTraceRecords.parse(jsonLines, malformed::add);

    assertEquals(3, records.all().size());
    assertEquals(1, malformed.size());
    assertEquals(2, malformed.getFirst().line());
    List<AgentTraceRecord> found = records.forRevision("A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9B0");
    assertEquals(
        List.of("cursor", "claude-code"), found.stream().map(AgentTraceRecord::agent).toList());
    assertEquals(List.of(), records.forRevision("0000000"));
    assertEquals(
        List.of(
            "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0", "ffffffffffffa7b8c9d0e1f2a3b4c5d6e7f8a9b0"),
        records.revisions());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # the record                                                   | the problem named
          [1]                                                            | 'record' must be an object
          {"id":"1","timestamp":"2026-01-01T00:00:00Z","files":[]}       | 'version' is required
          {"version":"0.1.0","timestamp":"2026-01-01T00:00:00Z","files":[]} | 'id' is required
          {"version":"0.1.0","id":"1","files":[]}                        | 'timestamp' is required
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z"} | 'files' is required
          {"version":"0.1.0","id":"1","timestamp":"yesterday","files":[]} | RFC 3339
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00","files":[]} | RFC 3339
          {"version":1,"id":"1","timestamp":"2026-01-01T00:00:00Z","files":[]} | 'version' must be a string
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":{}} | 'files' must be an array
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[7]} | 'files[0]' must be an object
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[{}]} | 'files[0].path' is required
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[{"path":"a","conversations":[{}]}]} | 'files[0].conversations[0].ranges' is required
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[{"path":"a","conversations":[{"contributor":{"type":"robot"},"ranges":[]}]}]} | human, ai, mixed or unknown
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[{"path":"a","conversations":[{"ranges":[{"start_line":0,"end_line":3}]}]}]} | 1 <= start_line <= end_line
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[{"path":"a","conversations":[{"ranges":[{"start_line":5,"end_line":3}]}]}]} | 1 <= start_line <= end_line
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[{"path":"a","conversations":[{"ranges":[{"start_line":1}]}]}]} | 'files[0].conversations[0].ranges[0].end_line' is required
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[{"path":"a","conversations":[{"ranges":[{"start_line":1,"end_line":1.5}]}]}]} | must be a whole number
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[{"path":"a","conversations":[{"ranges":[{"start_line":1,"end_line":99999999999}]}]}]} | must be a whole number
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[]} trailing | invalid JSON
          {"version":"0.1.0","id":"1","timestamp":"2026-01-01T00:00:00Z","files":[]}{}        | text follows the end
          {"version":"0.1.0",                                            | invalid JSON
          not json                                                       | invalid JSON
          ''                                                             | 'record' must be an object
          """)
  void refusesMalformedRecordsWithTheProblem(String json, String problem) {
    MalformedAttributionDataException e =
        assertThrows(
            MalformedAttributionDataException.class, () -> AgentTraceRecords.parseRecord(json));

    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertEquals(1, e.line(), e.getMessage());
  }
}
