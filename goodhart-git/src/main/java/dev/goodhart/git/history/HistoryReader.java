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
import org.jspecify.annotations.Nullable;

/**
 * Streams a branch's history out of one {@code git log}: parents before children ({@code
 * --topo-order --reverse}), every commit against its first parent ({@code
 * --diff-merges=first-parent}), renames detected ({@code -M}), raw entries with full blob ids and
 * NUL-separated paths ({@code --raw -z --no-abbrev}), and patches with zero lines of context
 * ({@code -U0}), of which only the hunk headers are kept. A merge's changes against its other
 * parents come from {@link MergeSides}, which runs beside it. Where blame would follow a file to
 * another rename source than the diff paired it with, {@link BlameRenames} says so. Reading costs
 * about as much as git takes to write; nothing but the current commit is held in memory.
 */
public final class HistoryReader {
  private static final String FORMAT = "%x01C %H%n%P%n%an%n%ae%n%at%n%cn%n%ce%n%ct%n%B%x01E";

  /** A merge's changes against its second and later parents, in parent order. */
  @FunctionalInterface
  public interface OtherParents {
    List<List<FileChange>> of(String merge, List<String> parents);
  }

  /** What {@link BlameRenames#follow} does: a diff with blame's views where blame differs. */
  @FunctionalInterface
  private interface Renames {
    List<FileChange> follow(String parent, String commit, List<FileChange> section);
  }

  private final LineInput in;
  private final Consumer<HistoryCommit> sink;
  private final OtherParents otherParents;
  private final Renames renames;
  private final @Nullable Instant hashSince;
  private final FollowedPaths hashPaths;

  private HistoryReader(
      InputStream stream,
      Consumer<HistoryCommit> sink,
      OtherParents others,
      Renames renames,
      @Nullable Instant hashSince,
      FollowedPaths hashPaths) {
    this.in = new LineInput(stream);
    this.sink = sink;
    this.otherParents = others;
    this.renames = renames;
    this.hashSince = hashSince;
    this.hashPaths = hashPaths;
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
                "--diff-merges=first-parent",
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
    read(git, revisions, sink, null);
  }

  /**
   * The same, keeping the hash of every added line of the commits made since {@code hashSince}
   * (none when null): what line provenance follows.
   */
  public static void read(
      Git git, List<String> revisions, Consumer<HistoryCommit> sink, @Nullable Instant hashSince) {
    read(git, revisions, sink, hashSince, FollowedPaths.ALL);
  }

  /** The same, hashing the added lines only of the files {@code hashPaths} follows. */
  public static void read(
      Git git,
      List<String> revisions,
      Consumer<HistoryCommit> sink,
      @Nullable Instant hashSince,
      FollowedPaths hashPaths) {
    RenameRules rules = RenameRules.of(git);
    try (MergeSides merges = MergeSides.start(git, revisions, rules);
        BlameRenames renames = new BlameRenames(git, rules);
        Git.Streaming log = git.stream(logArguments(revisions))) {
      read(log.output(), sink, merges::of, renames::follow, hashSince, hashPaths);
    }
  }

  /**
   * Parses the output of {@link #logArguments}; {@code others} gives each merge's changes against
   * its other parents. Renames stay as the diff paired them (see {@link FileChange#followed}).
   */
  public static void read(InputStream output, Consumer<HistoryCommit> sink, OtherParents others) {
    read(output, sink, others, (parent, commit, section) -> section, null, FollowedPaths.ALL);
  }

  private static void read(
      InputStream output,
      Consumer<HistoryCommit> sink,
      OtherParents others,
      Renames renames,
      @Nullable Instant hashSince,
      FollowedPaths hashPaths) {
    try {
      new HistoryReader(output, sink, others, renames, hashSince, hashPaths).readAll();
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
      Header h = readHeader();
      List<List<FileChange>> sections = new ArrayList<>(Math.max(1, h.parents().size()));
      List<FileChange> section =
          DiffSection.read(
              in, hashSince != null && !h.committedAt().isBefore(hashSince), hashPaths);
      sections.add(
          h.parents().isEmpty()
              ? section
              : renames.follow(h.parents().getFirst(), h.sha(), section));
      if (h.parents().size() > 1) {
        sections.addAll(otherParents.of(h.sha(), h.parents()));
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
    }
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

  private static long number(String text, String sha) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new GoodhartException(
          ErrorCode.GIT_FAILURE, "commit %s has no readable time: '%s'".formatted(sha, text), e);
    }
  }
}
