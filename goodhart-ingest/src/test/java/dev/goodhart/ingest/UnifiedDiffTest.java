package dev.goodhart.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.model.git.LineHash;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a unified diff of one file wrote. */
class UnifiedDiffTest {
  static String written(String... diffLines) {
    return Arrays.toString(UnifiedDiff.written(String.join("\n", diffLines) + "\n"));
  }

  static String hashes(String... lines) {
    return Arrays.toString(Arrays.stream(lines).mapToLong(LineHash::of).toArray());
  }

  @Test
  void theAddedLinesOfEveryHunkThatTheRemovedOnesDoNotRepeat() {
    assertEquals(
        hashes("y = 3", "z = 4", "print(z)"),
        written(
            "@@ -1,3 +1,4 @@",
            " x = 1",
            "-y = 2",
            "+y = 3",
            "+z = 4",
            " w = 0",
            "@@ -10,2 +11,2 @@", // a second hunk
            "-print(x)",
            "+print(z)",
            " end = True"));
  }

  @Test
  void fileHeadersAndNoNewlineMarkersAreNoLines() {
    assertEquals(
        hashes("+++ counter", "--flag"),
        written(
            "--- a/c.txt",
            "+++ b/c.txt",
            "@@ -1 +1,2 @@", // counts left out mean one line
            "-old",
            "++++ counter", // an added line that starts with "+++": the header counts tell it apart
            "+--flag",
            "\\ No newline at end of file"));
  }

  @Test
  void aLineRemovedAndAddedAgainInAHunkIsNotWritten() {
    assertEquals(hashes("b"), written("@@ -1,2 +1,2 @@", "-a", "-same", "+same", "+b"));
  }

  @Test
  void aDamagedHunkEndsWhereItStopsBeingADiff() {
    // The header promises four new lines; the text breaks off after one.
    assertEquals(hashes("one"), written("@@ -0,0 +1,4 @@", "+one", "not a diff line", "+two"));
  }
}
