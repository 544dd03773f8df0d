package dev.goodhart.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes, for {@code bench/provenance-overhead}, the Claude Code transcripts of agent sessions that
 * wrote what an existing repository's commits hold: for each of N commits picked across the
 * history, a session that started 20 minutes before it, wrote each of its files' added lines with
 * {@code Edit} (a new file with {@code Write}) ten minutes before it, spent tokens over a dozen
 * requests, and, for half of them, committed itself (its tool output prints the commit); the other
 * half's work was committed by a person. Line provenance has to find every one of them.
 *
 * <p>Run: {@code java -cp goodhart-bench/target/goodhart-bench.jar
 * dev.goodhart.bench.ProvenanceSessions --repo DIR --home DIR --sessions 1000 --seed 1}
 */
public final class ProvenanceSessions {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MODEL = "claude-sonnet-4-5-20250929";

  private ProvenanceSessions() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    if (!options.containsKey("--repo") || !options.containsKey("--home")) {
      System.err.println(
          "usage: ProvenanceSessions --repo DIR --home DIR [--sessions N] [--seed S]");
      System.exit(2);
    }
    Path repository = Path.of(options.get("--repo")).toAbsolutePath();
    Path home = Path.of(options.get("--home")).toAbsolutePath();
    int sessions = Integer.parseInt(options.getOrDefault("--sessions", "1000"));
    long seed = Long.parseLong(options.getOrDefault("--seed", "1"));
    int lines = write(repository, home, sessions, new Random(seed));
    System.out.printf("%,d sessions writing %,d lines into %s%n", sessions, lines, repository);
  }

  static int write(Path repository, Path home, int count, Random random) throws IOException {
    GitCommand git = new GitCommand(repository);
    List<String[]> commits = new ArrayList<>();
    for (String line : git.run("log", "--no-merges", "--format=%H %ct", "HEAD").split("\n")) {
      if (!line.isBlank()) {
        commits.add(line.strip().split(" "));
      }
    }
    Path projects = home.resolve(".claude/projects/-bench");
    Files.createDirectories(projects);
    int written = 0;
    for (int i = 0; i < count && i < commits.size(); i++) {
      String[] commit = commits.get((int) ((long) i * commits.size() / count));
      Instant at = Instant.ofEpochSecond(Long.parseLong(commit[1]));
      String session = "bench-%04d".formatted(i);
      Session transcript = new Session(session, repository.toString());
      transcript.prompt(at.minusSeconds(1200), "implement change " + i);
      Map<String, List<String>> files = addedLines(git, commit[0]);
      for (Map.Entry<String, List<String>> file : files.entrySet()) {
        transcript.edit(at.minusSeconds(600), file.getKey(), file.getValue());
        written += file.getValue().size();
      }
      for (int r = 0; r < 12; r++) {
        transcript.answer(at.minusSeconds(590 - r * 30L), 20_000 + random.nextInt(60_000));
      }
      if (i % 2 == 0) {
        transcript.commit(at, commit[0]);
      }
      try (BufferedWriter out =
          Files.newBufferedWriter(projects.resolve(session + ".jsonl"), StandardCharsets.UTF_8)) {
        out.write(transcript.text());
      }
    }
    return written;
  }

  /** A commit's added lines per file, as its patch against its first parent shows them. */
  private static Map<String, List<String>> addedLines(GitCommand git, String sha) {
    Map<String, List<String>> files = new LinkedHashMap<>();
    String file = null;
    boolean inHunk = false;
    for (String line :
        git.run("show", "--format=", "-U0", "-M", "--no-color", sha).split("\n", -1)) {
      if (line.startsWith("diff --git ")) {
        file = null;
        inHunk = false;
      } else if (!inHunk && line.startsWith("+++ b/")) {
        file = line.substring("+++ b/".length());
      } else if (line.startsWith("@@")) {
        inHunk = true;
      } else if (inHunk && file != null && line.startsWith("+")) {
        files.computeIfAbsent(file, f -> new ArrayList<>()).add(line.substring(1));
      }
    }
    return files;
  }

  /** One transcript, line by line. */
  private static final class Session {
    private final String id;
    private final String cwd;
    private final StringBuilder lines = new StringBuilder();
    private int requests;

    Session(String id, String cwd) {
      this.id = id;
      this.cwd = cwd;
    }

    void prompt(Instant at, String text) {
      ObjectNode line = base("user", at);
      line.putObject("message").put("role", "user").put("content", text);
      append(line);
    }

    void edit(Instant at, String file, List<String> added) {
      ObjectNode input = NODES.objectNode().put("file_path", cwd + "/" + file);
      input.put("old_string", "").put("new_string", String.join("\n", added) + "\n");
      tool(at, "Edit", input);
    }

    void answer(Instant at, long inputTokens) {
      response(at, NODES.objectNode().put("type", "text").put("text", "working"), inputTokens);
    }

    void commit(Instant at, String sha) {
      String id = tool(at, "Bash", NODES.objectNode().put("command", "git commit -am change"));
      ObjectNode line = base("user", at.plusSeconds(1));
      ArrayNode content = line.putObject("message").put("role", "user").putArray("content");
      content
          .addObject()
          .put("type", "tool_result")
          .put("tool_use_id", id)
          .put("content", "[main " + sha.substring(0, 7) + "] change\n");
      append(line);
    }

    private String tool(Instant at, String name, ObjectNode input) {
      String toolId = "toolu_" + id + "_" + (requests + 1);
      ObjectNode use = NODES.objectNode().put("type", "tool_use").put("id", toolId);
      use.put("name", name).set("input", input);
      response(at, use, 8_000);
      return toolId;
    }

    private void response(Instant at, ObjectNode block, long inputTokens) {
      requests++;
      ObjectNode line = base("assistant", at);
      line.put("requestId", "req_" + id + "_" + requests);
      ObjectNode message = line.putObject("message");
      message.put("id", "msg_" + id + "_" + requests).put("role", "assistant").put("model", MODEL);
      message.putArray("content").add(block);
      message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 300);
      append(line);
    }

    private ObjectNode base(String type, Instant at) {
      return NODES
          .objectNode()
          .put("type", type)
          .put("sessionId", id)
          .put("cwd", cwd)
          .put("gitBranch", "main")
          .put("timestamp", at.toString());
    }

    private void append(ObjectNode line) {
      lines.append(line).append('\n');
    }

    String text() {
      return lines.toString();
    }
  }
}
