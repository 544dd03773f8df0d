package dev.goodhart.ingest.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiSourceTest {
  @Test
  void readsAMessageRecordLine() throws BadRecordException {
    ParserHarness gemini = new ParserHarness(new GeminiSource(), "abc123/chats/session-1.jsonl");

    List<UsageEvent> events =
        gemini.lines(ParserHarness.sample("gemini_chat_record_fixture.jsonl"));

    assertEquals(1, events.size());
    // input 15327 includes 11526 cached; 7 tool-use prompt tokens are input; 919 thoughts are
    // output.
    assertEquals(new TokenCounts(3_808, 942, 11_526, 0, 0, 919), events.getFirst().tokens());
    assertEquals(16_276, events.getFirst().tokens().total());
    assertEquals("abc123", events.getFirst().project());
    assertEquals("session-1", events.getFirst().sessionId());
  }

  @Test
  void theSessionComesFromTheMetadataLine() throws BadRecordException {
    ParserHarness gemini = new ParserHarness(new GeminiSource(), "abc123/chats/session-1.jsonl");
    String lines =
        """
        {"sessionId":"gem-7","projectHash":"abc123","startTime":"2026-05-17T11:00:00.000Z"}
        {"id":"u1","timestamp":"2026-05-17T11:00:01.000Z","type":"user","content":"hi"}
        {"id":"g1","timestamp":"2026-05-17T11:00:02.000Z","type":"gemini","model":"gemini-3-pro","tokens":{"input":100,"output":10,"cached":0,"thoughts":0,"tool":0,"total":110}}
        {"$rewindTo":"u1"}
        """;

    List<UsageEvent> events = gemini.lines(lines);

    assertEquals(1, events.size());
    assertEquals("gem-7", events.getFirst().sessionId());
    assertEquals("gem-7|m:g1", events.getFirst().eventKey());
  }

  @Test
  void readsAWholeConversationDocument() throws BadRecordException {
    ParserHarness gemini = new ParserHarness(new GeminiSource(), "abc123/chats/session-2.json");
    String document =
        """
        {"sessionId":"gem-8","projectHash":"abc123","startTime":"2026-05-17T11:00:00.000Z",
         "messages":[
          {"id":"u1","timestamp":"2026-05-17T11:00:01.000Z","type":"user","content":"hi"},
          {"id":"g1","timestamp":"2026-05-17T11:00:02.000Z","type":"gemini","model":"gemini-3-pro","tokens":{"input":100,"output":10,"cached":40,"total":110}},
          {"id":"g2","timestamp":"2026-05-17T11:00:09.000Z","type":"gemini","model":"gemini-3-pro","tokens":{"input":200,"output":20,"cached":0,"thoughts":5,"total":225}}
         ]}""";

    List<UsageEvent> events = gemini.document(document);

    assertEquals(
        List.of("gem-8|m:g1", "gem-8|m:g2"), events.stream().map(UsageEvent::eventKey).toList());
    assertEquals(new TokenCounts(60, 10, 40, 0, 0, 0), events.get(0).tokens());
    assertEquals(new TokenCounts(200, 25, 0, 0, 0, 5), events.get(1).tokens());
  }
}
