package dev.goodhart.git.history;

import dev.goodhart.git.Git;
import dev.goodhart.git.history.BlameRenames.Repaired;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blame views of files that blame pairs with another source than the diff: a rename from that
 * source, with git's diff against it. Several are asked of one {@code git diff-tree} limited to
 * their paths, in rounds where each source appears once (so that git has nothing to pair them with
 * but blame's sources); a pair git still matches otherwise, as it may with files of the same name,
 * is diffed blob against blob. An identical source needs no diff.
 */
final class RepairedDiffs {
  /** Pairs per diff-tree: well under the rename limit's 1,000 × 1,000. */
  private static final int ROUND = 500;

  private RepairedDiffs() {}

  /** Each repaired change's blame view. */
  static Map<FileChange, FileChange> views(
      Git git, String parent, String commit, List<Repaired> repaired) {
    Map<FileChange, FileChange> views = new IdentityHashMap<>();
    List<Repaired> toDiff = new ArrayList<>();
    for (Repaired pair : repaired) {
      if (pair.source().blob.equals(pair.change().newBlob())) {
        views.put(pair.change(), view(pair, new int[0], pair.change().binary(), AddedLines.NONE));
      } else {
        toDiff.add(pair);
      }
    }
    while (!toDiff.isEmpty()) {
      Set<String> sources = new HashSet<>();
      List<Repaired> round = new ArrayList<>();
      List<Repaired> later = new ArrayList<>();
      for (Repaired pair : toDiff) {
        (round.size() < ROUND && sources.add(pair.source().path) ? round : later).add(pair);
      }
      Map<String, FileChange> diffed =
          round.size() > 1 ? diffTree(git, parent, commit, round) : Map.of();
      for (Repaired pair : round) {
        FileChange found = diffed.get(pair.change().newPath());
        if (found != null
            && pair.source().path.equals(found.oldPath())
            && pair.source().blob.equals(found.oldBlob())
            && pair.change().newBlob().equals(found.newBlob())) {
          views.put(pair.change(), view(pair, found.hunks(), found.binary(), found.addedHashes()));
        } else {
          BlobDiff diff = BlobDiff.between(git, pair.source().blob, pair.change().newBlob());
          views.put(pair.change(), view(pair, diff.hunks(), diff.binary(), diff.addedHashes()));
        }
      }
      toDiff = later;
    }
    return views;
  }

  private static FileChange view(Repaired pair, int[] hunks, boolean binary, long[] added) {
    FileChange change = pair.change();
    return new FileChange(
        'R',
        0,
        pair.source().path,
        change.newPath(),
        pair.source().blob,
        change.newBlob(),
        pair.source().mode,
        change.newMode(),
        binary,
        change.submodule(),
        hunks,
        null,
        added);
  }

  /** The renames git finds between the round's paths alone, by new path. */
  private static Map<String, FileChange> diffTree(
      Git git, String parent, String commit, List<Repaired> round) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--literal-pathspecs",
                "diff-tree",
                "-r",
                "-M",
                "--diff-filter=R",
                "--raw",
                "-z",
                "--no-abbrev",
                "-p",
                "-U0",
                "--no-ext-diff",
                "--no-textconv",
                "--no-color",
                parent,
                commit,
                "--"));
    for (Repaired pair : round) {
      arguments.add(pair.source().path);
      arguments.add(pair.change().newPath());
    }
    Map<String, FileChange> byNewPath = new HashMap<>();
    try (Git.Streaming diff = git.stream(arguments)) {
      // Hashes kept: a view's own lines are the ones line provenance may follow.
      for (FileChange change : DiffSection.read(new LineInput(diff.output()), true)) {
        if (change.newPath() != null) {
          byNewPath.put(change.newPath(), change);
        }
      }
    } catch (IOException e) {
      throw new GoodhartException(ErrorCode.GIT_FAILURE, "cannot read git diff-tree's output", e);
    }
    return byNewPath;
  }
}
