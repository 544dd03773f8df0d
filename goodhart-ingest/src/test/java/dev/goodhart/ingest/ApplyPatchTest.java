package dev.goodhart.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.model.git.LineHash;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a patch in Codex's apply_patch format wrote, file by file. */
class ApplyPatchTest {
  /** The files and lines of a patch, as "path: hashes" rows, to compare at a glance. */
  static List<String> read(String... patchLines) {
    return ApplyPatch.written(String.join("\n", patchLines)).stream()
        .map(file -> file.path() + ": " + Arrays.toString(file.lineHashes()))
        .toList();
  }

  static String row(String path, String... lines) {
    return path
        + ": "
        + Arrays.stream(lines)
            .map(LineHash::of)
            .map(String::valueOf)
            .collect(Collectors.joining(", ", "[", "]"));
  }

  @Test
  void anAddedFileWritesEveryLineAndADeletedOneNone() {
    assertEquals(
        List.of(row("src/new.py", "def f():", "    return 1", "")),
        read(
            "*** Begin Patch",
            "*** Add File: src/new.py",
            "+def f():",
            "+    return 1",
            "+", // an empty line of the file
            "*** Delete File: src/old.py",
            "*** End Patch"));
  }

  @Test
  void anUpdateWritesTheLinesItsChunksAddAndNotThoseItRemovesAndAddsAgain() {
    assertEquals(
        List.of(row("a.rs", "let y = 2;", "let z = 3;")),
        read(
            "*** Begin Patch",
            "*** Update File: a.rs",
            "@@ fn main() {",
            " let a = 0;", // context
            "-let x = 1;",
            "+let y = 2;",
            "-let keep = 9;", // removed and added again in the same chunk: rewritten, not written
            "+let keep = 9;",
            "+let z = 3;",
            "*** End Patch"));
  }

  @Test
  void aMovedFileIsWrittenUnderItsNewPath() {
    assertEquals(
        List.of(row("crates/cli/src/bin/codex.rs", "    let cli = Cli::parse();")),
        read(
            "*** Begin Patch",
            "*** Update File: crates/cli/src/main.rs",
            "*** Move to: crates/cli/src/bin/codex.rs",
            "@@ fn run()",
            "-    let args = Args::parse();",
            "+    let cli = Cli::parse();",
            "*** End Patch"));
  }

  @Test
  void severalFilesComeInTheOrderThePatchNamesThem() {
    assertEquals(
        List.of(
            row("docs/notes.md", "# Notes"),
            row("src/config.rs", "    pub stream: bool,", "    Duration::from_millis(250)"),
            row("README.md", "Run the tests first.")),
        read(
            "*** Begin Patch",
            "*** Add File: docs/notes.md",
            "+# Notes",
            "*** Update File: src/config.rs",
            "@@ impl Config",
            "-    pub progress: bool,",
            "+    pub stream: bool,",
            "     pub diagnostics: bool,",
            "@@ fn interval()", // a second chunk of the same file
            "-    Duration::from_millis(500)",
            "+    Duration::from_millis(250)",
            "*** Delete File: src/legacy.rs",
            "*** Update File: only/removes.rs", // wrote nothing: left out
            "@@",
            "-gone",
            "*** Update File: README.md",
            "@@ Development",
            " Build it.",
            "+Run the tests first.",
            "*** End Patch"));
  }

  @Test
  void aFileNamedTwiceIsOneFile() {
    assertEquals(
        List.of(row("a.txt", "one", "two")),
        read(
            "*** Begin Patch",
            "*** Add File: a.txt",
            "+one",
            "*** Update File: a.txt",
            "@@",
            "+two",
            "*** End Patch"));
  }

  @Test
  void aLineMovedFromOneChunkToAnotherIsWritten() {
    // Chunks are replaced one at a time: what one removes, another may write anew.
    assertEquals(
        List.of(row("m.py", "moved()")),
        read(
            "*** Begin Patch",
            "*** Update File: m.py",
            "@@ def a():",
            "-moved()",
            "@@ def b():",
            "+moved()",
            "*** End Patch"));
  }

  @Test
  void theLenienciesOfCodexsOwnParser() {
    assertEquals(
        List.of(row("p.py", "import os", "x = 1"), row("q.py", "last")),
        read(
            "apply_patch <<'EOF'", // a shell's heredoc around the patch
            "  *** Begin Patch  \r", // markers padded with blanks, CRLF line ends
            "*** Update File: p.py\r",
            " import sys\r", // a first chunk without @@
            "+import os\r",
            "", // blank lines between chunks
            "@@",
            "", // an empty line inside a chunk is an empty context line
            "+x = 1",
            "*** End of File",
            "*** Update File: q.py",
            "@@",
            "-first",
            "+last",
            "*** End Patch",
            "EOF"));
  }

  @Test
  void textWithoutABeginMarkerAndLinesThatFitNowhereWriteNothing() {
    // No patch at all.
    assertEquals(List.of(), read("+not a patch", "*** Add File: x", "+y"));
    // A stray line between files is passed over; a missing End Patch ends nothing.
    assertEquals(
        List.of(row("r.txt", "kept")),
        read("*** Begin Patch", "garbage", "*** Add File: r.txt", "+kept"));
  }
}
