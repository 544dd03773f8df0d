package dev.goodhart.ingest.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.GoldenEventLines;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.ingest.claudecode.ClaudeCodeSource;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.git.LineHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QwenSourceTest {
  final ParserHarness qwen =
      new ParserHarness(new QwenSource(), "-home-dev-work-beta/chats/qs-1.jsonl");

  @Test
  void readsTheGoldenChat() throws BadRecordException {
    GoldenEventLines.assertMatches(
        "qwen-chat", qwen.lines(ParserHarness.sample("qwen/chat.jsonl")));
  }

  @Test
  void readsTheFormatsSample() throws BadRecordException {
    TokenCounts tokens =
        qwen.lines(ParserHarness.sample("qwen_chat_record_fixture.jsonl")).getFirst().tokens();

    // promptTokenCount 100 includes the 5 cached; the 10 thinking tokens are inside the 50.
    assertEquals(new TokenCounts(95, 50, 5, 0, 0, 10), tokens);
  }

  @Test
  void writeFileAndEditCallsAreTheFilesTheSessionWrote() throws BadRecordException {
    List<SessionSignal> signals = qwen.signals(ParserHarness.sample("qwen/chat.jsonl"));

    assertEquals(1, signals.size());
    assertEquals("e:call_1", signals.getFirst().signalKey());
    assertEquals("/home/dev/work/beta/health.py", signals.getFirst().filePath());
    assertEquals(2, signals.getFirst().lines());
    String edit =
        """
        {"uuid":"e1","sessionId":"s","timestamp":"2026-02-23T14:25:05Z","type":"assistant","cwd":"/w","message":{"role":"model","parts":[{"functionCall":{"id":"c1","name":"edit","args":{"file_path":"/w/a.py","old_string":"a = 1\\nb = 2","new_string":"a = 1\\nb = 3"}}}]}}""";
    assertEquals(
        List.of(LineHash.of("b = 3")),
        Arrays.stream(qwen.signals(edit).getFirst().lineHashes()).boxed().toList());
  }

  @Test
  void aBranchedSessionsCopiesKeepTheirKeys() throws BadRecordException {
    String chat = ParserHarness.sample("qwen/chat.jsonl");
    ParserHarness branch =
        new ParserHarness(new QwenSource(), "-home-dev-work-beta/chats/qs-2.jsonl");

    assertEquals(
        qwen.lines(chat).getFirst().eventKey(),
        branch
            .lines(chat.replace("\"sessionId\":\"qs-1\"", "\"sessionId\":\"qs-2\""))
            .getFirst()
            .eventKey());
  }

  @Test
  void badInputIsABadRecordThatSaysWhat() {
    assertBad(
        """
        {"uuid":"a","sessionId":"s","timestamp":"2026-02-23T14:25:02.000Z","type":"assistant","usageMetadata":{"promptTokenCount":5,"cachedContentTokenCount":9}}""",
        "field 'usageMetadata.cachedContentTokenCount' (9) exceeds 'usageMetadata.promptTokenCount' (5), which includes it");
    assertBad(
        """
        {"uuid":"a","sessionId":"s","type":"assistant","usageMetadata":{"promptTokenCount":5}}""",
        "an assistant record with 'usageMetadata' has no 'timestamp'");
    assertBad(
        """
        {"uuid":"a","sessionId":"s","timestamp":"2026-02-23T14:25:02.000Z","type":"assistant","usageMetadata":{"promptTokenCount":"5"}}""",
        "field 'usageMetadata.promptTokenCount' must be a whole number, found '\"5\"'");
    assertBad(
        """
        {"uuid":"a","sessionId":"s","timestamp":"2026-02-23T14:25:02.000Z","type":"assistant","usageMetadata":{"promptTokenCount":5""",
        "incomplete JSON object: the line ends inside a value (truncated, or still being written)");
  }

  @Test
  void chatsAreFoundWhereQwenCodeRecordsThem() {
    QwenSource source = new QwenSource();
    Path home = Path.of("/home/dev");

    assertEquals(
        List.of(home.resolve(".qwen/projects")),
        source.defaultRoots(new Environment(Map.of(), home)));
    assertEquals(
        List.of(Path.of("/q/projects")),
        source.defaultRoots(new Environment(Map.of("QWEN_HOME", "/q"), home)));
    assertEquals(
        List.of(Path.of("/run/projects")),
        source.defaultRoots(
            new Environment(Map.of("QWEN_RUNTIME_DIR", "/run", "QWEN_HOME", "/q"), home)));
    assertEquals(
        List.of(Path.of("/a/projects"), Path.of("/b/projects")),
        source.defaultRoots(new Environment(Map.of("QWEN_DATA_DIR", "/a,/b"), home)));
    Path root = home.resolve(".qwen/projects");
    assertTrue(source.isLogFile(root, root.resolve("p/chats/s.jsonl")));
    assertFalse(source.isLogFile(root, root.resolve("p/s.jsonl")));
    assertFalse(source.isLogFile(root, root.resolve("p/chats/x/s.jsonl")));
  }

  @Test
  void aRecordingGivenByNameIsQwensNotClaudeCodes() {
    byte[] head = ParserHarness.sample("qwen/chat.jsonl").getBytes(StandardCharsets.UTF_8);
    Path file = Path.of("qs-1.jsonl");

    assertTrue(new QwenSource().recognizes(file, head));
    assertFalse(new ClaudeCodeSource().recognizes(file, head));
  }

  private void assertBad(String line, String message) {
    BadRecordException e = assertThrows(BadRecordException.class, () -> qwen.lines(line));
    assertEquals(message, e.getMessage());
  }
}
