package dev.goodhart.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A Claude Code transcript of one session, written the way Claude Code writes it: a prompt, then
 * responses with tool calls (Write, Edit, a Bash {@code git commit}) and the tool results, each
 * request with its usage. Its texts are JSON-encoded by Jackson, so any code survives.
 */
final class AgentTranscript {
  static final String MODEL = "claude-sonnet-4-5-20250929";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final String session;
  final String cwd;
  private final String branch;
  private final StringBuilder lines = new StringBuilder();
  private int requests;

  AgentTranscript(String session, String cwd, String branch) {
    this.session = session;
    this.cwd = cwd;
    this.branch = branch;
  }

  AgentTranscript prompt(Instant at, String text) {
    ObjectNode line = base("user", at);
    line.put("uuid", session + "-p" + requests);
    line.putObject("message").put("role", "user").put("content", text);
    return append(line);
  }

  /** The agent writes a whole file (its path relative to the session's folder, or absolute). */
  AgentTranscript write(Instant at, String file, String content) {
    ObjectNode input = NODES.objectNode().put("file_path", absolute(file)).put("content", content);
    toolUse(at, "Write", input);
    return this;
  }

  AgentTranscript edit(Instant at, String file, String oldText, String newText) {
    ObjectNode input =
        NODES
            .objectNode()
            .put("file_path", absolute(file))
            .put("old_string", oldText)
            .put("new_string", newText);
    toolUse(at, "Edit", input);
    return this;
  }

  /** The agent runs {@code git commit} and git prints {@code [branch sha] subject}. */
  AgentTranscript commits(Instant at, String commitBranch, String sha, String subject) {
    String id = toolUse(at, "Bash", NODES.objectNode().put("command", "git commit -am x"));
    ObjectNode line = base("user", at.plusSeconds(1));
    line.put("uuid", session + "-r" + requests);
    ArrayNode content = line.putObject("message").put("role", "user").putArray("content");
    content
        .addObject()
        .put("type", "tool_result")
        .put("tool_use_id", id)
        .put("content", "[" + commitBranch + " " + sha.substring(0, 7) + "] " + subject + "\n");
    return append(line);
  }

  /** A response with no tool call: thinking about it, spending tokens. */
  AgentTranscript answers(Instant at, long inputTokens) {
    ObjectNode text = NODES.objectNode().put("type", "text").put("text", "done");
    return response(at, text, inputTokens);
  }

  String text() {
    return lines.toString();
  }

  private String toolUse(Instant at, String name, ObjectNode input) {
    String id = "toolu_" + session + "_" + (requests + 1);
    ObjectNode use = NODES.objectNode().put("type", "tool_use").put("id", id).put("name", name);
    use.set("input", input);
    response(at, use, 3_000);
    return id;
  }

  private AgentTranscript response(Instant at, ObjectNode block, long inputTokens) {
    requests++;
    ObjectNode line = base("assistant", at);
    line.put("requestId", "req_" + session + "_" + requests);
    line.put("uuid", session + "-a" + requests);
    ObjectNode message = line.putObject("message");
    message.put("id", "msg_" + session + "_" + requests);
    message.put("role", "assistant");
    message.put("model", MODEL);
    message.putArray("content").add(block);
    message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 400);
    return append(line);
  }

  private ObjectNode base(String type, Instant at) {
    ObjectNode line = NODES.objectNode();
    line.put("type", type);
    line.put("sessionId", session);
    line.put("cwd", cwd);
    line.put("gitBranch", branch);
    line.put("timestamp", at.toString());
    return line;
  }

  private String absolute(String file) {
    return file.startsWith("/") ? file : cwd + "/" + file;
  }

  private AgentTranscript append(ObjectNode line) {
    lines.append(line).append('\n');
    return this;
  }
}
