package dev.goodhart.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.GoldenEventLines;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopilotSourceTest {
  final ParserHarness copilot =
      new ParserHarness(new CopilotSource(), "copilot-otel-20260411.jsonl");

  @TempDir Path folder;

  @Test
  void readsTheGoldenExport() throws BadRecordException {
    GoldenEventLines.assertMatches(
        "copilot-otel", copilot.lines(ParserHarness.sample("copilot/otel.jsonl")));
  }

  @Test
  void resumingFromTheSavedStateGivesTheSameEvents() throws BadRecordException {
    String[] lines = ParserHarness.sample("copilot/otel.jsonl").split("\n");
    List<UsageEvent> whole = copilot.lines(String.join("\n", lines));
    for (int split = 1; split < lines.length; split++) {
      List<UsageEvent> resumed =
          new ArrayList<>(copilot.lines(String.join("\n", Arrays.copyOf(lines, split))));
      resumed.addAll(
          copilot.lines(
              String.join("\n", Arrays.copyOfRange(lines, split, lines.length)),
              copilot.lastState()));

      assertEquals(whole, resumed, "split after line " + split);
    }
  }

  @Test
  void cacheCountsBeyondTheInputMeanTheInputLeftThemOut() throws BadRecordException {
    String span =
        """
        {"traceId":"t","spanId":"s","name":"chat m","endTime":[1775934264,0],"attributes":{"gen_ai.operation.name":"chat","gen_ai.usage.input_tokens":100,"gen_ai.usage.output_tokens":5,"gen_ai.usage.cache_read.input_tokens":900}}""";

    assertEquals(new TokenCounts(100, 5, 900, 0, 0, 0), copilot.lines(span).getFirst().tokens());
  }

  @Test
  void aTotalAloneCountsAsOutput() throws BadRecordException {
    String span =
        """
        {"type":"span","traceId":"t","spanId":"s","name":"chat m","endTime":[1775934264,0],"attributes":{"gen_ai.operation.name":"chat","gen_ai.usage.total_tokens":567}}""";

    assertEquals(new TokenCounts(0, 567, 0, 0, 0, 0), copilot.lines(span).getFirst().tokens());
  }

  @Test
  void badInputIsABadRecordThatSaysWhat() {
    assertBad(
        """
        {"traceId":"t","spanId":"s","name":"chat m","endTime":[1775934264,0],"attributes":{"gen_ai.operation.name":"chat","gen_ai.usage.input_tokens":"lots"}}""",
        "attribute 'gen_ai.usage.input_tokens' must be a whole number from 0 up, found 'lots'");
    assertBad(
        """
        {"traceId":"t","spanId":"s","name":"chat m","attributes":{"gen_ai.operation.name":"chat","gen_ai.usage.input_tokens":1}}""",
        "a record with GenAI usage has no time ('endTime', 'hrTime', ...)");
    assertBad(
        """
        {"traceId":"t","spanId":"s","name":"chat m","endTime":[1775934264],"attributes":{"gen_ai.usage.input_tokens":1}}""",
        "field 'endTime' must be [seconds, nanoseconds below 10^9]");
    assertBad(
        """
        {"traceId":"t","spanId":"s","name":"chat m","endTime":[1775934264,0],"attributes":{"gen_ai.usage.input_tokens":1""",
        "incomplete JSON object: the line ends inside a value (truncated, or still being written)");
  }

  @Test
  void exportsAreFoundInTheOtelFolderAndTheNamedFile() throws IOException {
    CopilotSource source = new CopilotSource();
    Path home = folder.resolve("home");
    Path tmp = Files.createDirectories(folder.resolve("tmp"));
    Path named = Files.writeString(tmp.resolve("run.jsonl"), "");
    Path other = Files.writeString(tmp.resolve("other-tool.jsonl"), "");

    List<Path> roots =
        source.defaultRoots(
            new Environment(Map.of("COPILOT_OTEL_FILE_EXPORTER_PATH", named.toString()), home));

    assertEquals(List.of(home.resolve(".copilot/otel"), tmp), roots);
    assertTrue(source.isLogFile(tmp, named));
    assertFalse(source.isLogFile(tmp, other), "only the named file of a folder that is not otel/");
    assertTrue(
        source.isLogFile(home.resolve(".copilot/otel"), home.resolve(".copilot/otel/a.jsonl")));
  }

  private void assertBad(String line, String message) {
    BadRecordException e = assertThrows(BadRecordException.class, () -> copilot.lines(line));
    assertEquals(message, e.getMessage());
  }
}
