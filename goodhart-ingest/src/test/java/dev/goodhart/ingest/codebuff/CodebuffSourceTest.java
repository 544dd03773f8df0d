package dev.goodhart.ingest.codebuff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.GoldenEventLines;
import dev.goodhart.ingest.ParserHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodebuffSourceTest {
  static final String CHAT = "demo/chats/2026-01-02T03-04-05.000Z/chat-messages.json";

  /** The harness's root stands for {@code ~/.config/manicode/projects}. */
  final ParserHarness codebuff = new ParserHarness(new CodebuffSource(), CHAT);

  @Test
  void readsTheGoldenChat() throws BadRecordException {
    GoldenEventLines.assertMatches(
        "codebuff-chat", codebuff.document(ParserHarness.sample("codebuff/chat-messages.json")));
  }

  @Test
  void theChatsFolderNameIsItsStartTime() {
    assertEquals(
        Instant.parse("2026-01-02T03:04:05Z"),
        CodebuffSource.chatStarted("2026-01-02T03-04-05.000Z"));
    assertNull(CodebuffSource.chatStarted("not-a-time"));
    assertNull(CodebuffSource.chatStarted("2026-13-02T03-04-05.000Z"));
  }

  @Test
  void badInputIsABadRecordThatSaysWhere() {
    assertBad("{\"id\":\"m\"}", "expected the chat's messages as a JSON array, found '{'");
    assertBad(
        "[{\"id\":\"m\",\"variant\":\"ai\",\"metadata\":{\"usage\":{\"inputTokens\":-1}}}]",
        "field '[0].metadata.usage.inputTokens' must not be negative, found '-1'");
    assertBad(
        "[{\"id\":\"m\",\"variant\":\"ai\",\"timestamp\":true,\"metadata\":{\"usage\":{\"inputTokens\":1}}}]",
        "field '[0].timestamp' must be a time, found 'true'");
    assertBad("[\"hello\"]", "field '[0]' must be an object, found '\"hello\"'");
    // A file being rewritten: the document is not checkpointed, and read again when it changes.
    BadRecordException truncated =
        assertThrows(
            BadRecordException.class,
            () ->
                codebuff.document(
                    "[{\"id\":\"m\",\"variant\":\"ai\",\"metadata\":{\"usage\":{\"inputTokens\":1"));
    assertTrue(
        truncated.getMessage().startsWith("invalid JSON: Unexpected end-of-input"),
        truncated.getMessage());
  }

  @Test
  void aMessageWithUsageButNoTimeInAChatNamedOtherwiseIsABadRecord() {
    ParserHarness odd =
        new ParserHarness(new CodebuffSource(), "demo/chats/imported/chat-messages.json");

    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                odd.document(
                    "[{\"variant\":\"ai\",\"metadata\":{\"usage\":{\"inputTokens\":1}}}]"));

    assertEquals(
        "assistant message [0] has usage but no 'timestamp' or 'createdAt', and its chat's folder is no time",
        e.getMessage());
  }

  @Test
  void chatsAreFoundInEveryChannelFolder() {
    CodebuffSource source = new CodebuffSource();
    Path home = Path.of("/home/dev");

    assertEquals(
        List.of(
            home.resolve(".config/manicode/projects"),
            home.resolve(".config/manicode-dev/projects"),
            home.resolve(".config/manicode-staging/projects")),
        source.defaultRoots(new Environment(Map.of(), home)));
    assertEquals(
        List.of(Path.of("/a/projects"), Path.of("/b/projects")),
        source.defaultRoots(new Environment(Map.of("CODEBUFF_DATA_DIR", "/a, /b/projects"), home)));
    Path root = home.resolve(".config/manicode/projects");
    assertTrue(source.isLogFile(root, root.resolve(CHAT)));
    assertFalse(source.isLogFile(root, root.resolve("demo/chats/c/run-state.json")));
    assertFalse(source.isLogFile(root, root.resolve("demo/chat-messages.json")));
  }

  private void assertBad(String document, String message) {
    BadRecordException e =
        assertThrows(BadRecordException.class, () -> codebuff.document(document));
    assertEquals(message, e.getMessage());
  }
}
