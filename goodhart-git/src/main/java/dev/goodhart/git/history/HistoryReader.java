package dev.goodhart.git.history;

import dev.goodhart.git.Git;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams a branch's history out of one {@code git log}: parents before children ({@code
 * --topo-order --reverse}), every merge once per parent ({@code -m}), renames detected ({@code
 * -M}), raw entries with full blob ids and NUL-separated paths ({@code --raw -z --no-abbrev}), and
 * patches with zero lines of context ({@code -U0}), of which only the hunk headers are kept.
 * Reading it costs about as much as git takes to write it; nothing but the current commit is held
 * in memory.
 */
public final class HistoryReader {
  private static final String FORMAT = "%x01C %H%n%P%n%an%n%ae%n%at%n%cn%n%ce%n%ct%n%B%x01E";
  private static final String NO_BLOB = "0000000000000000000000000000000000000000";

  private final LineInput in;
  private final Consumer<HistoryCommit> sink;
  private Header pending;
  private List<List<FileChange>> sections = new ArrayList<>();

  private HistoryReader(InputStream stream, Consumer<HistoryCommit> sink) {
    this.in = new LineInput(stream);
    this.sink = sink;
  }

  /** The arguments of the {@code git log} this reader understands, for {@code revision}. */
  public static List<String> logArguments(String revision) {
    return List.of(
        "log",
        "--topo-order",
        "--reverse",
        "-m",
        "--root",
        "-M",
        "--raw",
        "-z",
        "--no-abbrev",
        "-p",
        "-U0",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "--format=" + FORMAT,
        revision,
        "--");
  }

  /** Runs {@code git log} for {@code revision} and hands every commit to {@code sink} in order. */
  public static void read(Git git, String revision, Consumer<HistoryCommit> sink) {
    try (Git.Streaming log = git.stream(logArguments(revision))) {
      read(log.output(), sink);
    }
  }

  /** Parses the output of {@link #logArguments}. */
  public static void read(InputStream output, Consumer<HistoryCommit> sink) {
    try {
      new HistoryReader(output, sink).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Header(
      String sha,
      List<String> parents,
      String authorName,
      String authorEmail,
      Instant authoredAt,
      String committerName,
      String committerEmail,
      Instant committedAt,
      String message) {}

  private void readAll() throws IOException {
    while (in.skipTo(LineInput.ENTRY)) {
      Header header = readHeader();
      List<FileChange> changes = readChanges();
      if (pending != null && !pending.sha().equals(header.sha())) {
        flush();
      }
      pending = header;
      sections.add(changes);
    }
    if (pending != null) {
      flush();
    }
  }

  private void flush() {
    Header h = pending;
    sink.accept(
        new HistoryCommit(
            h.sha(),
            h.parents(),
            h.authorName(),
            h.authorEmail(),
            h.authoredAt(),
            h.committerName(),
            h.committerEmail(),
            h.committedAt(),
            h.message(),
            sections));
    sections = new ArrayList<>();
  }

  private Header readHeader() throws IOException {
    String sha = in.line();
    String parentLine = in.line();
    List<String> parents = parentLine.isEmpty() ? List.of() : Arrays.asList(parentLine.split(" "));
    String authorName = in.line();
    String authorEmail = in.line();
    Instant authoredAt = Instant.ofEpochSecond(number(in.line(), sha));
    String committerName = in.line();
    String committerEmail = in.line();
    Instant committedAt = Instant.ofEpochSecond(number(in.line(), sha));
    String message = in.upToEndMarker().stripTrailing();
    return new Header(
        sha,
        parents,
        authorName,
        authorEmail,
        authoredAt,
        committerName,
        committerEmail,
        committedAt,
        message);
  }

  /** The raw entries, then one patch per entry in the same order, of which the hunks are read. */
  private List<FileChange> readChanges() throws IOException {
    List<RawEntry> entries = new ArrayList<>();
    in.skipSeparators();
    while (in.peek() == ':') {
      entries.add(readRawEntry());
      in.skipSeparators();
    }
    List<FileChange> changes = new ArrayList<>(entries.size());
    int entry = -1;
    HunkList hunks = new HunkList();
    boolean binary = false;
    int blocksForEntry = 0;
    while (in.peek() >= 0 && in.peek() != LineInput.ENTRY) {
      switch (in.patchLine(hunks)) {
        case DIFF -> {
          // A type change is patched as a deletion and an addition: two blocks, one raw entry.
          if (entry >= 0 && entries.get(entry).status() == 'T' && blocksForEntry == 1) {
            blocksForEntry++;
            continue;
          }
          if (entry >= 0) {
            changes.add(entries.get(entry).toChange(binary, hunks.take()));
          }
          entry++;
          binary = false;
          blocksForEntry = 1;
          if (entry >= entries.size()) {
            throw new GoodhartException(
                ErrorCode.GIT_FAILURE, "git log printed more patches than changes");
          }
        }
        case BINARY -> binary = true;
        case OTHER -> {}
      }
    }
    if (entry >= 0) {
      changes.add(entries.get(entry).toChange(binary, hunks.take()));
    }
    // Entries git printed no patch for (none expected) change no lines.
    for (int i = entry + 1; i < entries.size(); i++) {
      changes.add(entries.get(i).toChange(false, new int[0]));
    }
    return changes;
  }

  private record RawEntry(
      String oldMode,
      String newMode,
      String oldBlob,
      String newBlob,
      char status,
      String firstPath,
      String secondPath) {

    FileChange toChange(boolean binary, int[] hunks) {
      boolean submodule = oldMode.equals("160000") || newMode.equals("160000");
      String oldPath = status == 'A' ? null : firstPath;
      String newPath =
          status == 'D' ? null : (status == 'R' || status == 'C') ? secondPath : firstPath;
      return new FileChange(
          status, oldPath, newPath, oldBlob, newBlob, binary || status == 'T', submodule, hunks);
    }
  }

  /** {@code :oldmode newmode oldblob newblob status\0path\0[path\0]}. */
  private RawEntry readRawEntry() throws IOException {
    String header = in.upToNul().substring(1);
    String[] fields = header.split(" ");
    if (fields.length < 5 || fields[4].isEmpty()) {
      throw new GoodhartException(ErrorCode.GIT_FAILURE, "unexpected raw diff line: " + header);
    }
    char status = fields[4].charAt(0);
    String first = in.upToNul();
    String second = status == 'R' || status == 'C' ? in.upToNul() : first;
    String oldBlob = fields[2].equals(NO_BLOB) ? NO_BLOB : fields[2];
    return new RawEntry(fields[0], fields[1], oldBlob, fields[3], status, first, second);
  }

  private static long number(String text, String sha) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new GoodhartException(
          ErrorCode.GIT_FAILURE, "commit %s has no readable time: '%s'".formatted(sha, text), e);
    }
  }
}
