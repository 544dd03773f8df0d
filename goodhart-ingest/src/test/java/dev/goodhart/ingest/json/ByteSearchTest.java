package dev.goodhart.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SWAR searches against the obvious byte-by-byte search, on random and adversarial input. */
class ByteSearchTest {
  static int naive(byte[] bytes, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void findsTheFirstByteLikeALoopWould() {
    Random random = new Random(1);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (random.nextInt(4) == 0 ? '\n' : random.nextInt(256));
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int to = from + (bytes.length == from ? 0 : random.nextInt(bytes.length - from + 1));
      assertEquals(
          naive(bytes, from, to, new byte[] {'\n'}),
          ByteSearch.indexOf(bytes, from, to, (byte) '\n'));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"u", "\"us", "\"usa", "\"usage\"", "\"token_count\"", "ee", "eee\"e"})
  void findsTheFirstNeedleLikeALoopWould(String text) {
    Random random = new Random(2);
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    byte[] alphabet = "\"usagex\\ etokn_c".getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 50_000; round++) {
      byte[] bytes = new byte[random.nextInt(60)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            random.nextInt(5) == 0
                ? (byte) random.nextInt(256)
                : alphabet[random.nextInt(alphabet.length)];
      }
      if (bytes.length > needle.length && random.nextBoolean()) {
        System.arraycopy(
            needle, 0, bytes, random.nextInt(bytes.length - needle.length + 1), needle.length);
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(Math.max(1, bytes.length / 2));
      int to = from + random.nextInt(bytes.length - from + 1);
      assertEquals(
          naive(bytes, from, to, needle),
          ByteSearch.indexOf(bytes, from, to, needle),
          "round " + round + " needle " + text);
    }
  }
}
