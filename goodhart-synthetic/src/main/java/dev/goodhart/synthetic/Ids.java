package dev.goodhart.synthetic;

import java.util.Random;

/** Identifiers shaped like the agents' own, drawn from the generator's random source. */
final class Ids {
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Random random;

  Ids(Random random) {
    this.random = random;
  }

  /** A version-4 UUID: Claude Code session ids, entry uuids. */
  String uuid() {
    StringBuilder out = new StringBuilder(36);
    hex(out, 8).append('-');
    hex(out, 4).append("-4");
    hex(out, 3).append('-').append(HEX[8 + random.nextInt(4)]);
    hex(out, 3).append('-');
    return hex(out, 12).toString();
  }

  /** Anthropic message ids: {@code msg_01} and 22 base-62 characters. */
  String messageId() {
    return base62(new StringBuilder("msg_01"), 22).toString();
  }

  /** Anthropic request ids: {@code req_011C} and 20 base-62 characters. */
  String requestId() {
    return base62(new StringBuilder("req_011C"), 20).toString();
  }

  String toolUseId() {
    return base62(new StringBuilder("toolu_01"), 22).toString();
  }

  String callId() {
    return base62(new StringBuilder("call_"), 24).toString();
  }

  String hex(int length) {
    return hex(new StringBuilder(length), length).toString();
  }

  private StringBuilder hex(StringBuilder out, int length) {
    for (int i = 0; i < length; i++) {
      out.append(HEX[random.nextInt(16)]);
    }
    return out;
  }

  private StringBuilder base62(StringBuilder out, int length) {
    for (int i = 0; i < length; i++) {
      out.append(BASE62[random.nextInt(BASE62.length)]);
    }
    return out;
  }
}
