package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code goodhart report} end to end on a real repository and transcripts made for it: one session
 * whose tool output names its commit, one whose commit the person made by hand just after it, one
 * that burned tokens and shipped nothing. The expected figures are worked out here from the
 * transcripts, and the spend is checked against {@code goodhart usage}.
 */
class ReportCommandTest {
  static final String MODEL = "claude-sonnet-4-5-20250929";

  @TempDir Path folder;
  CliHarness cli;
  Path repo;
  String exact;
  String byHand;
  String human;

  @BeforeEach
  void makeRepositoryAndLogs() throws Exception {
    cli = new CliHarness(folder);
    cli.clock = Clock.fixed(Instant.parse("2026-11-10T00:00:00Z"), ZoneOffset.UTC);
    FlowRepository git = new FlowRepository(folder.resolve("repo"));
    repo = git.path;
    git.write("app.py", "def main():\n    pass\n");
    git.commitAll(Instant.parse("2026-11-02T10:00:00Z"), "Start");
    git.write("util.py", "a = 1\nb = 2\nc = 3\n");
    exact = git.commitAll(Instant.parse("2026-11-02T11:05:00Z"), "Add util");
    git.write("app.py", "def main():\n    run()\n    stop()\n");
    byHand = git.commitAll(Instant.parse("2026-11-02T12:30:00Z"), "Run and stop");
    git.as("colleague@example.com").write("notes.txt", "by a colleague\n");
    human = git.commitAll(Instant.parse("2026-11-02T15:00:00Z"), "Notes");

    String r = repo.toString();
    ClaudeTranscript s1 = new ClaudeTranscript("s1", r);
    s1.prompt("2026-11-02T11:00:00Z", "add a util module");
    s1.response(
        "2026-11-02T11:01:00Z",
        "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Write\",\"input\":{\"file_path\":\""
            + r
            + "/util.py\",\"content\":\"a = 1\\nb = 2\\nc = 3\\n\"}}",
        2_000);
    s1.toolResult("2026-11-02T11:05:01Z", "t2", "[main " + exact.substring(0, 7) + "] Add util");
    s1.response("2026-11-02T11:10:00Z", "{\"type\":\"text\",\"text\":\"done\"}", 2_000);
    ClaudeTranscript s2 = new ClaudeTranscript("s2", r);
    s2.prompt("2026-11-02T12:00:00Z", "make main run and stop");
    s2.response(
        "2026-11-02T12:20:00Z",
        "{\"type\":\"tool_use\",\"id\":\"t3\",\"name\":\"Edit\",\"input\":{\"file_path\":\""
            + r
            + "/app.py\",\"old_string\":\"    pass\\n\",\"new_string\":\"    run()\\n    stop()\\n\"}}",
        3_000);
    ClaudeTranscript s3 = new ClaudeTranscript("s3", r);
    s3.prompt("2026-11-02T13:00:00Z", "refactor everything");
    for (int i = 0; i < 40; i++) {
      s3.response(
          "2026-11-02T13:%02d:00Z".formatted(i),
          "{\"type\":\"text\",\"text\":\"thinking\"}",
          100_000);
    }
    for (ClaudeTranscript transcript : List.of(s1, s2, s3)) {
      cli.write(".claude/projects/-repo/" + transcript.session + ".jsonl", transcript.text());
    }
  }

  @Test
  void linksSessionsToWhatTheyShippedAndSaysWhatShippedNothing() throws Exception {
    CliHarness.Result result = cli.run("report", repo.toString(), "--json");

    assertEquals(0, result.exitCode(), result::toString);
    JsonNode report = result.json();
    Map<String, JsonNode> sessions = new HashMap<>();
    report.get("sessions").forEach(s -> sessions.put(s.get("sessionId").asText(), s));
    assertEquals(3, sessions.size());

    JsonNode s1 = sessions.get("s1");
    assertEquals(1, s1.get("commits").size());
    assertEquals(exact, s1.get("commits").get(0).get("sha").asText());
    assertEquals("exact", s1.get("commits").get(0).get("link").asText());
    assertEquals(3, s1.get("aiLinesWritten").asLong());
    assertEquals(3, s1.get("aiLinesAliveAtHead").asLong());

    JsonNode s2 = sessions.get("s2");
    assertEquals(1, s2.get("commits").size());
    JsonNode byContent = s2.get("commits").get(0);
    assertEquals(byHand, byContent.get("sha").asText());
    assertEquals(
        "content", byContent.get("link").asText(), "the commit holds the lines its edit wrote");
    assertEquals(1.0, byContent.get("confidence").asDouble(), 1e-9);
    assertEquals(2, s2.get("aiLinesWritten").asLong(), "run() and stop() replaced pass");

    JsonNode s3 = sessions.get("s3");
    assertEquals(0, s3.get("commits").size());
    List<String> waste = new ArrayList<>();
    s3.get("waste").forEach(w -> waste.add(w.get("kind").asText()));
    assertTrue(waste.containsAll(List.of("discarded", "unattended")), waste::toString);

    JsonNode totals = report.get("totals");
    double cost1 = s1.get("cost").asDouble();
    double cost2 = s2.get("cost").asDouble();
    double cost3 = s3.get("cost").asDouble();
    assertEquals(cost1 + cost2 + cost3, totals.get("cost").asDouble(), 1e-6);
    assertEquals(2, totals.get("shippedCommits").asInt(), "the colleague's commit is nobody's");
    assertEquals((cost1 + cost2) / 2, totals.get("costPerShippedCommit").asDouble(), 1e-6);
    assertEquals(cost3, totals.get("unshippedCost").asDouble(), 1e-6);
    assertEquals(cost3 / (cost1 + cost2 + cost3), totals.get("unshippedShare").asDouble(), 1e-6);
    assertEquals(5, totals.get("aiLinesWritten").asLong());
    assertTrue(!report.toString().contains(human), "an unlinked commit is not listed");

    CliHarness.Result usage = cli.run("usage", "daily", "--json");
    assertEquals(
        usage.json().get("totals").get("totalCost").asDouble(),
        totals.get("cost").asDouble(),
        1e-6,
        "the report's spend is the usage report's");
  }

  @Test
  void writesTheHtmlPageAndASummary() throws Exception {
    Path page = folder.resolve("out/report.html");

    CliHarness.Result result = cli.run("report", repo.toString(), "--html", page.toString());

    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.out().contains("What the tokens shipped"), result::toString);
    assertTrue(result.out().contains("discarded"), result::toString);
    assertTrue(result.out().contains("HTML report: " + page), result::toString);
    String html = Files.readString(page);
    assertTrue(html.contains("id=\"goodhart-data\""));
    assertTrue(html.contains(byHand), "the page embeds the report");
  }

  /** A Claude Code transcript of one session in the repository, line by line. */
  static final class ClaudeTranscript {
    final String session;
    final String cwd;
    final StringBuilder lines = new StringBuilder();
    int requests;

    ClaudeTranscript(String session, String cwd) {
      this.session = session;
      this.cwd = cwd;
    }

    String head() {
      return "\"sessionId\":\"" + session + "\",\"cwd\":\"" + cwd + "\",\"gitBranch\":\"main\",";
    }

    void prompt(String time, String text) {
      lines.append(
          "{\"type\":\"user\",%s\"uuid\":\"%s-u%d\",\"timestamp\":\"%s\",\"message\":{\"role\":\"user\",\"content\":\"%s\"}}\n"
              .formatted(head(), session, lines.length(), time, text));
    }

    void toolResult(String time, String toolUseId, String output) {
      lines.append(
          ("{\"type\":\"user\",%s\"uuid\":\"%s-r%d\",\"timestamp\":\"%s\",\"message\":{\"role\":\"user\","
                  + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"%s\",\"content\":\"%s\"}]}}\n")
              .formatted(head(), session, lines.length(), time, toolUseId, output));
    }

    void response(String time, String content, long inputTokens) {
      requests++;
      lines.append(
          ("{%s\"message\":{\"id\":\"msg_%s_%d\",\"role\":\"assistant\",\"model\":\"%s\",\"content\":[%s],"
                  + "\"usage\":{\"input_tokens\":%d,\"output_tokens\":200}},\"requestId\":\"req_%s_%d\","
                  + "\"type\":\"assistant\",\"timestamp\":\"%s\"}\n")
              .formatted(
                  head(), session, requests, MODEL, content, inputTokens, session, requests, time));
    }

    String text() {
      return lines.toString();
    }
  }
}
