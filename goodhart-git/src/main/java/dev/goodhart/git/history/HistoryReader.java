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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Streams a branch's history out of one {@code git log}: parents before children ({@code
 * --topo-order --reverse}), every merge once per parent ({@code -m}), renames detected ({@code
 * -M}), raw entries with full blob ids and NUL-separated paths ({@code --raw -z --no-abbrev}), and
 * patches with zero lines of context ({@code -U0}), of which only the hunk headers are kept.
 * Reading it costs about as much as git takes to write it; nothing but the current commit is held
 * in memory.
 */
public final class HistoryReader {
  private static final String FORMAT = "%x01C %H%n%T%n%P%n%an%n%ae%n%at%n%cn%n%ce%n%ct%n%B%x01E";

  /** Trees of recently read commits: a merge's parents are usually among them. */
  private static final int REMEMBERED_TREES = 1 << 16;

  private static final String NO_BLOB = "0000000000000000000000000000000000000000";

  private final LineInput in;
  private final Consumer<HistoryCommit> sink;
  private final Function<String, String> treeOfOlder;
  private final Map<String, String> trees =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > REMEMBERED_TREES;
        }
      };
  private Header pending;
  private List<List<FileChange>> sections = new ArrayList<>();

  private HistoryReader(
      InputStream stream, Consumer<HistoryCommit> sink, Function<String, String> treeOfOlder) {
    this.in = new LineInput(stream);
    this.sink = sink;
    this.treeOfOlder = treeOfOlder;
  }

  /** The arguments of the {@code git log} this reader understands, for {@code revision}. */
  public static List<String> logArguments(String revision) {
    return logArguments(List.of(revision));
  }

  /** The same for several revisions, e.g. {@code head} and {@code ^previous}. */
  public static List<String> logArguments(List<String> revisions) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
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
                "--format=" + FORMAT));
    arguments.addAll(revisions);
    arguments.add("--");
    return arguments;
  }

  /** Runs {@code git log} for {@code revisions} and hands every commit to {@code sink} in order. */
  public static void read(Git git, List<String> revisions, Consumer<HistoryCommit> sink) {
    try (Git.Streaming log = git.stream(logArguments(revisions))) {
      read(log.output(), sink, sha -> git.run("rev-parse", sha + "^{tree}").strip());
    }
  }

  /**
   * Parses the output of {@link #logArguments}; {@code treeOfOlder} gives the tree of a commit read
   * too long ago to be remembered.
   */
  public static void read(
      InputStream output, Consumer<HistoryCommit> sink, Function<String, String> treeOfOlder) {
    try {
      new HistoryReader(output, sink, treeOfOlder).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Header(
      String sha,
      String tree,
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

  /**
   * git prints no section for a parent whose tree is the commit's own (nothing changed against it):
   * such parents get an empty section, the printed ones go to the others in order.
   */
  private void flush() {
    Header h = pending;
    trees.put(h.sha(), h.tree());
    if (h.parents().size() <= 1 && sections.isEmpty()) {
      sections.add(List.of()); // an empty commit
    } else if (sections.size() < h.parents().size()) {
      List<List<FileChange>> complete = new ArrayList<>();
      int next = 0;
      for (String parent : h.parents()) {
        String tree = trees.containsKey(parent) ? trees.get(parent) : treeOfOlder.apply(parent);
        if (tree.equals(h.tree())
            && complete.size() - next < h.parents().size() - sections.size()) {
          complete.add(List.of());
        } else {
          complete.add(next < sections.size() ? sections.get(next++) : List.of());
        }
      }
      sections = complete;
    }
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
    String tree = in.line();
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
        tree,
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
