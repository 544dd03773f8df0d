package dev.goodhart.git.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * git's choice of a rename source for one new file among a diff's deleted files, as blame makes it
 * (diffcore_rename with {@code single_follow}, diffcore-rename.c): an identical file, the first in
 * path order with the same file name before any other; else, from git 2.31, the one source with the
 * same file name if it is 75% alike; else the most similar source of at least 50%, as git's matrix
 * keeps and sorts its candidates. Symlinks and submodules are only renamed when identical.
 */
final class RenameChoice {
  static final int MINIMUM_SCORE = SimilarityIndex.MAX_SCORE / 2;
  static final int BASENAME_SCORE = MINIMUM_SCORE + (SimilarityIndex.MAX_SCORE - MINIMUM_SCORE) / 2;

  /** How many identical sources git considers before it picks one. */
  private static final int IDENTICAL_CANDIDATES = 100;

  private static final int CANDIDATES_KEPT = 4;

  private final List<Candidate> sources;
  private final Map<String, Integer> sourcesNamed = new HashMap<>();
  private final RenameRules rules;

  /** The choice among {@code sources}, the deleted files of one diff. */
  RenameChoice(List<Candidate> sources, RenameRules rules) {
    this.sources = new ArrayList<>(sources);
    // git registers sources in the order of the tree walk, which is byte order of the paths.
    this.sources.sort((a, b) -> Arrays.compareUnsigned(a.pathBytes, b.pathBytes));
    this.rules = rules;
    for (Candidate source : sources) {
      sourcesNamed.merge(basename(source.path), 1, Integer::sum);
    }
  }

  List<Candidate> sources() {
    return sources;
  }

  /** An identical source (same blob, and same mode unless both are regular files), or null. */
  @Nullable Candidate identical(Candidate destination) {
    Candidate first = null;
    int considered = 0;
    for (Candidate source : sources) {
      boolean modesMatch =
          (FileChange.regular(source.mode) && FileChange.regular(destination.mode))
              || source.mode == destination.mode;
      if (!source.blob.equals(destination.blob) || !modesMatch) {
        continue;
      }
      if (basename(source.path).equals(basename(destination.path))) {
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

  /**
   * Whether blame's file-name rule picks the diff's own pair for {@code renamed}, a rename without
   * an identical source: its source is the only one of its file name and git found them 75% alike.
   * Settled without reading either file.
   */
  boolean keepsSameNamePair(FileChange renamed) {
    String name = basename(Objects.requireNonNull(renamed.newPath(), "newPath is null"));
    return rules.basenames()
        && renamed.status() == 'R'
        && renamed.similarity() * SimilarityIndex.MAX_SCORE / 100 >= BASENAME_SCORE
        && basename(Objects.requireNonNull(renamed.oldPath(), "oldPath is null")).equals(name)
        && sourcesNamed.getOrDefault(name, 0) == 1;
  }

  /**
   * The source chosen by similarity for a regular destination without an identical source, or null;
   * {@code indexes} holds the fingerprints of every pair whose sizes do not rule it out.
   */
  @Nullable Candidate bySimilarity(Candidate destination, Map<String, SimilarityIndex> indexes) {
    if (rules.basenames() && sourcesNamed.getOrDefault(basename(destination.path), 0) == 1) {
      for (Candidate source : sources) {
        if (basename(source.path).equals(basename(destination.path))) {
          if (score(source, destination, BASENAME_SCORE, indexes) >= BASENAME_SCORE) {
            return source;
          }
          break;
        }
      }
    }
    return mostSimilar(destination, indexes);
  }

  /**
   * The best of git's similarity matrix for one destination: git keeps the four best candidates as
   * they come (a later one replaces the worst kept only when strictly better), sorts them stably by
   * score, then by same file name, and takes the first of at least 50%.
   */
  private @Nullable Candidate mostSimilar(
      Candidate destination, Map<String, SimilarityIndex> indexes) {
    Scored[] kept = new Scored[CANDIDATES_KEPT];
    for (Candidate source : sources) {
      Scored scored =
          new Scored(
              source,
              score(source, destination, MINIMUM_SCORE, indexes),
              basename(source.path).equals(basename(destination.path)) ? 1 : 0);
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
      // Strictly better only: of equals, the first kept wins, as git's stable sort leaves it.
      if (Scored.compare(best, candidate) > 0) {
        best = candidate;
      }
    }
    return best != null && best.score >= MINIMUM_SCORE ? best.source : null;
  }

  /** git's estimate_similarity; 0 for anything but two regular files. */
  private static int score(
      Candidate source,
      Candidate destination,
      int minimumScore,
      Map<String, SimilarityIndex> indexes) {
    if (!FileChange.regular(source.mode) || !FileChange.regular(destination.mode)) {
      return 0;
    }
    // A fingerprint not taken is one whose size ruled it out, for which git's score is 0 too.
    SimilarityIndex from = indexes.get(source.blob);
    SimilarityIndex to = indexes.get(destination.blob);
    if (from == null || to == null) {
      return 0;
    }
    return SimilarityIndex.score(from, to, minimumScore);
  }

  static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** A rename source or destination: a path in one of the diff's trees, its blob and mode. */
  static final class Candidate {
    final String path;
    final byte[] pathBytes;
    final String blob;
    final int mode;

    Candidate(@Nullable String path, String blob, int mode) {
      this.path = Objects.requireNonNull(path, "path is null");
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
