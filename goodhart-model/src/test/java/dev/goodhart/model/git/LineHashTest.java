package dev.goodhart.model.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.WrittenPaths;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineHashTest {
  @Test
  void trailingWhiteSpaceAndCarriageReturnsDoNotMatterIndentationDoes() {
    assertEquals(LineHash.of("return x"), LineHash.of("return x  \t\r"));
    assertNotEquals(LineHash.of("return x"), LineHash.of("  return x"));
    assertNotEquals(LineHash.of("return x"), LineHash.of("return  x"));
  }

  @Test
  void textAndUtf8BytesHashAlike() {
    String line = "    naïve = \"é\" // ✓";
    byte[] bytes = ("+" + line + "\n").getBytes(StandardCharsets.UTF_8);
    assertEquals(LineHash.of(line), LineHash.of(bytes, 1, bytes.length - 1));
  }

  @Test
  void splitsTextIntoLinesAsGitCountsThem() {
    assertArrayEquals(
        new long[] {LineHash.of("a"), LineHash.of(""), LineHash.of("b")},
        LineHash.ofText("a\r\n\nb\n"));
    assertArrayEquals(new long[] {LineHash.of("a"), LineHash.of("b")}, LineHash.ofText("a\nb"));
    assertEquals(0, LineHash.ofText("").length);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "}",
        "});",
        "*/",
        "else",
        "} else {",
        "end",
        "pass",
        "  return;",
        "fi",
        "]),",
        "#",
        "\"\"\""
      })
  void linesWithoutInformationAreTrivial(String line) {
    assertTrue(LineHash.isTrivial(LineHash.of(line)), line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"return total", "x = 1", "import os", "} else if (ready) {", "0,", "foo()", "été"})
  void linesWithSomethingToSayAreNot(String line) {
    assertFalse(LineHash.isTrivial(LineHash.of(line)), line);
  }

  @Test
  void noLineHashesAsTheUnknownLine() {
    for (int i = 0; i < 10_000; i++) {
      assertNotEquals(LineHash.UNKNOWN, LineHash.of("line " + i));
    }
  }

  @Test
  void writtenPathsAreAbsoluteAndNormalised() {
    assertEquals("/repo/src/a.py", WrittenPaths.resolve("/repo", "src/./a.py"));
    assertEquals("/repo/a.py", WrittenPaths.resolve("/repo/src/", "../a.py"));
    assertEquals("/x/a.py", WrittenPaths.resolve("/repo", "/x//a.py"));
    assertEquals("C:/work/app/a.py", WrittenPaths.resolve(null, "C:\\work\\app\\a.py"));
    assertEquals("src/a.py", WrittenPaths.resolve(null, "src/a.py"));
  }
}
