package dev.goodhart.git.history;

import dev.goodhart.git.Git;
import dev.goodhart.git.history.RenameChoice.Candidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Marks the files that {@code git blame} follows to another rename source than {@code git log -M}
 * paired them with. The diff pairs all new files with all deleted ones at once and uses a source
 * once: a file copied to two places and deleted is one rename and one new file; past 1,000 × 1,000
 * candidates it pairs only identical files. Blame looks for one new file's source at a time
 * (blame.c {@code find_rename}, a whole-tree diff with {@code single_follow}), among every deleted
 * file, and follows both copies. {@link RenameChoice} replays that choice.
 *
 * <p>Only a diff where the two can differ is looked at: two new files or more, and a rename among
 * them or too many candidates for the diff to look for inexact ones. There the choice is settled
 * without reading files where it can be (an identical source; the diff's own pair under the file
 * name rule), then by git's similarity, for which sizes are asked first and only the files whose
 * sizes leave them a chance are read. A file blame pairs differently gets the diff against blame's
 * source as its blame view ({@link FileChange#followed}). A diff with more pairs to score than
 * {@link #SCORING_BUDGET} keeps its own pairs for the files that would need scores: the one place
 * left where the engine may knowingly part from blame.
 */
final class BlameRenames implements AutoCloseable {
  /** The diff's rename limit, as {@link Git} sets it: beyond limit × limit, no inexact renames. */
  private static final long RENAME_LIMIT = 1000;

  /**
   * The most pairs scored in one diff. A commit that replaces thousands of files of alike sizes
   * (vendored code, generated files) would cost minutes; there the diff's own pairs are kept.
   */
  private static final long SCORING_BUDGET = 4_000_000;

  /**
   * Up to this many blobs, all are read at once: one question to git costs more than reading a few
   * files that their sizes would have ruled out.
   */
  private static final int READ_WITHOUT_SIZES = 32;

  private final Git git;
  private final RenameRules rules;
  private final BlobReader blobs;

  BlameRenames(Git git, RenameRules rules) {
    this.git = git;
    this.rules = rules;
    this.blobs = new BlobReader(git);
  }

  /**
   * {@code section}, the diff from {@code parent} to {@code commit}, with blame's view on every
   * file that blame follows to another source.
   */
  List<FileChange> follow(String parent, String commit, List<FileChange> section) {
    return follow(parent, commit, section, path -> true);
  }

  /**
   * The same for the new files whose path is {@code wanted} only: a merge's diff against another
   * parent than the first is asked about the files the merge changed, not the many the first
   * parent's line did meanwhile. Every deleted file is still a source.
   */
  List<FileChange> follow(
      String parent, String commit, List<FileChange> section, Predicate<String> wanted) {
    if (!contested(section)) {
      return section;
    }
    List<Candidate> sources = new ArrayList<>();
    List<FileChange> arrivals = new ArrayList<>();
    for (FileChange change : section) {
      if (change.status() == 'D' || change.status() == 'R') {
        sources.add(new Candidate(change.oldPath(), change.oldBlob(), change.oldMode()));
      }
      if ((change.status() == 'A' || change.status() == 'R') && wanted.test(change.newPath())) {
        arrivals.add(change);
      }
    }
    if (arrivals.isEmpty()) {
      return section;
    }
    Map<FileChange, Candidate> chosen = choices(arrivals, new RenameChoice(sources, rules));
    List<Repaired> repaired = new ArrayList<>();
    for (FileChange change : arrivals) {
      Candidate source = chosen.get(change);
      boolean diffsPair =
          change.status() == 'R' && source != null && source.path.equals(change.oldPath());
      if (source != null && !diffsPair) {
        repaired.add(new Repaired(change, source));
      }
    }
    if (repaired.isEmpty()) {
      return section;
    }
    Map<FileChange, FileChange> views = RepairedDiffs.views(git, parent, commit, repaired);
    List<FileChange> followed = new ArrayList<>(section.size());
    for (FileChange change : section) {
      FileChange view = views.get(change);
      followed.add(view == null ? change : change.followedAs(view));
    }
    return followed;
  }

  /**
   * The source blame follows each new file to, where it follows one: settled without reading files
   * where it can be (an identical source; the diff's own pair under the file name rule), else by
   * git's similarity.
   */
  private Map<FileChange, Candidate> choices(List<FileChange> arrivals, RenameChoice choice) {
    Map<FileChange, Candidate> chosen = new IdentityHashMap<>();
    List<FileChange> toScore = new ArrayList<>();
    for (FileChange change : arrivals) {
      Candidate destination = destination(change);
      Candidate identical = choice.identical(destination);
      if (identical != null) {
        chosen.put(change, identical);
      } else if (FileChange.regular(destination.mode)
          && !choice.keepsSameNamePair(change)
          && !(change.status() == 'R' && choice.sources().size() == 1)
          && !(change.status() == 'A' && change.binary())) {
        // A rename from the only source keeps it: the diff found them alike enough. A new binary
        // file has no lines, wherever blame takes them from: only an identical source, which
        // passes it whole, tells.
        toScore.add(change);
      }
    }
    if (!toScore.isEmpty()) {
      List<Candidate> destinations = toScore.stream().map(BlameRenames::destination).toList();
      Map<String, SimilarityIndex> indexes = fingerprints(destinations, choice.sources());
      for (int i = 0; indexes != null && i < toScore.size(); i++) {
        Candidate source = choice.bySimilarity(destinations.get(i), indexes);
        if (source != null) {
          chosen.put(toScore.get(i), source);
        }
      }
    }
    return chosen;
  }

  /** A new file of the diff and the source blame follows it to, which is not the diff's. */
  record Repaired(FileChange change, Candidate source) {}

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

  private static Candidate destination(FileChange change) {
    return new Candidate(change.newPath(), change.newBlob(), change.newMode());
  }

  /**
   * The fingerprints that scoring {@code destinations} needs: theirs, and those of the regular
   * sources whose sizes do not rule them out for one of them; null when that is more pairs than
   * {@link #SCORING_BUDGET}. Sizes come first, from a cheaper question, so that most blobs of a
   * large diff are never read.
   */
  private @Nullable Map<String, SimilarityIndex> fingerprints(
      List<Candidate> destinations, List<Candidate> sources) {
    List<Candidate> regular = new ArrayList<>();
    for (Candidate source : sources) {
      if (FileChange.regular(source.mode)) {
        regular.add(source);
      }
    }
    if (regular.isEmpty()) {
      return Map.of();
    }
    Set<String> sized = new LinkedHashSet<>();
    destinations.forEach(candidate -> sized.add(candidate.blob));
    regular.forEach(candidate -> sized.add(candidate.blob));
    if (sized.size() <= READ_WITHOUT_SIZES) {
      return indexes(blobs.read(List.copyOf(sized)));
    }
    Map<String, Long> sizes = blobs.sizes(List.copyOf(sized));
    Set<String> wanted = new LinkedHashSet<>();
    long pairs = 0;
    for (Candidate destination : destinations) {
      Long size = sizes.get(destination.blob);
      for (Candidate source : regular) {
        Long other = sizes.get(source.blob);
        if (size != null
            && other != null
            && SimilarityIndex.sizesAllow(other, size, RenameChoice.MINIMUM_SCORE)) {
          wanted.add(source.blob);
          wanted.add(destination.blob);
          pairs++;
        }
      }
    }
    if (pairs > SCORING_BUDGET) {
      return null;
    }
    return wanted.isEmpty() ? Map.of() : indexes(blobs.read(List.copyOf(wanted)));
  }

  private Map<String, SimilarityIndex> indexes(Map<String, byte[]> contents) {
    Map<String, SimilarityIndex> indexes = new HashMap<>();
    contents.forEach(
        (blob, content) -> indexes.put(blob, SimilarityIndex.of(content, rules.lastLine())));
    return indexes;
  }

  @Override
  public void close() {
    blobs.close();
  }
}
