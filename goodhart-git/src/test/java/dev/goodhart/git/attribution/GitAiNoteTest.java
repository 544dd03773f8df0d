package dev.goodhart.git.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitAiNoteTest {
  /** FORMATS.md §8.2's example, adapted there from the Git AI Standard v3.0.0 §1.2.5–1.2.7. */
  static final String SPEC_EXAMPLE =
      """
      src/main.rs
        s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10,15-20
        s_c9883b05a2487d::t_a1b2c3d4e5f678 25,30-35
        h_31dce776f88375 42-50
      "src/my file.rs"
        abcd1234abcd1234 1-50
      ---
      {"schema_version":"authorship/3.0.0","git_ai_version":"1.4.5",
       "base_commit_sha":"7734793b756b3921c88db5375a8c156e9532447b",
       "prompts":{"abcd1234abcd1234":{"agent_id":{"tool":"cursor","id":"6ef2299e-a67f-432b-aa80-3d2fb4d28999","model":"gpt-4"},
                  "human_author":"Developer <dev@example.com>","total_additions":50,"total_deletions":0,
                  "accepted_lines":50,"overriden_lines":0}},
       "humans":{"h_31dce776f88375":{"author":"Developer <dev@example.com>"}},
       "sessions":{"s_c9883b05a2487d":{"agent_id":{"tool":"claude","id":"conv_abc123","model":"claude-sonnet-4-5-20250514"},
                   "human_author":"dev@example.com","custom_attributes":{"team":"backend"}}}}
      """;

  @Test
  void readsTheSpecExample() throws MalformedAttributionDataException {
    GitAiNote note = GitAiNote.parse(SPEC_EXAMPLE);

    assertEquals("authorship/3.0.0", note.schemaVersion());
    assertEquals("7734793b756b3921c88db5375a8c156e9532447b", note.baseCommitSha());
    assertEquals(
        Map.of(
            "src/main.rs",
            List.of(
                new LineRange(1, 10),
                new LineRange(15, 20),
                new LineRange(25, 25),
                new LineRange(30, 35)),
            "src/my file.rs",
            List.of(new LineRange(1, 50))),
        note.aiLines());
    assertEquals(List.of("src/main.rs", "src/my file.rs"), List.copyOf(note.aiLines().keySet()));
    assertEquals(Map.of("src/main.rs", List.of(new LineRange(42, 50))), note.humanLines());
    assertEquals(
        List.of(
            new NoteAgent(
                "s_c9883b05a2487d",
                "claude-code",
                "claude",
                "conv_abc123",
                "claude-sonnet-4-5-20250514",
                23),
            new NoteAgent(
                "abcd1234abcd1234",
                "cursor",
                "cursor",
                "6ef2299e-a67f-432b-aa80-3d2fb4d28999",
                "gpt-4",
                50)),
        note.agents());
    assertEquals(List.of("claude-code", "cursor"), note.agentNames());
    assertEquals(
        List.of("conv_abc123", "6ef2299e-a67f-432b-aa80-3d2fb4d28999"), note.conversationIds());
    assertEquals(73, note.aiLineCount());
  }

  @Test
  void toleratesAbsentSectionsUnknownFieldsAndKeysTheMetadataLacks()
      throws MalformedAttributionDataException {
    GitAiNote note =
        GitAiNote.parse(
            """
            lib/a.py
              s_0123456789abcd::t_0123456789abcd 3-4
              0badc0d 7
            ---
            {"schema_version":"authorship/4.0.0","messages_url":"https://example.com/m",
             "future":{"nested":[1,2,{"x":null}]},"prompts":null}
            """);

    assertNull(note.baseCommitSha());
    assertEquals(
        List.of(
            new NoteAgent("s_0123456789abcd", "ai", null, null, null, 2),
            new NoteAgent("0badc0d", "ai", null, null, null, 1)),
        note.agents());
    assertEquals(List.of(), note.conversationIds());
  }

  @Test
  void mapsToolsToAgentNamesAndKeepsUnknownOnes() throws MalformedAttributionDataException {
    GitAiNote note =
        GitAiNote.parse(
            """
            a
              s_00000000000001::t_00000000000001 1
              s_00000000000002::t_00000000000002 2
              s_00000000000003::t_00000000000003 3
            ---
            {"sessions":{
              "s_00000000000001":{"agent_id":{"tool":"copilot","id":"c1"}},
              "s_00000000000002":{"agent_id":{"tool":"Windsurf","id":"w1"}},
              "s_00000000000003":{"agent_id":{"tool":"gemini","id":"g1"}}}}
            """);

    assertEquals(List.of("copilot", "windsurf", "gemini"), note.agentNames());
  }

  @Test
  void countsLinesASessionsCheckpointsShareOnce() throws MalformedAttributionDataException {
    GitAiNote note =
        GitAiNote.parse(
            """
            a
              s_00000000000001::t_00000000000001 1-10
              s_00000000000001::t_00000000000002 5-12
            b
              s_00000000000001::t_00000000000003 1
            ---
            {}
            """);

    assertEquals(
        Map.of("a", List.of(new LineRange(1, 12)), "b", List.of(new LineRange(1, 1))),
        note.aiLines());
    assertEquals(13, note.agents().getFirst().lines());
  }

  @Test
  void readsQuotedPathsCrlfLineEndsAndAnEmptyAttestation()
      throws MalformedAttributionDataException {
    GitAiNote quoted =
        GitAiNote.parse("\"docs/a \\\"b\\\".md\"\r\n  h_0123456789abcd 1\r\n---\r\n{}\r\n");
    GitAiNote empty = GitAiNote.parse("---\n{\"schema_version\":\"authorship/3.0.0\"}");

    assertEquals(Map.of("docs/a \"b\".md", List.of(new LineRange(1, 1))), quoted.humanLines());
    assertEquals(Map.of(), empty.aiLines());
    assertEquals(List.of(), empty.agents());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # the note, with \\n for line ends | the problem named | the line named
          a\\n  h_0123456789abcd 1\\n{}                     | needs a '---' line         | 0
          \\n  h_0123456789abcd 1\\n---\\n{}                  | must follow a file path    | 2
          a\\n h_0123456789abcd 1\\n---\\n{}                 | exactly two spaces         | 2
          a\\n   h_0123456789abcd 1\\n---\\n{}               | exactly two spaces         | 2
          a\\n\\th_0123456789abcd 1\\n---\\n{}               | exactly two spaces         | 2
          a\\n  h_0123456789abcd\\n---\\n{}                  | '<key> <ranges>'           | 2
          a\\n  h_0123456789abcd 1 2\\n---\\n{}              | '<key> <ranges>'           | 2
          a\\n  h_0123456789abcd 0\\n---\\n{}                | N or A-B                   | 2
          a\\n  h_0123456789abcd 5-3\\n---\\n{}              | N or A-B                   | 2
          a\\n  h_0123456789abcd 1,,2\\n---\\n{}             | N or A-B                   | 2
          a\\n  h_0123456789abcd 1-\\n---\\n{}               | N or A-B                   | 2
          a\\n  h_0123456789abcd x\\n---\\n{}                | N or A-B                   | 2
          a\\n  h_0123456789abcd 1-99999999999\\n---\\n{}    | N or A-B                   | 2
          a\\n  x_0123456789abcd 1\\n---\\n{}                | an attestation key         | 2
          a\\n  s_0123456789abcd 1\\n---\\n{}                | an attestation key         | 2
          a\\n  abc 1\\n---\\n{}                             | an attestation key         | 2
          "a b\\n  h_0123456789abcd 1\\n---\\n{}             | end with a double quote    | 1
          "a\\q"\\n  h_0123456789abcd 1\\n---\\n{}           | may only escape            | 1
          "a" b\\n  h_0123456789abcd 1\\n---\\n{}            | alone on its line          | 1
          a\\n---\\n                                         | needs metadata JSON        | 2
          a\\n---\\n[]                                       | 'metadata' must be an object | 3
          a\\n---\\n{"sessions":[]}                          | 'sessions' must be an object | 3
          a\\n---\\n{"humans":"none"}                        | 'humans' must be an object | 3
          a\\n---\\n{"sessions":{"s_1":{"agent_id":{"tool":7}}}} | 'sessions.s_1.agent_id.tool' must be a string | 3
          a\\n---\\n{"schema_version":3}                     | 'schema_version' must be a string | 3
          a\\n---\\n{}\\n{}                                  | text follows the end       | 4
          a\\n---\\n{"sessions":{                            | invalid JSON               | 3
          a\\n---\\n{"a":1,}\\n                              | invalid JSON               | 3
          """)
  void refusesMalformedNotesWithTheProblemAndTheText(String note, String problem, int line) {
    String text = note.replace("\\n", "\n").replace("\\t", "\t");

    MalformedAttributionDataException e =
        assertThrows(MalformedAttributionDataException.class, () -> GitAiNote.parse(text));

    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertTrue(e.getMessage().contains("'"), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
  }
}
