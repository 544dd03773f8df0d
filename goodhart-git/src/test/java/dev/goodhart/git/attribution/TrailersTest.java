package dev.goodhart.git.attribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrailersTest {
  @TempDir Path home;

  static Stream<String> messages() {
    return Stream.of(
        // The common case: one trailer paragraph after the body.
        "Add retries\n\nThe API drops connections.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
        // Keys in any case, and a blank before the colon.
        "Fix\n\nco-authored-by: A <a@example.com>\nReviewed-by : B <b@example.com>\n",
        // A continuation line folds into the trailer above it.
        "Fix\n\nCo-authored-by: Claude\n <noreply@anthropic.com>\nSigned-off-by: Jane <jane@example.com>\n",
        // CRLF line ends.
        "Fix\r\n\r\nBody\r\n\r\nCo-authored-by: A <a@example.com>\r\n",
        // Trailing blank lines after the block.
        "Fix\n\nBody\n\nCo-authored-by: A <a@example.com>\n\n\n   \n",
        // A cherry-pick line makes a mixed paragraph a block when a quarter of it is trailers.
        "Fix\n\nBody\n\nCo-authored-by: A <a@example.com>\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n",
        // The same after plain text: 2 trailer lines of 4.
        "Fix\n\nsome text\nmore text\nCo-authored-by: A <a@example.com>\n(cherry picked from commit abcdef1)\n",
        // Too little: 1 trailer line of 5.
        "Fix\n\none\ntwo\nthree\nfour\n(cherry picked from commit abcdef1)\n",
        // Text in the last paragraph without a git-written line: no block.
        "Fix\n\nBody\n\nsee the docs\nCo-authored-by: A <a@example.com>\n",
        // The title alone is never a block, even when shaped like trailers.
        "Co-authored-by: A <a@example.com>\n",
        "Fix: the parser\nCo-authored-by: A <a@example.com>\n",
        // Trailers in the body, not in the last paragraph, do not count.
        "Fix\n\nCo-authored-by: A <a@example.com>\n\nA closing remark.\n",
        // A URL line is trailer-shaped to git too.
        "Fix\n\nhttps://example.com/issue/1\n",
        // Comment lines are skipped.
        "Fix\n\nBody\n\nCo-authored-by: A <a@example.com>\n# a comment\nSigned-off-by: B <b@example.com>\n# trailing\n",
        // An empty value.
        "Fix\n\nBody\n\nAcked-by:\n",
        // A GitHub squash body: commit list, a rule, GitHub's co-author lines.
        "Add X (#4)\n\n* Initial plan\n\n* Add X\n\nCo-authored-by: A <a@example.com>\n\n---------\n\n"
            + "Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>\n"
            + "Co-authored-by: A <a@example.com>\n");
  }

  @ParameterizedTest
  @MethodSource("messages")
  void findsWhatGitFinds(String message) throws IOException, InterruptedException {
    List<String> git = gitTrailers(message);
    assumeTrue(git != null, "git is not on the PATH");

    assertEquals(
        git,
        Trailers.parse(message).stream()
            .map(trailer -> trailer.key() + ": " + trailer.value())
            .toList(),
        () -> "message: " + message);
  }

  @Test
  void keepsTheTextAsWrittenAndTheLineItStartsOn() {
    List<Trailer> trailers =
        Trailers.parse(
            "Fix\r\n\r\nBody\r\n\r\nCo-authored-by: Claude\r\n  <noreply@anthropic.com>\r\n"
                + "CHANGE-ID: I1234\r\n");

    assertEquals(2, trailers.size());
    assertEquals(
        new Trailer(
            "Co-authored-by",
            "Claude <noreply@anthropic.com>",
            "Co-authored-by: Claude <noreply@anthropic.com>",
            5),
        trailers.get(0));
    assertTrue(trailers.get(1).hasKey("change-id"));
    assertEquals(7, trailers.get(1).lineNumber());
  }

  @Test
  void aMessageWithoutABlockHasNoTrailers() {
    assertEquals(List.of(), Trailers.parse(""));
    assertEquals(List.of(), Trailers.parse("\n\n"));
    assertEquals(List.of(), Trailers.parse("Fix the build\n\nIt broke.\n"));
  }

  /** What {@code git interpret-trailers --parse} says, or null without git. */
  private List<String> gitTrailers(String message) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("git", "interpret-trailers", "--parse", "--no-divider")
            .redirectErrorStream(true);
    // No user or system configuration: trailer.* settings would change git's answer.
    Map<String, String> environment = builder.environment();
    environment.put("HOME", home.toString());
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("GIT_CONFIG_GLOBAL", home.resolve("none").toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return null;
    }
    try (OutputStream input = process.getOutputStream()) {
      input.write(message.getBytes(UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertEquals(0, process.waitFor(), output);
    return output.lines().toList();
  }
}
