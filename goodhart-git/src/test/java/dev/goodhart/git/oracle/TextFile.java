package dev.goodhart.git.oracle;

import java.util.ArrayList;
import java.util.List;

/**
 * A text file as a list of lines that edits can change, remembering the line ending and whether the
 * last line ends with one, so that a CRLF file stays CRLF and a file without a final newline stays
 * without one unless an edit means to change that.
 */
final class TextFile {
  static final String LF = "\n";
  static final String CRLF = "\r\n";

  final List<String> lines;
  final String lineEnding;
  boolean finalNewline;

  TextFile(List<String> lines, String lineEnding, boolean finalNewline) {
    this.lines = new ArrayList<>(lines);
    this.lineEnding = lineEnding;
    this.finalNewline = finalNewline;
  }

  static TextFile parse(String content) {
    String ending = content.contains(CRLF) ? CRLF : LF;
    if (content.isEmpty()) {
      return new TextFile(List.of(), ending, true);
    }
    boolean finalNewline = content.endsWith(ending);
    String body = finalNewline ? content.substring(0, content.length() - ending.length()) : content;
    return new TextFile(List.of(body.split(ending, -1)), ending, finalNewline);
  }

  String render() {
    if (lines.isEmpty()) {
      return "";
    }
    String joined = String.join(lineEnding, lines);
    return finalNewline ? joined + lineEnding : joined;
  }
}
