package dev.goodhart.ingest.droid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.Fixtures;
import dev.goodhart.ingest.GoldenEvents;
import dev.goodhart.ingest.ImportHarness;
import dev.goodhart.ingest.ParserHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Droid's session settings: one event per session, its model label made an id. */
class DroidSourceTest {
  @TempDir Path home;
  final ParserHarness droid = new ParserHarness(new DroidSource(), "p/s-1.settings.json");

  @Test
  void theFixtureGivesItsGoldenEvents() {
    Fixtures.copyFolder("droid", home.resolve(".factory/sessions"));

    ImportHarness.Result result = new ImportHarness(home, Map.of(), new DroidSource()).run();

    assertEquals(List.of(), result.badRecords());
    assertEquals(3, result.summary().filesFound(), "the settings, not the transcripts");
    GoldenEvents.assertMatches("droid", result.stored(), result.signals());
  }

  @Test
  void droidSessionsDirNamesTheFolders(@TempDir Path archive) {
    Fixtures.copyFolder("droid", archive);

    ImportHarness.Result result =
        new ImportHarness(home, Map.of("DROID_SESSIONS_DIR", archive.toString()), new DroidSource())
            .run();

    assertEquals(2, result.stored().size());
  }

  @Test
  void aModelLabelBecomesAnIdAndAnIdStaysAsItIs() {
    assertEquals(
        "claude-opus-4-5-thinking-0",
        DroidSettingsParser.modelId("custom:Claude-Opus-4.5-Thinking-[Anthropic]-0"));
    assertEquals("claude-sonnet-4", DroidSettingsParser.modelId("Claude-Sonnet-4-[Anthropic]"));
    assertEquals("gpt-5.1-codex", DroidSettingsParser.modelId("gpt-5.1-codex"));
    assertEquals("unknown", DroidSettingsParser.modelId("[only a provider]"));
  }

  @Test
  void aSessionWithTokensAndNoTimeIsABadRecord() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () -> droid.document("{\"model\":\"m\",\"tokenUsage\":{\"inputTokens\":5}}"));

    assertEquals("a session with tokens has no 'providerLockTimestamp'", e.getMessage());
  }

  @Test
  void aCountOfTheWrongTypeIsABadRecord() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                droid.document(
                    "{\"providerLockTimestamp\":\"2026-01-23T08:15:00Z\",\"tokenUsage\":{\"inputTokens\":1.5}}"));

    assertEquals(
        "field 'tokenUsage.inputTokens' must be a whole number, found '1.5'", e.getMessage());
  }

  @Test
  void onlyATotalCountsAsOutput() throws BadRecordException {
    assertEquals(
        456,
        droid
            .document(
                "{\"providerLockTimestamp\":\"2026-01-23T08:15:00Z\",\"tokenUsage\":{\"totalTokens\":456}}")
            .getFirst()
            .tokens()
            .output());
  }
}
