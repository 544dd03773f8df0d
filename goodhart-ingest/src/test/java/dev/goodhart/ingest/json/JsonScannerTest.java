package dev.goodhart.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goodhart.ingest.BadRecordException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonScannerTest {
  final JsonScanner json = new JsonScanner();

  JsonScanner on(String text) {
    byte[] bytes = ("pad" + text + "pad").getBytes(StandardCharsets.UTF_8);
    return json.reset(bytes, 3, bytes.length - 6); // records are read in place inside a buffer
  }

  /** Reads field "want" of a flat object as text, skipping every other field. */
  String fieldOf(String text, String want) throws BadRecordException {
    on(text).beginObject();
    String found = null;
    while (json.nextField()) {
      if (json.field().equals(want)) {
        found = json.text(want);
      } else {
        json.skipValue();
      }
    }
    json.endOfRecord();
    return found;
  }

  @Test
  void skipsNestedValuesWhoseStringsHoldBracketsQuotesAndBackslashes() throws Exception {
    String text =
        "{\"content\":[{\"t\":\"a } ] { [ \\\" \\\\\"},[1,-2.5e3,true,false,null],{}],"
            + "\"after\":\"x\\\\\"}";
    assertEquals("x\\", fieldOf(text, "after"));
  }

  @Test
  void decodesEscapesInValuesAndFieldNames() throws Exception {
    assertEquals(
        "é → 😀 \"q\" \n\t/",
        fieldOf(
            "{\"\\u0075sage\":\"\\u00e9 \\u2192 \\ud83d\\ude00 \\\"q\\\" \\n\\t\\/\"}", "usage"));
    assertEquals("?", fieldOf("{\"a\":\"\\ud800\"}", "a"), "a lone surrogate");
  }

  @Test
  void typedReadsFollowTheRulesOfTheJacksonBasedReaders() throws Exception {
    on("{\"n\":12,\"z\":-0,\"nul\":null,\"b\":true,\"m\":0.000123,\"o\":{\"i\":1}}").beginObject();
    assertTrue(json.nextField());
    assertEquals(12, json.count("n"));
    assertTrue(json.nextField());
    assertEquals(0, json.count("z"));
    assertTrue(json.nextField());
    assertEquals(0, json.count("nul"));
    assertTrue(json.nextField());
    assertTrue(json.bool("b"));
    assertTrue(json.nextField());
    assertEquals(new BigDecimal("0.000123"), json.money("m"));
    assertTrue(json.nextField());
    assertTrue(json.object("o"));
    assertTrue(json.nextField());
    assertEquals(1, json.count("o.i"));
    assertFalse(json.nextField());
    assertFalse(json.nextField());
    json.endOfRecord();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1", // truncated
        "{\"a\":\"open", // unterminated string
        "{\"a\":[1,2}", // brackets that do not match
        "{\"a\":1}}", // more after the end
        "{\"a\" 1}", // no colon
        "{\"a\":1 \"b\":2}", // no comma
        "{\"a\":1,}", // trailing comma
        "{\"a\":01}", // leading zero
        "{\"a\":1.}", // no digits after the point
        "{\"a\":tru}", // a broken literal
        "{\"a\":\"\\x\"}", // an unknown escape, when read
        "[1]", // not an object
        "\u0000{}", // binary
      })
  void damageIsABadRecord(String text) {
    assertThrows(BadRecordException.class, () -> fieldOf(text, "a"));
  }

  @Test
  void typeMismatchesNameTheFieldAndQuoteTheValue() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () -> {
              on("{\"input_tokens\":\"300\"}").beginObject();
              json.nextField();
              json.count("message.usage.input_tokens");
            });
    assertEquals(
        "field 'message.usage.input_tokens' must be a whole number, found '\"300\"'",
        e.getMessage());
  }

  @Test
  void nestingDeeperThanTheLimitIsABadRecordNotAStackOverflow() {
    String deep = "[".repeat(JsonScanner.MAX_DEPTH + 1) + "]".repeat(JsonScanner.MAX_DEPTH + 1);
    assertThrows(BadRecordException.class, () -> fieldOf("{\"a\":" + deep + "}", "b"));
    String allowed = "[".repeat(JsonScanner.MAX_DEPTH) + "]".repeat(JsonScanner.MAX_DEPTH);
    assertDoesNotThrow(() -> fieldOf("{\"a\":" + allowed + "}", "b"));
  }

  @Test
  void repeatedTextReturnsEqualValuesAndNoticesChanges() throws Exception {
    List<String> seen = new ArrayList<>();
    for (String value : List.of("main", "main", "feature/x", "main")) {
      on("{\"gitBranch\":\"" + value + "\"}").beginObject();
      json.nextField();
      seen.add(json.repeatedText(json.field()));
    }
    assertEquals(List.of("main", "main", "feature/x", "main"), seen);
    on("{\"gitBranch\":null}").beginObject();
    json.nextField();
    assertNull(json.repeatedText(json.field()));
  }

  /** Random valid JSON: the scanner skips what Jackson parses, and finds the field after it. */
  @Test
  void skipsEveryValueJacksonReads() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Random random = new Random(5);
    for (int round = 0; round < 2_000; round++) {
      String value = mapper.writeValueAsString(RandomJson.value(random, 0));
      String text = "{\"v\":" + value + ",\"after\":\"ok\"}";
      assertEquals("ok", fieldOf(text, "after"), text);
    }
  }

  private static void assertDoesNotThrow(org.junit.jupiter.api.function.Executable executable) {
    org.junit.jupiter.api.Assertions.assertDoesNotThrow(executable);
  }

  /** Random JSON values: nested objects and arrays of awkward strings and numbers. */
  static final class RandomJson {
    private static final String[] STRINGS = {
      "", "}", "]", "\"", "\\", "{[", "é→😀", "\n\t", "a\\\"b"
    };

    static Object value(Random random, int depth) {
      int kind = depth > 4 ? random.nextInt(4) : random.nextInt(6);
      return switch (kind) {
        case 0 -> STRINGS[random.nextInt(STRINGS.length)] + random.nextInt(100);
        case 1 -> random.nextInt(3) == 0 ? random.nextDouble() * 1e6 - 5e5 : random.nextLong();
        case 2 -> random.nextBoolean();
        case 3 -> random.nextInt(5) == 0 ? null : "x";
        case 4 -> {
          List<Object> list = new ArrayList<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            list.add(value(random, depth + 1));
          }
          yield list;
        }
        default -> {
          java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            map.put(STRINGS[random.nextInt(STRINGS.length)] + i, value(random, depth + 1));
          }
          yield map;
        }
      };
    }
  }

  @Test
  void readsArraysAndLeavesTheOuterObjectReadableAfterEmptyOnes() throws BadRecordException {
    byte[] bytes =
        "{\"a\":{},\"b\":[\"x\\ny\\n\",{},[],\"z\"],\"c\":\"last\"}"
            .getBytes(StandardCharsets.UTF_8);
    JsonScanner json = new JsonScanner().reset(bytes, 0, bytes.length);
    json.beginObject();
    assertTrue(json.nextField());
    assertTrue(json.object("a"));
    assertFalse(json.nextField());
    assertTrue(json.nextField());
    assertTrue(json.array("b"));
    List<Object> elements = new ArrayList<>();
    while (json.nextElement()) {
      if (json.atString()) {
        elements.add(json.textLines("b[]"));
      } else if (json.atArray()) {
        json.array("b[]");
        assertFalse(json.nextElement());
        elements.add("[]");
      } else {
        assertTrue(json.object("b[]"));
        assertFalse(json.nextField());
        elements.add("{}");
      }
    }
    assertEquals(List.of(2L, "{}", "[]", 1L), elements);
    assertTrue(json.nextField());
    assertEquals("last", json.shortText("c", 4));
    assertFalse(json.nextField());
    json.endOfRecord();
  }

  @Test
  void aStringLongerThanAskedForReadsAsNull() throws BadRecordException {
    byte[] bytes = "{\"c\":\"longer\",\"d\":1}".getBytes(StandardCharsets.UTF_8);
    JsonScanner json = new JsonScanner().reset(bytes, 0, bytes.length);
    json.beginObject();
    json.nextField();
    assertNull(json.shortText("c", 3));
    assertTrue(json.nextField());
    assertEquals(1, json.count("d"));
  }
}
