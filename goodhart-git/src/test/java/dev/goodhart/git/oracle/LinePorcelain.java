package dev.goodhart.git.oracle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the lines per commit in the output of {@code git blame --line-porcelain}, without keeping
 * the text. Each line of the file comes as a header line that starts with the commit's sha, more
 * header lines, then the line itself after a tab. Only the tab marks a line of the file: header
 * values never start with one, and a line of the file may hold anything (a CR, invalid UTF-8), so
 * the stream is read as bytes, never decoded.
 */
final class LinePorcelain {
  private LinePorcelain() {}

  static Map<String, Long> countLinesByCommit(InputStream output) throws IOException {
    InputStream in = new BufferedInputStream(output, 1 << 16);
    Map<String, Long> counts = new TreeMap<>();
    StringBuilder sha = new StringBuilder(64);
    boolean expectingSha = true;
    int first;
    while ((first = in.read()) != -1) {
      if (first == '\t') {
        if (expectingSha) {
          throw new IllegalStateException("blame output has a line of text without a header");
        }
        counts.merge(sha.toString(), 1L, Long::sum);
        expectingSha = true;
        skipLine(in);
      } else if (expectingSha) {
        sha.setLength(0);
        int b = first;
        while (b != ' ' && b != '\n' && b != -1) {
          sha.append((char) b);
          b = in.read();
        }
        if (!isSha(sha)) {
          throw new IllegalStateException(
              "blame output has '" + sha + "' where a commit sha should start a header");
        }
        expectingSha = false;
        if (b == ' ') {
          skipLine(in);
        }
      } else {
        skipLine(in);
      }
    }
    if (!expectingSha) {
      throw new IllegalStateException("blame output ends inside a header, at commit " + sha);
    }
    return counts;
  }

  /**
   * The lines blame attributes to each commit, each once however many copies of it the file holds
   * (a merge can bring the same line from two sides): by its place in the commit that wrote it
   * (original file and line number), with the {@link dev.goodhart.model.git.LineHash} of its text.
   * What line provenance follows: a line as written, not its copies.
   */
  static Map<String, Map<String, Long>> originLinesByCommit(InputStream output) throws IOException {
    InputStream in = new BufferedInputStream(output, 1 << 16);
    Map<String, Map<String, Long>> lines = new TreeMap<>();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    String sha = null;
    String originalLine = null;
    String originalFile = null;
    while (true) {
      bytes.reset();
      int b;
      while ((b = in.read()) != '\n' && b != -1) {
        bytes.write(b);
      }
      if (b == -1 && bytes.size() == 0) {
        break;
      }
      byte[] line = bytes.toByteArray();
      if (line.length > 0 && line[0] == '\t') {
        lines
            .computeIfAbsent(sha, k -> new TreeMap<>())
            .put(
                originalFile + ":" + originalLine,
                dev.goodhart.model.git.LineHash.of(line, 1, line.length));
        continue;
      }
      String header = new String(line, java.nio.charset.StandardCharsets.UTF_8);
      int space = header.indexOf(' ');
      if (space == 40 && isSha(header.substring(0, 40))) {
        sha = header.substring(0, 40);
        String[] parts = header.split(" ");
        originalLine = parts[1];
      } else if (header.startsWith("filename ")) {
        originalFile = header.substring("filename ".length());
      }
    }
    return lines;
  }

  private static void skipLine(InputStream in) throws IOException {
    int b;
    do {
      b = in.read();
    } while (b != '\n' && b != -1);
  }

  private static boolean isSha(CharSequence text) {
    if (text.length() != 40 && text.length() != 64) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
