package dev.goodhart.ingest.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.claudecode.StatusLineInput;
import dev.goodhart.ingest.fuzz.MalformedRecords.Mutant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Holds Claude Code's status line input parser ({@link StatusLineInput}) to the parsers' contract:
 * whatever arrives on standard input, it returns a usable input or throws {@link
 * BadRecordException}, nothing else.
 *
 * <p>Longer or different runs: {@code ./mvnw -pl goodhart-ingest -am verify
 * -Dtest=StatusLineInputFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgoodhart.fuzz.cases=1000000 -Dgoodhart.fuzz.seed=7}.
 */
class StatusLineInputFuzzTest {
  private static final long SEED = Long.getLong("goodhart.fuzz.seed", 20_260_301L);
  private static final int CASES = Integer.getInteger("goodhart.fuzz.cases", 10_000);

  /** Claude Code's own shape, pretty-printed with tabs, and compact ones with odd values. */
  static final List<String> SEEDS =
      List.of(
          """
          {
          \t"session_id": "73cc9f9a-0000-4000-8000-000000000001",
          \t"transcript_path": "/home/dév/.claude/projects/-home-dev-ü/73cc9f9a-0000-4000-8000-000000000001.jsonl",
          \t"cwd": "/home/dév/ü",
          \t"model": {"id": "claude-opus-4-6", "display_name": "Opus 4.6"},
          \t"workspace": {"current_dir": "/home/dév/ü", "project_dir": "/home/dév/ü"},
          \t"version": "2.0.37",
          \t"output_style": {"name": "default"},
          \t"cost": {"total_cost_usd": 1.2345678901234567, "total_duration_ms": 164055, "total_lines_added": 3},
          \t"context_window": {"total_input_tokens": 42500, "total_output_tokens": 3200, "context_window_size": 200000},
          \t"exceeds_200k_tokens": false
          }""",
          """
          {"session_id":"s","transcript_path":"t.jsonl","model":{"id":"claude-sonnet-4-5"}}""",
          """
          {"session_id":"s","transcript_path":"C:\\\\Users\\\\ß\\\\t.jsonl","model":null,"cost":null}""",
          """
          {"cost":{"total_cost_usd":0},"transcript_path":"/t","session_id":"é","model":{"display_name":""}}""");

  private static final List<String> FIELDS =
      List.of(
          "session_id", "transcript_path", "model", "id", "display_name", "cost", "total_cost_usd");

  @Test
  void theSeedsParse() throws BadRecordException {
    for (String seed : SEEDS) {
      sane(StatusLineInput.parse(seed.getBytes(UTF_8)));
    }
  }

  @Test
  void onlyTheDocumentedExceptionEscapes() {
    MalformedRecords corpus = new MalformedRecords(SEEDS, FIELDS);
    int rejected =
        assertTimeoutPreemptively(
            Duration.ofSeconds(Math.max(60, CASES / 100)),
            () -> {
              int refused = 0;
              for (int i = 0; i < CASES; i++) {
                Mutant mutant = corpus.generate(SEED, i);
                try {
                  sane(StatusLineInput.parse(mutant.bytes()));
                } catch (BadRecordException e) {
                  refused++;
                  assertFalse(e.getMessage().isBlank(), "a refusal says why");
                } catch (Throwable t) {
                  throw new AssertionFailedError(
                      "case %d of seed %d (%s) threw %s: %s"
                          .formatted(i, SEED, mutant.mutations(), t, mutant.printable()),
                      t);
                }
              }
              return refused;
            });
    assertTrue(rejected * 4 > CASES, "only " + rejected + " of " + CASES + " were refused");
  }

  private static void sane(StatusLineInput input) {
    assertFalse(input.sessionId().isBlank());
    assertFalse(input.transcriptPath().isBlank());
    assertFalse(input.transcriptPath().indexOf('\0') >= 0);
    assertTrue(input.reportedCost() == null || input.reportedCost().signum() >= 0);
  }
}
