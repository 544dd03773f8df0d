package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.synthetic.org.OrganisationTruth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Line provenance against the truth of small synthetic organisations, session by session: for
 * several seeds, {@code goodhart demo} builds one (pull requests merged, squashed and rebased,
 * reviewers' rewrites, abandoned branches, edits committed by hand, deployments), and {@code
 * goodhart report --json} must say of every session what the organisation knows: the commits it is
 * linked to and how (on main or off it, with the pull request each came by), the shipped commits,
 * and line by line how many of the lines it wrote entered main in a deployed commit and are at the
 * head.
 */
class ProvenancePropertyTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @TempDir Path folder;

  @ParameterizedTest
  @ValueSource(longs = {3, 8, 21, 34})
  void theReportFindsWhatTheOrganisationKnowsOfEverySession(long seed) {
    CliHarness cli = new CliHarness(folder);
    cli.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Path demo = folder.resolve("demo");
    CliHarness.Result built =
        cli.run(
            "demo",
            "--out",
            demo.toString(),
            "--seed",
            Long.toString(seed),
            "--people",
            "5",
            "--repositories",
            "2",
            "--days",
            "21");
    assertEquals(0, built.exitCode(), built::toString);
    OrganisationTruth truth = OrganisationTruth.read(demo.resolve("organisation/truth.json"));
    CliHarness stored = new CliHarness(demo);
    stored.clock = cli.clock;
    CliHarness.Result json = stored.run("report", "--json", "--no-import", "--no-scan");
    assertEquals(0, json.exitCode(), json::toString);
    Map<String, JsonNode> reported = new HashMap<>();
    json.json().get("sessions").forEach(s -> reported.put(s.get("sessionId").asText(), s));

    List<String> wrong = new ArrayList<>();
    int landed = 0;
    for (OrganisationTruth.Session session : truth.sessions()) {
      JsonNode s = reported.get(session.sessionId());
      if (s == null) {
        wrong.add(session.sessionId() + ": not in the report");
        continue;
      }
      landed += session.landedAs().size();
      String id = session.sessionId().substring(0, 8) + " (" + session.branch() + ")";
      compare(
          wrong, id, "aiLinesWritten", session.aiLinesAdded(), s.get("aiLinesWritten").asLong());
      compare(
          wrong, id, "shippedCommits", session.shippedCommits(), s.get("shippedCommits").asLong());
      compare(
          wrong, id, "aiLinesShipped", session.aiLinesShipped(), s.get("aiLinesShipped").asLong());
      compare(
          wrong,
          id,
          "aiLinesAliveAtHead",
          session.aiLinesAliveAtHead(),
          s.get("aiLinesAliveAtHead").asLong());
      TreeSet<String> expected = new TreeSet<>();
      for (OrganisationTruth.Link link : session.links()) {
        expected.add(describe(link.kind(), link.sha(), link.onMain(), link.pullRequest()));
      }
      TreeSet<String> found = new TreeSet<>();
      for (JsonNode link : s.get("commits")) {
        boolean onMain = link.get("onBranch").asBoolean();
        found.add(
            describe(
                link.get("link").asText(),
                link.get("sha").asText(),
                onMain,
                link.get("prNumber").isNull() ? null : link.get("prNumber").asInt()));
      }
      if (!expected.equals(found)) {
        wrong.add(id + ": links " + found + ", the truth " + expected);
      }
    }
    System.out.printf(
        "seed %d: %d sessions, %d landings, %d differences%n",
        seed, truth.sessions().size(), landed, wrong.size());
    assertTrue(landed > 10, "the organisation's work landed: " + landed);
    assertEquals(List.of(), wrong, "where the report and the truth differ");
  }

  private static String describe(String kind, String sha, boolean onMain, Integer pullRequest) {
    return kind
        + " "
        + sha.substring(0, Math.min(10, sha.length()))
        + (onMain ? " main" : " off")
        + (onMain && pullRequest != null ? " #" + pullRequest : "");
  }

  private static void compare(List<String> wrong, String id, String field, long truth, long found) {
    if (truth != found) {
      wrong.add(id + ": " + field + " " + found + ", the truth " + truth);
    }
  }
}
