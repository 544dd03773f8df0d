package dev.goodhart.git.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holds the git-ai note and Agent Trace parsers to their contract: on any input they return a value
 * or throw {@link MalformedAttributionDataException}, and nothing else; and the commit message
 * rules never throw at all. A failure names the seed, the case and the input; {@code
 * TextMutator.mutate(seedInput, new Random(seed * 1_000_003 + case))} makes the input again.
 *
 * <p>Longer or different runs: {@code ./mvnw -pl goodhart-git -am verify
 * -Dtest=AttributionParsersFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgoodhart.fuzz.cases=1000000 -Dgoodhart.fuzz.seed=7}.
 */
class AttributionParsersFuzzTest {
  private static final long SEED = Long.getLong("goodhart.fuzz.seed", 20_261_201L);
  private static final int CASES = Integer.getInteger("goodhart.fuzz.cases", 5_000);

  private static final List<String> NOTES =
      List.of(
          GitAiNoteTest.SPEC_EXAMPLE,
          "a.txt\n  0badc0d 1,3-4\n---\n{\"prompts\":{\"0badc0d\":{\"agent_id\":{\"tool\":\"x\"}}}}",
          "\"q \\\"x\\\"\"\r\n  h_0123456789abcd 2\r\n---\r\n{\"humans\":{}}\r\n",
          "---\n" + "[".repeat(5_000));

  private static final List<String> RECORDS =
      List.of(
          AgentTraceRecordsTest.SPEC_EXAMPLE,
          """
          {"version":"0.1.0","id":"1","timestamp":"2026-02-01 09:00:00+01:00","files":[{"path":"a",\
          "conversations":[{"contributor":{"type":"mixed"},"ranges":[{"start_line":1,"end_line":2,\
          "contributor":{"type":"human","model_id":null}}]}]}]}""",
          "{\"files\":" + "[".repeat(5_000));

  private static final List<String> MESSAGES =
      List.of(
          "Fix (#12)\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\n"
              + "Co-Authored-By: Claude <noreply@anthropic.com>\n"
              + "Claude-Session: https://claude.ai/code/session_01\n"
              + "(cherry picked from commit abcdef0)\n",
          "Revert \"Merge pull request #7 from a/b\"\n\nThis reverts commit abcdef0, reversing\n"
              + "changes made to 1234567.\n\nSee merge request a/b!4\n\n"
              + "Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>\n"
              + "  continued\nAssisted-by: Gemini CLI\nMade-with: Cursor\n");

  @Test
  void gitAiNotesFailOnlyWithTheDocumentedException() {
    int[] outcomes = new int[2];
    forEachCase(
        NOTES,
        input -> {
          try {
            GitAiNote note = GitAiNote.parse(input);
            assertTrue(note.aiLineCount() >= 0);
            note.agents().forEach(agent -> assertFalse(agent.agent().isEmpty()));
            outcomes[0]++;
          } catch (MalformedAttributionDataException e) {
            checkException(e);
            outcomes[1]++;
          }
        });
    assertTrue(
        outcomes[0] > 0 && outcomes[1] > 0,
        "parsed and refused: " + outcomes[0] + ", " + outcomes[1]);
  }

  @Test
  void agentTraceRecordsFailOnlyWithTheDocumentedException() {
    int[] outcomes = new int[2];
    forEachCase(
        RECORDS,
        input -> {
          try {
            AgentTraceRecord record = AgentTraceRecords.parseRecord(input);
            for (ContributorType type : ContributorType.values()) {
              assertTrue(record.lineCount(type) >= 0);
            }
            outcomes[0]++;
          } catch (MalformedAttributionDataException e) {
            checkException(e);
            outcomes[1]++;
          }
        });
    assertTrue(
        outcomes[0] > 0 && outcomes[1] > 0,
        "parsed and refused: " + outcomes[0] + ", " + outcomes[1]);
  }

  @Test
  void jsonLinesHandBackEveryLineTheyCannotRead() {
    String valid = String.join("\n", RECORDS.subList(0, 2));
    forEachCase(
        List.of(valid + "\n" + valid),
        input -> {
          List<MalformedAttributionDataException> malformed = new ArrayList<>();
          AgentTraceRecords records = AgentTraceRecords.parse(input, malformed::add);
          long lines = Trailers.lines(input).stream().filter(line -> !line.isBlank()).count();
          assertEquals(lines, records.all().size() + malformed.size());
          malformed.forEach(AttributionParsersFuzzTest::checkException);
        });
  }

  @Test
  void commitMessageRulesNeverThrow() {
    CommitAttributor attributor = new CommitAttributor();
    forEachCase(
        MESSAGES,
        input -> {
          String subject = input.lines().findFirst().orElse("");
          Attribution attribution =
              attributor.attribute(new CommitText(subject, input, "", input, input));
          assertEquals(attribution.aiAgent() == null, attribution.evidence().isEmpty());
          References.revertOf(input);
          References.pullRequest(subject, input);
          Trailers.parse(input);
        });
  }

  private interface Case {
    void run(String input) throws Exception;
  }

  private static void forEachCase(List<String> seeds, Case check) {
    for (int number = 0; number < CASES; number++) {
      Random random = new Random(SEED * 1_000_003 + number);
      String seedInput = seeds.get(number % seeds.size());
      String input = number < seeds.size() ? seedInput : TextMutator.mutate(seedInput, random);
      try {
        check.run(input);
      } catch (Throwable e) {
        fail("seed %d, case %d, input %s: %s".formatted(SEED, number, quote(input), e), e);
      }
    }
  }

  private static void checkException(MalformedAttributionDataException e) {
    assertFalse(e.problem().isBlank(), e::getMessage);
    assertTrue(e.line() >= 0, e::getMessage);
    assertTrue(e.getMessage().contains("'"), e::getMessage);
  }

  private static String quote(String input) {
    String shown = input.length() > 2_000 ? input.substring(0, 2_000) + "..." : input;
    return "\"" + shown.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") + "\"";
  }
}
