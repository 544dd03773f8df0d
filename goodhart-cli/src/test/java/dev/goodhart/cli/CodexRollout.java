package dev.goodhart.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A Codex rollout of one session as Codex writes it: its meta and turn context, a prompt, {@code
 * apply_patch} calls, a shell call's output that prints a commit, and token counts.
 */
final class CodexRollout {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final String id;
  private final StringBuilder lines = new StringBuilder();
  private long total;
  private int calls;

  CodexRollout(String id, Instant at, String cwd, String branch) {
    this.id = id;
    ObjectNode meta = NODES.objectNode().put("id", id).put("timestamp", at.toString());
    meta.put("cwd", cwd).put("originator", "codex_cli_rs").put("cli_version", "0.71.0");
    meta.putObject("git").put("branch", branch);
    line(at, "session_meta", meta);
    line(at, "turn_context", NODES.objectNode().put("cwd", cwd).put("model", "gpt-5.1-codex"));
  }

  CodexRollout prompt(Instant at, String text) {
    return line(
        at, "event_msg", NODES.objectNode().put("type", "user_message").put("message", text));
  }

  /** An {@code apply_patch} call whose patch adds a file (relative to the session's folder). */
  CodexRollout addsFile(Instant at, String file, String content) {
    StringBuilder patch = new StringBuilder("*** Begin Patch\n*** Add File: " + file + "\n");
    for (String line : content.split("\n", -1)) {
      if (!line.isEmpty() || !content.endsWith("\n")) {
        patch.append('+').append(line).append('\n');
      }
    }
    patch.append("*** End Patch");
    calls++;
    line(
        at,
        "response_item",
        NODES
            .objectNode()
            .put("type", "custom_tool_call")
            .put("status", "completed")
            .put("call_id", "call_" + calls)
            .put("name", "apply_patch")
            .put("input", patch.toString()));
    return tokens(at, 30_000);
  }

  /** A shell call whose output is git's report of a commit. */
  CodexRollout commits(Instant at, String branch, String sha, String subject) {
    calls++;
    line(
        at,
        "response_item",
        NODES
            .objectNode()
            .put("type", "function_call_output")
            .put("call_id", "call_" + calls)
            .put("output", "[" + branch + " " + sha.substring(0, 7) + "] " + subject + "\n"));
    return tokens(at, 10_000);
  }

  private CodexRollout tokens(Instant at, long input) {
    total += input + 200;
    ObjectNode info = NODES.objectNode();
    info.putObject("last_token_usage")
        .put("input_tokens", input)
        .put("cached_input_tokens", 0)
        .put("output_tokens", 200)
        .put("total_tokens", input + 200);
    info.putObject("total_token_usage").put("total_tokens", total);
    ObjectNode payload = NODES.objectNode().put("type", "token_count");
    payload.set("info", info);
    return line(at, "event_msg", payload);
  }

  private CodexRollout line(Instant at, String type, ObjectNode payload) {
    ObjectNode line = NODES.objectNode().put("timestamp", at.toString()).put("type", type);
    line.set("payload", payload);
    lines.append(line).append('\n');
    return this;
  }

  String text() {
    return lines.toString();
  }
}
