package dev.goodhart.ingest.amp;

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

/** Amp's thread files: the usage ledger where there is one, else the messages' usage. */
class AmpSourceTest {
  @TempDir Path home;
  final ParserHarness amp = new ParserHarness(new AmpSource(), "threads/T-1.json");

  @Test
  void theFixtureGivesItsGoldenEvents() {
    Fixtures.copyFolder("amp", home.resolve(".local/share/amp/threads"));

    ImportHarness.Result result = new ImportHarness(home, Map.of(), new AmpSource()).run();

    assertEquals(List.of(), result.badRecords());
    GoldenEvents.assertMatches("amp", result.stored(), result.signals());
  }

  @Test
  void ampDataDirNamesTheFolders(@TempDir Path archive) {
    Fixtures.copyFolder("amp", archive.resolve("threads"));

    ImportHarness.Result result =
        new ImportHarness(home, Map.of("AMP_DATA_DIR", " , " + archive), new AmpSource()).run();

    assertEquals(5, result.stored().size(), "three ledger events and two messages");
  }

  @Test
  void aTruncatedThreadIsABadRecord() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                amp.document("{\"id\":\"T-1\",\"messages\":[{\"role\":\"assistant\",\"usage\":{"));

    assertEquals(true, e.getMessage().startsWith("invalid JSON: "), e.getMessage());
  }

  @Test
  void tokensOfTheWrongTypeAreABadRecord() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                amp.document(
                    """
                    {"id":"T-1","usageLedger":{"events":[{"id":"e","timestamp":"2026-01-21T10:00:00Z","model":"m","tokens":{"input":"12"}}]}}"""));

    assertEquals(
        "field 'usageLedger.events[].tokens.input' must be a whole number, found '\"12\"'",
        e.getMessage());
  }

  @Test
  void usageWithoutATimeIsABadRecord() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                amp.document(
                    """
                    {"id":"T-1","messages":[{"role":"assistant","messageId":1,"usage":{"model":"m","inputTokens":3}}]}"""));

    assertEquals("'messages.0' has tokens but no 'timestamp'", e.getMessage());
  }

  @Test
  void aThreadWithoutUsageCountsNothing() throws BadRecordException {
    assertEquals(
        List.of(),
        amp.document(
            "{\"id\":\"T-1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}"));
  }
}
