package dev.goodhart.git.history;

import dev.goodhart.git.Git;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Marks the files that {@code git blame} follows to another rename source than {@code git log -M}
 * paired them with. The diff pairs all new files with all deleted ones at once and uses a source
 * once: a file copied to two places and deleted is one rename and one new file; past 1,000 × 1,000
 * candidates it pairs only identical files. Blame looks for one new file's source at a time
 * (blame.c {@code find_rename}, a whole-tree diff with {@code single_follow}), among every deleted
 * file, and follows both copies. Its choice is git's own, replayed one destination at a time: an
 * identical file (the first in path order, one with the same file name first), else the one source
 * with the same file name when it is 75% alike (git 2.31 and later), else the most similar source
 * of at least 50% ({@link SimilarityIndex}).
 *
 * <p>Only a diff where this can differ is looked at: two new files or more, and a rename among them
 * or too many candidates for the diff to look for inexact ones. There the blobs are read and, for a
 * file blame pairs differently, its diff against blame's source is asked of git.
 */
final class BlameRenames implements AutoCloseable {
  /** The diff's rename limit, as {@link Git} sets it: beyond limit × limit, no inexact renames. */
  private static final long RENAME_LIMIT = 1000;

  private static final int MINIMUM_SCORE = SimilarityIndex.MAX_SCORE / 2;
  private static final int BASENAME_SCORE =
      MINIMUM_SCORE + (SimilarityIndex.MAX_SCORE - MINIMUM_SCORE) / 2;

  /** How many identical sources git considers before it picks one. */
  private static final int IDENTICAL_CANDIDATES = 100;

  private static final int CANDIDATES_KEPT = 4;

  private static final Comparator<Candidate> BY_PATH =
      (a, b) -> Arrays.compareUnsigned(a.pathBytes, b.pathBytes);

  private final Git git;
  private final RenameRules rules;
  private final BlobReader blobs;

  BlameRenames(Git git, RenameRules rules) {
    this.git = git;
    this.rules = rules;
    this.blobs = new BlobReader(git);
  }

  /**
   * {@code section} with blame's view on every file blame follows elsewhere (see {@link #follow}).
   */
  List<FileChange> follow(List<FileChange> section) {
    if (!contested(section)) {
      return section;
    }
    List<Candidate> sources = new ArrayList<>();
    for (FileChange change : section) {
      if (change.status() == 'D' || change.status() == 'R') {
        sources.add(new Candidate(change.oldPath(), change.oldBlob(), change.oldMode()));
      }
    }
    // git registers sources in the order of the tree walk, which is byte order of the paths.
    sources.sort(BY_PATH);
    Map<String, SimilarityIndex> indexes = new HashMap<>();
    List<FileChange> followed = new ArrayList<>(section.size());
    for (FileChange change : section) {
      FileChange result = change;
      if (change.status() == 'A' || change.status() == 'R') {
        Candidate destination = new Candidate(change.newPath(), change.newBlob(), change.newMode());
        Candidate source = choose(destination, sources, indexes);
        String paired = change.status() == 'R' ? change.oldPath() : null;
        if (source != null && !source.path.equals(paired)) {
          result = change.followedAs(view(change, source));
        }
      }
      followed.add(result);
    }
    return followed;
  }

  /** Whether blame can pair a file of this diff differently from the diff itself. */
  private static boolean contested(List<FileChange> section) {
    long destinations = 0;
    long sources = 0;
    boolean renames = false;
    for (FileChange change : section) {
      switch (change.status()) {
        case 'A' -> destinations++;
        case 'D' -> sources++;
        case 'R' -> {
          destinations++;
          sources++;
          renames = true;
        }
        default -> {}
      }
    }
    // One new file: the diff's search is blame's. No rename among several: no source was taken from
    // one of them, and none is similar enough, unless the diff gave up for too many candidates.
    return destinations >= 2
        && sources > 0
        && (renames || destinations * sources > RENAME_LIMIT * RENAME_LIMIT);
  }

  /** The source blame follows {@code destination} to, or null: diffcore_rename for one file. */
  private @Nullable Candidate choose(
      Candidate destination, List<Candidate> sources, Map<String, SimilarityIndex> indexes) {
    Candidate identical = identical(destination, sources);
    if (identical != null) {
      return identical;
    }
    if (!FileChange.regular(destination.mode)) {
      return null; // only regular files are scored: a symlink is renamed when identical or not at
      // all
    }
    if (rules.basenames()) {
      Candidate sameName = onlyWithSameName(destination, sources);
      if (sameName != null
          && score(sameName, destination, BASENAME_SCORE, indexes) >= BASENAME_SCORE) {
        return sameName;
      }
    }
    return mostSimilar(destination, sources, indexes);
  }

  /** An identical source: the first in path order with the same file name, else the first. */
  private static @Nullable Candidate identical(Candidate destination, List<Candidate> sources) {
    Candidate first = null;
    int considered = 0;
    for (Candidate source : sources) {
      boolean modesMatch =
          (FileChange.regular(source.mode) && FileChange.regular(destination.mode))
              || source.mode == destination.mode;
      if (!source.blob.equals(destination.blob) || !modesMatch) {
        continue;
      }
      if (sameBasename(source.path, destination.path)) {
        return source;
      }
      if (first == null) {
        first = source;
      }
      if (++considered == IDENTICAL_CANDIDATES) {
        break;
      }
    }
    return first;
  }

  /** The one source whose file name is the destination's, if exactly one has it. */
  private static @Nullable Candidate onlyWithSameName(
      Candidate destination, List<Candidate> sources) {
    String name = basename(destination.path);
    Candidate only = null;
    for (Candidate source : sources) {
      if (basename(source.path).equals(name)) {
        if (only != null) {
          return null;
        }
        only = source;
      }
    }
    return only;
  }

  /**
   * The best of git's similarity matrix for one destination: git keeps the four best candidates as
   * they come (a later one replaces the worst kept only when strictly better), sorts them stably by
   * score, then by same file name, and takes the first of at least 50%.
   */
  private @Nullable Candidate mostSimilar(
      Candidate destination, List<Candidate> sources, Map<String, SimilarityIndex> indexes) {
    Scored[] kept = new Scored[CANDIDATES_KEPT];
    for (Candidate source : sources) {
      Scored scored =
          new Scored(
              source,
              score(source, destination, MINIMUM_SCORE, indexes),
              sameBasename(source.path, destination.path) ? 1 : 0);
      int worst = 0;
      for (int i = 1; i < CANDIDATES_KEPT; i++) {
        if (Scored.compare(kept[i], kept[worst]) > 0) {
          worst = i;
        }
      }
      if (Scored.compare(kept[worst], scored) > 0) {
        kept[worst] = scored;
      }
    }
    Scored best = null;
    for (Scored candidate : kept) {
      if (Scored.compare(best, candidate) > 0) {
        best =
            candidate; // strictly better only: the first of equals wins, as a stable sort keeps it
      }
    }
    return best != null && best.score >= MINIMUM_SCORE ? best.source : null;
  }

  /** git's estimate_similarity; 0 for anything but two regular files. */
  private int score(
      Candidate source,
      Candidate destination,
      int minimumScore,
      Map<String, SimilarityIndex> indexes) {
    if (!FileChange.regular(source.mode) || !FileChange.regular(destination.mode)) {
      return 0;
    }
    SimilarityIndex from = index(source.blob, indexes);
    SimilarityIndex to = index(destination.blob, indexes);
    if (from == null || to == null) {
      return 0;
    }
    return SimilarityIndex.score(from, to, minimumScore);
  }

  private @Nullable SimilarityIndex index(String blob, Map<String, SimilarityIndex> indexes) {
    SimilarityIndex index = indexes.get(blob);
    if (index == null && !indexes.containsKey(blob)) {
      byte[] content = blobs.read(blob);
      index = content == null ? null : SimilarityIndex.of(content, rules.lastLine());
      indexes.put(blob, index);
    }
    return index;
  }

  /** The change as blame sees it: a rename from {@code source}, with the diff against it. */
  private FileChange view(FileChange change, Candidate source) {
    int[] hunks = new int[0];
    boolean binary = change.binary();
    if (!source.blob.equals(change.newBlob())) {
      BlobDiff diff = BlobDiff.between(git, source.blob, change.newBlob());
      hunks = diff.hunks();
      binary = diff.binary();
    }
    return new FileChange(
        'R',
        source.path,
        change.newPath(),
        source.blob,
        change.newBlob(),
        source.mode,
        change.newMode(),
        binary,
        change.submodule(),
        hunks,
        null);
  }

  /** git's basename_same: the paths end in the same file name. */
  private static boolean sameBasename(String a, String b) {
    return basename(a).equals(basename(b));
  }

  private static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    blobs.close();
  }

  /** A rename source or destination. */
  private static final class Candidate {
    final String path;
    final byte[] pathBytes;
    final String blob;
    final int mode;

    Candidate(@Nullable String path, String blob, int mode) {
      this.path = java.util.Objects.requireNonNull(path, "path is null");
      this.pathBytes = path.getBytes(StandardCharsets.UTF_8);
      this.blob = blob;
      this.mode = mode;
    }
  }

  /** A source with its score against the destination; null is an empty slot. */
  private record Scored(Candidate source, int score, int nameScore) {
    /** git's score_compare: positive when {@code a} ranks after {@code b}; empty slots last. */
    static int compare(@Nullable Scored a, @Nullable Scored b) {
      if (a == null) {
        return b != null ? 1 : 0;
      }
      if (b == null) {
        return -1;
      }
      if (a.score == b.score) {
        return b.nameScore - a.nameScore;
      }
      return b.score - a.score;
    }
  }
}
