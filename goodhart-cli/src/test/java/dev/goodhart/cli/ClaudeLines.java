package dev.goodhart.cli;

/**
 * Claude Code transcript lines written by tests: one assistant request per line, in the real key
 * order.
 */
final class ClaudeLines {
  private ClaudeLines() {}

  static String request(
      String messageId, String requestId, String timestamp, long input, long output) {
    return request(
        messageId, requestId, timestamp, "claude-sonnet-4-5-20250929", input, output, false);
  }

  static String request(
      String messageId,
      String requestId,
      String timestamp,
      String model,
      long input,
      long output,
      boolean sidechain) {
    return ("{\"parentUuid\":null,\"isSidechain\":%s,\"userType\":\"external\",\"cwd\":\"/home/dev/work/alpha\","
            + "\"sessionId\":\"s-1\",\"version\":\"2.0.37\",\"gitBranch\":\"main\",\"message\":{\"id\":\"%s\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"%s\",\"content\":[{\"type\":\"text\","
            + "\"text\":\"done\"}],\"usage\":{\"input_tokens\":%d,\"cache_creation_input_tokens\":0,"
            + "\"cache_read_input_tokens\":0,\"output_tokens\":%d}},\"requestId\":\"%s\",\"type\":\"assistant\","
            + "\"uuid\":\"u-%s\",\"timestamp\":\"%s\"}\n")
        .formatted(sidechain, messageId, model, input, output, requestId, requestId, timestamp);
  }
}
