package dev.goodhart.ingest;

import dev.goodhart.model.git.LineHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines a patch in Codex's {@code apply_patch} format writes, file by file. Codex's agents
 * write every edit this way, and OpenCode's {@code patch} and {@code apply_patch} tools take the
 * same format. Its grammar (openai/codex {@code codex-rs/apply-patch/src/parser.rs}):
 *
 * <pre>
 * *** Begin Patch
 * *** Add File: P        then "+" lines: the whole file
 * *** Delete File: P
 * *** Update File: P     then an optional "*** Move to: Q" (the file written is Q), then chunks:
 *   "@@" or "@@ context", then " " context, "-" removed and "+" added lines, "*** End of File"
 * *** End Patch
 * </pre>
 *
 * An update writes, chunk by chunk, the {@code +} lines its {@code -} lines do not repeat ({@link
 * AgentWork#replaced}): a line removed and added again is rewritten, not written. Context lines are
 * on both sides of a chunk, so they are not even hashed. Read as leniently as Codex reads it
 * (blanks around markers, a first chunk without {@code @@}, an empty line as an empty context
 * line), and more: a line that fits nowhere is passed over and a missing {@code *** End Patch} ends
 * nothing, so that a damaged patch still shows what it wrote. Text before {@code *** Begin Patch}
 * (a shell's {@code apply_patch <<'EOF'}) is not part of the patch.
 */
public final class ApplyPatch {
  private static final String BEGIN = "*** Begin Patch";
  private static final String END = "*** End Patch";
  private static final String ADD = "*** Add File: ";
  private static final String UPDATE = "*** Update File: ";
  private static final String MOVE = "*** Move to: ";
  private static final String END_OF_FILE = "*** End of File";

  private static final long[] NO_LINES = {};

  private ApplyPatch() {}

  /**
   * A file a patch wrote lines into, as the patch names it (usually relative to the folder the
   * patch was applied in).
   *
   * @param lineHashes the {@link LineHash} of every line written into it, in patch order
   */
  public record WrittenFile(String path, long[] lineHashes) {}

  /**
   * The files a patch wrote lines into, in the order the patch first names them; a file the patch
   * names twice is one file. Deleted files, and files whose update only removes lines, wrote none
   * and are left out.
   */
  public static List<WrittenFile> written(String patch) {
    Lines lines = new Lines(patch.getBytes(StandardCharsets.UTF_8));
    int i = 0;
    while (i < lines.count() && !lines.trimmedIs(i, BEGIN)) {
      i++;
    }
    Map<String, long[]> files = new LinkedHashMap<>();
    i++;
    while (i < lines.count() && !lines.trimmedIs(i, END)) {
      String add = lines.trimmedAfter(i, ADD);
      String update = add == null ? lines.trimmedAfter(i, UPDATE) : null;
      i++;
      if (add != null) {
        LineList content = new LineList();
        while (i < lines.count() && lines.startsWith(i, '+')) {
          content.add(lines.hash(i, 1));
          i++;
        }
        files.merge(add, content.toArray(), AgentWork::concat);
      } else if (update != null) {
        String path = update;
        String moved = i < lines.count() ? lines.after(i, MOVE) : null;
        if (moved != null && !moved.isBlank()) {
          path = moved.strip();
          i++;
        }
        LineList written = new LineList();
        i = readChunks(lines, i, written);
        files.merge(path, written.toArray(), AgentWork::concat);
      }
      // *** Delete File writes nothing; any other line fits nowhere and is passed over.
    }
    List<WrittenFile> written = new ArrayList<>(files.size());
    files.forEach(
        (path, hashes) -> {
          if (hashes.length > 0 && !path.isEmpty()) {
            written.add(new WrittenFile(path, hashes));
          }
        });
    return written;
  }

  /**
   * Reads an update's chunks from line {@code i} to the next line that starts with {@code *} (the
   * next file, or the end), adding what each writes; returns the line after them.
   */
  private static int readChunks(Lines lines, int from, LineList written) {
    int i = from;
    while (i < lines.count() && !lines.startsWith(i, '*')) {
      if (lines.isBlank(i)) {
        i++; // blank lines between chunks
        continue;
      }
      if (lines.is(i, "@@") || lines.startsWith(i, "@@ ")) {
        i++;
      } else if (!lines.startsWith(i, ' ')
          && !lines.startsWith(i, '+')
          && !lines.startsWith(i, '-')) {
        i++; // fits nowhere
        continue;
      }
      LineList before = new LineList();
      LineList after = new LineList();
      while (i < lines.count()) {
        if (lines.is(i, END_OF_FILE)) {
          i++;
          break;
        }
        if (lines.startsWith(i, '-')) {
          before.add(lines.hash(i, 1));
        } else if (lines.startsWith(i, '+')) {
          after.add(lines.hash(i, 1));
        } else if (!lines.isEmpty(i) && !lines.startsWith(i, ' ')) {
          break; // neither context (an empty line is an empty one) nor a change: the next @@
        }
        i++;
      }
      written.addAll(AgentWork.replaced(before.toArray(), after.toArray()));
    }
    return i;
  }

  /**
   * The lines of a text as offsets into its UTF-8 bytes: a line ends before its {@code \n}, and
   * before the {@code \r} of a CRLF, as Rust's {@code str::lines} splits them.
   */
  static final class Lines {
    private final byte[] bytes;
    private final int[] starts;
    private final int[] ends;
    private final int count;

    Lines(byte[] bytes) {
      this.bytes = bytes;
      int breaks = 0;
      for (byte b : bytes) {
        if (b == '\n') {
          breaks++;
        }
      }
      starts = new int[breaks + 1];
      ends = new int[breaks + 1];
      int line = 0;
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          if (i == bytes.length && start == i) {
            break; // a final line break adds no empty line
          }
          int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
          starts[line] = start;
          ends[line] = end;
          line++;
          start = i + 1;
        }
      }
      count = line;
    }

    int count() {
      return count;
    }

    /** The hash of line {@code i} without its first {@code skip} bytes (its diff marker). */
    long hash(int i, int skip) {
      return LineHash.of(bytes, Math.min(starts[i] + skip, ends[i]), ends[i]);
    }

    boolean startsWith(int i, String prefix) {
      return startsWith(starts[i], ends[i], prefix);
    }

    boolean startsWith(int i, char c) {
      return ends[i] > starts[i] && bytes[starts[i]] == c;
    }

    boolean isEmpty(int i) {
      return ends[i] == starts[i];
    }

    boolean isBlank(int i) {
      int start = trimmedStart(i);
      return start == trimmedEnd(i, start);
    }

    /** Whether line {@code i} is {@code text} exactly. */
    boolean is(int i, String text) {
      return matches(starts[i], ends[i], text);
    }

    /** Whether line {@code i} is {@code text} once blanks around it are ignored. */
    boolean trimmedIs(int i, String text) {
      int start = trimmedStart(i);
      return matches(start, trimmedEnd(i, start), text);
    }

    /** The rest of line {@code i} after {@code prefix}, or null when it does not start so. */
    String after(int i, String prefix) {
      return startsWith(starts[i], ends[i], prefix)
          ? new String(
              bytes,
              starts[i] + prefix.length(),
              ends[i] - starts[i] - prefix.length(),
              StandardCharsets.UTF_8)
          : null;
    }

    /** {@link #after} of the line without the blanks around it. */
    String trimmedAfter(int i, String prefix) {
      int start = trimmedStart(i);
      int end = trimmedEnd(i, start);
      return startsWith(start, end, prefix)
          ? new String(
              bytes, start + prefix.length(), end - start - prefix.length(), StandardCharsets.UTF_8)
          : null;
    }

    private boolean matches(int start, int end, String text) {
      return end - start == text.length() && startsWith(start, end, text);
    }

    /** Markers are ASCII, so a byte compares with a char. */
    private boolean startsWith(int start, int end, String prefix) {
      if (end - start < prefix.length()) {
        return false;
      }
      for (int k = 0; k < prefix.length(); k++) {
        if (bytes[start + k] != prefix.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    private int trimmedStart(int i) {
      int start = starts[i];
      while (start < ends[i] && isBlank(bytes[start])) {
        start++;
      }
      return start;
    }

    private int trimmedEnd(int i, int start) {
      int end = ends[i];
      while (end > start && isBlank(bytes[end - 1])) {
        end--;
      }
      return end;
    }

    private static boolean isBlank(byte b) {
      return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0b;
    }
  }

  /** A growing array of line hashes. */
  static final class LineList {
    private long[] hashes = new long[8];
    private int size;

    void add(long hash) {
      if (size == hashes.length) {
        hashes = Arrays.copyOf(hashes, size * 2);
      }
      hashes[size++] = hash;
    }

    void addAll(long[] more) {
      for (long hash : more) {
        add(hash);
      }
    }

    long[] toArray() {
      return size == 0 ? NO_LINES : Arrays.copyOf(hashes, size);
    }
  }
}
