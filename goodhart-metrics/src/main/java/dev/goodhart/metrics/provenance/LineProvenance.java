package dev.goodhart.metrics.provenance;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.git.CommittedLines;
import dev.goodhart.model.git.LineCredit;
import dev.goodhart.model.git.LineHash;
import dev.goodhart.model.git.ProvenanceResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Which session wrote each line that a commit brought to the default branch, by content. A line of
 * commit C (one that {@code git blame} attributes to C) is a session's when the session wrote a
 * line with the same {@link LineHash} into the same file (C's path, or the path C renamed it from)
 * before C was committed, and no more than the window (14 days by default) before. Of several such
 * sessions the line belongs to the latest writer; each time a session wrote a line can be matched
 * by one line only, so a session never gets more lines than it wrote. Lines that carry no
 * information (blank, brackets, a lone keyword: {@link LineHash#isTrivial}) are never matched on
 * their own: such a line is its nearest non-trivial neighbour's session's, above it or else below
 * it in the same run of C's lines, when that session wrote it too.
 *
 * <p>Commits are taken in the order they were made; within a commit, file by file. One commit's
 * lines are held at a time.
 */
public final class LineProvenance {
  /** How long after an agent wrote a line it may still be committed as its work. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);

  private static final Duration THIRTY_DAYS = Duration.ofDays(30);

  private final @Nullable WrittenLines written;
  private final Duration window;
  private final Instant now;
  private final Map<String, List<LineCredit>> bySession = new LinkedHashMap<>();
  private final Map<String, Map<String, Integer>> ownNonTrivial = new HashMap<>();
  private final Map<String, Integer> ownNonTrivialBySha = new HashMap<>();
  private final Map<String, Instant> commitTimes = new HashMap<>();

  public LineProvenance(WrittenLines written, Duration window, Instant now) {
    this.written = requireNonNull(written, "written is null");
    this.window = requireNonNull(window, "window is null");
    this.now = requireNonNull(now, "now is null");
  }

  private LineProvenance(Duration window, Instant now) {
    this.written = null;
    this.window = window;
    this.now = now;
  }

  /**
   * Results kept from an earlier run over the same facts.
   *
   * @param commitTimes when each commit of the scanned repositories was made
   */
  public static LineProvenance restore(
      ProvenanceResult result, Map<String, Instant> commitTimes, Duration window, Instant now) {
    LineProvenance provenance = new LineProvenance(window, now);
    provenance.commitTimes.putAll(commitTimes);
    for (LineCredit credit : result.credits()) {
      provenance.bySession.computeIfAbsent(credit.session(), s -> new ArrayList<>()).add(credit);
    }
    result
        .informativeLines()
        .forEach(
            (repository, counts) -> {
              provenance.ownNonTrivial.put(repository, new HashMap<>(counts));
              provenance.ownNonTrivialBySha.putAll(counts);
            });
    return provenance;
  }

  /** The results, to keep under {@code fingerprint}. */
  public ProvenanceResult result(String fingerprint) {
    List<LineCredit> all = new ArrayList<>();
    bySession.values().forEach(all::addAll);
    return new ProvenanceResult(fingerprint, all, ownNonTrivial);
  }

  /** The credits found, by session key. */
  public Map<String, List<LineCredit>> credits() {
    return bySession;
  }

  /** A commit's own lines that carry information, whoever wrote them (0 for an unknown commit). */
  public int ownNonTrivial(String sha) {
    return ownNonTrivialBySha.getOrDefault(sha, 0);
  }

  /** Whether the commit's lines are known line by line (a commit of the agent era). */
  public boolean knows(String sha) {
    return ownNonTrivialBySha.containsKey(sha);
  }

  /** The credit of a session in a commit, if it has lines there. */
  public @Nullable LineCredit credit(String session, String sha) {
    for (LineCredit credit : bySession.getOrDefault(session, List.of())) {
      if (credit.sha().equals(sha)) {
        return credit;
      }
    }
    return null;
  }

  /** Whether 30 days have passed since the credit's commit: its {@code alive30d} is final. */
  public boolean thirtyKnown(LineCredit credit) {
    Instant at = commitTimes.get(credit.sha());
    return at != null && !at.plus(THIRTY_DAYS).isAfter(now);
  }

  /**
   * A sink for one repository's lines in the order of their commits' times ({@code Store
   * .commitLines}); {@link Repository#finish} when they are all given.
   *
   * @param root the repository's folder
   * @param otherRoots the other scanned repositories' folders: files in them are theirs
   * @param commitTimes when each commit was made
   * @param ownLines the own lines, in every file, of each commit whose lines the scan followed: the
   *     scan follows only files agents wrote, and a commit's lines in the others count as lines
   *     that carry information and are no session's
   */
  public Repository repository(
      String repositoryId,
      String root,
      List<String> otherRoots,
      Map<String, Instant> commitTimes,
      Map<String, Long> ownLines) {
    if (written == null) {
      throw new IllegalStateException("kept results match no more lines");
    }
    this.commitTimes.putAll(commitTimes);
    return new Repository(
        repositoryId, new RepositoryPaths(root, otherRoots), commitTimes, ownLines);
  }

  /** Takes one repository's lines, a commit at a time. */
  public final class Repository implements Consumer<CommittedLines> {
    private final String repositoryId;
    private final RepositoryPaths paths;
    private final Map<String, Instant> commitTimes;
    private final WrittenLines lines;
    private final String[] pathKeys;
    private final boolean[] pathKnown;
    private final List<CommittedLines> commit = new ArrayList<>();
    private final Map<String, Long> ownLines;

    /** The own lines of each commit in the followed files: those its lines were given of. */
    private final Map<String, Long> followedLines = new HashMap<>();

    private Repository(
        String repositoryId,
        RepositoryPaths paths,
        Map<String, Instant> commitTimes,
        Map<String, Long> ownLines) {
      this.repositoryId = repositoryId;
      this.paths = paths;
      this.commitTimes = commitTimes;
      this.ownLines = ownLines;
      this.lines = requireNonNull(written);
      this.pathKeys = new String[lines.pathCount()];
      this.pathKnown = new boolean[lines.pathCount()];
    }

    @Override
    public void accept(CommittedLines lines) {
      if (!commit.isEmpty() && !commit.getFirst().sha().equals(lines.sha())) {
        flush();
      }
      commit.add(lines);
    }

    public void finish() {
      flush();
      Map<String, Integer> counts =
          ownNonTrivial.computeIfAbsent(repositoryId, r -> new HashMap<>());
      ownLines.forEach(
          (sha, own) -> {
            long elsewhere = own - followedLines.getOrDefault(sha, 0L);
            if (own > 0 && elsewhere > 0) {
              int informative =
                  (int) Math.min(Integer.MAX_VALUE, counts.getOrDefault(sha, 0) + elsewhere);
              counts.put(sha, informative);
              ownNonTrivialBySha.put(sha, informative);
            }
          });
    }

    private void flush() {
      if (commit.isEmpty()) {
        return;
      }
      String sha = commit.getFirst().sha();
      Instant at = commitTimes.get(sha);
      if (at != null) {
        match(sha, at, commit);
      }
      commit.clear();
    }

    private void match(String sha, Instant committedAt, List<CommittedLines> files) {
      long latest = committedAt.toEpochMilli();
      long earliest = committedAt.minus(window).toEpochMilli();
      long thirty = committedAt.plus(THIRTY_DAYS).getEpochSecond();
      Map<Integer, int[]> sums = new LinkedHashMap<>();
      int informative = 0;
      for (CommittedLines file : files) {
        followedLines.merge(sha, (long) file.size(), Long::sum);
        int[] owner = new int[file.size()];
        java.util.Arrays.fill(owner, -1);
        for (int line = 0; line < file.size(); line++) {
          long hash = file.hash(line);
          if (hash == LineHash.UNKNOWN || LineHash.isTrivial(hash)) {
            continue;
          }
          informative++;
          owner[line] = take(hash, -1, file, earliest, latest);
        }
        for (int line = 0; line < file.size(); line++) {
          long hash = file.hash(line);
          if (hash != LineHash.UNKNOWN && LineHash.isTrivial(hash)) {
            owner[line] = followNeighbour(file, owner, line, earliest, latest);
          }
        }
        for (int line = 0; line < file.size(); line++) {
          if (owner[line] < 0) {
            continue;
          }
          int[] sum = sums.computeIfAbsent(owner[line], s -> new int[5]);
          sum[0]++;
          sum[1] += LineHash.isTrivial(file.hash(line)) ? 0 : 1;
          sum[2] += file.shipped(line) ? 1 : 0;
          sum[3] += file.aliveAtHead(line) ? 1 : 0;
          sum[4] += file.aliveAt(line, thirty) ? 1 : 0;
        }
      }
      ownNonTrivial.computeIfAbsent(repositoryId, r -> new HashMap<>()).put(sha, informative);
      ownNonTrivialBySha.put(sha, informative);
      sums.forEach(
          (session, sum) ->
              bySession
                  .computeIfAbsent(lines.session(session), s -> new ArrayList<>())
                  .add(
                      new LineCredit(
                          lines.session(session),
                          repositoryId,
                          sha,
                          sum[0],
                          sum[1],
                          sum[2],
                          sum[3],
                          sum[4])));
    }

    /**
     * A trivial line follows the nearest line above it in its run that carries information, else
     * the nearest below: it is that line's session's when the session wrote it too.
     */
    private int followNeighbour(
        CommittedLines file, int[] owner, int line, long earliest, long latest) {
      for (int step : new int[] {-1, 1}) {
        for (int other = line + step;
            other >= 0
                && other < file.size()
                && Math.abs(file.position(other) - file.position(other - step)) == 1;
            other += step) {
          if (!LineHash.isTrivial(file.hash(other))) {
            if (owner[other] >= 0) {
              int taken = take(file.hash(line), owner[other], file, earliest, latest);
              if (taken >= 0) {
                return taken;
              }
            }
            break;
          }
        }
      }
      return -1;
    }

    /**
     * Takes the latest unused time a session ({@code only}, or any when -1) wrote {@code hash} into
     * this file within the window; returns the session's index, -1 when there is none.
     */
    private int take(long hash, int only, CommittedLines file, long earliest, long latest) {
      int written = lines.of(hash);
      if (written < 0) {
        return -1;
      }
      for (int i = lines.firstAtOrBefore(written, latest); i < lines.end(written); i++) {
        if (lines.at(i) < earliest) {
          break;
        }
        if (lines.used(i)) {
          continue;
        }
        if ((only >= 0 && lines.sessionOf(i) != only) || !sameFile(lines.pathOf(i), file)) {
          continue;
        }
        lines.use(i);
        return lines.sessionOf(i);
      }
      return -1;
    }

    private boolean sameFile(int pathIndex, CommittedLines file) {
      String key = pathKey(pathIndex);
      return key != null
          && (RepositoryPaths.matches(key, file.path())
              || (file.renamedFrom() != null && RepositoryPaths.matches(key, file.renamedFrom())));
    }

    private @Nullable String pathKey(int pathIndex) {
      if (!pathKnown[pathIndex]) {
        pathKeys[pathIndex] = paths.key(lines.path(pathIndex));
        pathKnown[pathIndex] = true;
      }
      return pathKeys[pathIndex];
    }
  }
}
