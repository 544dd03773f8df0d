package dev.goodhart.git;

import static java.util.Objects.requireNonNull;

import dev.goodhart.git.fate.CommitLines;
import dev.goodhart.git.fate.EngineSnapshot;
import dev.goodhart.git.fate.FirstParentChain;
import dev.goodhart.git.fate.LineFateEngine;
import dev.goodhart.git.fate.LineFateResult;
import dev.goodhart.git.history.FileChange;
import dev.goodhart.git.history.FollowedPaths;
import dev.goodhart.git.history.HistoryCommit;
import dev.goodhart.git.history.HistoryReader;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Hashes;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.RepositoryRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Scans one repository's default branch: every commit reachable from its head, what each commit
 * says about itself, and the fate of its lines.
 */
public final class RepositoryScanner {
  /** Hears how a scan goes, for progress bars. */
  public interface Listener {
    Listener SILENT = new Listener() {};

    default void started(Path repository, int commits) {}

    default void progressed(int commits) {}

    /** A note or trace record that could not be read, and was skipped. */
    default void skipped(String message) {}
  }

  /**
   * @param branch the branch to scan, or null for the default one
   * @param now the moment of the scan: whether 7, 30 or 90 days after a commit have passed yet
   * @param linesSince commits made from this moment on have every line followed, for line
   *     provenance ({@link LineFateResult#lines()}); null: none
   * @param linePaths the files whose lines are followed: those agents wrote
   */
  public record Options(
      @Nullable String branch, Instant now, @Nullable Instant linesSince, FollowedPaths linePaths) {
    public Options {
      requireNonNull(now, "now is null");
      requireNonNull(linePaths, "linePaths is null");
    }

    public Options(@Nullable String branch, Instant now, @Nullable Instant linesSince) {
      this(branch, now, linesSince, FollowedPaths.ALL);
    }

    public Options(@Nullable String branch, Instant now) {
      this(branch, now, null);
    }
  }

  /**
   * Whether a walk can go on from an earlier one that followed {@code previous}: it did not start
   * later than this walk must, and every file this one follows and it did not was first written
   * after the commits it walked (their lines in such a file were never followed).
   */
  public static boolean followsEnough(EngineSnapshot.Following previous, Options options) {
    if (options.linesSince() == null) {
      return true;
    }
    return previous.linesSince() != null
        && !previous.linesSince().isAfter(options.linesSince())
        && options.linePaths().extend(previous.paths(), previous.walkedUntil());
  }

  /**
   * A scanned repository.
   *
   * @param commits the commits walked, parents first: every commit of the branch, or after an
   *     incremental scan only the new ones
   * @param lines the lines of every commit of the branch, the earlier ones included
   * @param incremental whether the walk went on from an earlier scan's snapshot
   * @param snapshot where this walk ended, for the next scan to go on from
   */
  public record Result(
      RepositoryRef repository,
      List<CommitFact> commits,
      LineFateResult lines,
      boolean incremental,
      EngineSnapshot snapshot) {
    public Result {
      requireNonNull(repository, "repository is null");
      commits = List.copyOf(requireNonNull(commits, "commits is null"));
      requireNonNull(lines, "lines is null");
      requireNonNull(snapshot, "snapshot is null");
    }
  }

  /** Hears of notes and trace records that could not be read and were skipped. */
  private final AnnotationSource annotations;

  /** Where a repository's annotations come from: its notes and trace records, or messages only. */
  @FunctionalInterface
  public interface AnnotationSource {
    AnnotationSource MESSAGES_ONLY = (git, head, bad) -> RepositoryAnnotations.messagesOnly();

    RepositoryAnnotations read(Git git, String head, java.util.function.Consumer<String> bad);
  }

  public RepositoryScanner(AnnotationSource annotations) {
    this.annotations = requireNonNull(annotations, "annotations is null");
  }

  /** The scanner goodhart uses: notes and trace records read from each repository. */
  public static RepositoryScanner standard() {
    return new RepositoryScanner(RepositoryAnnotations::read);
  }

  /**
   * Finds the repository {@code folder} is in, its branch (the default one when {@code branch} is
   * null) and the branch's head, without walking its history.
   */
  public RepositoryRef locate(Path folder, @Nullable String branch) {
    Git git = repositoryOf(folder);
    String name = branch != null ? branch : BranchHistory.defaultBranch(git);
    String head = BranchHistory.head(git, name);
    Optional<String> remote =
        git.tryRun("config", "--get", "remote.origin.url")
            .map(String::strip)
            .filter(url -> !url.isEmpty());
    String top = git.repository().toString();
    return new RepositoryRef(
        repositoryId(remote.orElse(top)), top, remote.orElse(null), name, head);
  }

  /** Walks the branch's whole history. */
  public Result scan(Path folder, Options options, Listener listener) {
    return scan(folder, options, listener, null);
  }

  /**
   * Walks only what is new since {@code previous} when the history allows it (see {@link
   * BranchHistory#readSince}), else the whole history.
   */
  public Result scan(
      Path folder, Options options, Listener listener, @Nullable EngineSnapshot previous) {
    return scan(locate(folder, options.branch()), options, listener, previous);
  }

  /**
   * The same for a repository already located: its head is the one walked, even if the branch moved
   * since, so what a caller decided about that head (unchanged, resumable) holds.
   */
  public Result scan(
      RepositoryRef repository,
      Options options,
      Listener listener,
      @Nullable EngineSnapshot previous) {
    Git git = Git.in(Path.of(repository.path()));
    if (previous != null && !followsEnough(previous.following(), options)) {
      previous = null; // older commits need their lines followed now: walk them all again
    }
    Optional<BranchHistory> since =
        previous == null
            ? Optional.empty()
            : BranchHistory.readSince(git, repository.head(), previous.head());
    BranchHistory history = since.orElseGet(() -> BranchHistory.read(git, repository.head()));
    listener.started(git.repository(), history.commits());
    RepositoryAnnotations annotator = annotations.read(git, repository.head(), listener::skipped);
    FirstParentChain chain = FirstParentChain.of(history.chain(), history.chainTimes());
    BlobLines blobs = new BlobLines(git);
    LineFateEngine engine =
        since.isPresent()
            ? LineFateEngine.resume(
                previous,
                chain,
                history.children(),
                options.now(),
                annotator,
                blobs,
                options.linePaths())
            : new LineFateEngine(
                chain,
                history.children(),
                options.now(),
                annotator,
                blobs,
                options.linesSince(),
                options.linePaths());
    List<Walked> walked = new ArrayList<>(history.commits());
    List<String> revisions =
        since.isPresent()
            ? List.of(repository.head(), "^" + previous.head())
            : List.of(repository.head());
    if (since.isEmpty() || !previous.head().equals(repository.head())) {
      HistoryReader.read(
          git,
          revisions,
          commit -> {
            engine.accept(commit);
            walked.add(Walked.of(commit, annotator.annotate(commit)));
            if (walked.size() % 256 == 0) {
              listener.progressed(walked.size());
            }
          },
          engine.linesSince(),
          engine.linePaths());
    }
    listener.progressed(walked.size());
    LineFateResult lines = engine.finish();
    return new Result(
        repository,
        facts(repository.id(), walked, history, lines),
        lines,
        since.isPresent(),
        engine.snapshot());
  }

  private static Git repositoryOf(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new GoodhartException(
          ErrorCode.NOT_A_REPOSITORY,
          "'%s' is not a folder; name a git repository".formatted(folder));
    }
    String top =
        Git.in(folder)
            .tryRun("rev-parse", "--show-toplevel")
            .map(String::strip)
            .filter(text -> !text.isEmpty())
            .orElseThrow(
                () ->
                    new GoodhartException(
                        ErrorCode.NOT_A_REPOSITORY,
                        "'%s' is not inside a git repository (or git is missing); run goodhart scan in one, or name one"
                            .formatted(folder)));
    return Git.in(Path.of(top));
  }

  /** What the walk keeps of a commit until the lines are known: no diffs. */
  private record Walked(
      HistoryCommit commit, CommitAnnotator.Annotation annotation, long added, long deleted) {
    static Walked of(HistoryCommit commit, CommitAnnotator.Annotation annotation) {
      long added = 0;
      long deleted = 0;
      for (FileChange change : commit.firstParentChanges()) {
        if (!change.binary() && !change.submodule()) {
          added += change.linesAdded();
          deleted += change.linesDeleted();
        }
      }
      HistoryCommit light =
          new HistoryCommit(
              commit.sha(),
              commit.parents(),
              commit.authorName(),
              commit.authorEmail(),
              commit.authoredAt(),
              commit.committerName(),
              commit.committerEmail(),
              commit.committedAt(),
              commit.message(),
              commit.sections().stream().map(section -> List.<FileChange>of()).toList());
      return new Walked(light, annotation, added, deleted);
    }
  }

  private static List<CommitFact> facts(
      String repository, List<Walked> walked, BranchHistory history, LineFateResult lines) {
    Map<String, String> byPrefix = new HashMap<>();
    List<String> shas = walked.stream().map(w -> w.commit().sha()).toList();
    List<CommitFact> facts = new ArrayList<>(walked.size());
    java.util.Set<String> chain = new java.util.HashSet<>(history.chain());
    for (Walked w : walked) {
      HistoryCommit commit = w.commit();
      CommitLines fate = lines.of(commit.sha()).orElseThrow();
      facts.add(
          new CommitFact(
              repository,
              commit.sha(),
              commit.parents(),
              commit.authorName(),
              commit.authorEmail(),
              commit.authoredAt(),
              commit.committedAt(),
              commit.subject(),
              chain.contains(commit.sha()),
              w.added(),
              w.deleted(),
              w.annotation().attribution().aiAgent(),
              w.annotation().attribution().evidence(),
              w.annotation().attribution().sessionIds(),
              w.annotation().prNumber(),
              resolve(w.annotation().revertOf(), shas, byPrefix),
              fate.toLineFate()));
    }
    return facts;
  }

  /** An abbreviated sha made full when exactly one scanned commit starts with it. */
  private static @Nullable String resolve(
      @Nullable String sha, List<String> shas, Map<String, String> cache) {
    if (sha == null || sha.length() == 40) {
      return sha;
    }
    return cache.computeIfAbsent(
        sha,
        prefix -> {
          String found = null;
          for (String candidate : shas) {
            if (candidate.startsWith(prefix)) {
              if (found != null) {
                return prefix; // ambiguous: keep what the message says
              }
              found = candidate;
            }
          }
          return found != null ? found : prefix;
        });
  }

  static String repositoryId(String location) {
    String normalized =
        location
            .strip()
            .replaceFirst("\\.git$", "")
            .replaceFirst("^(https?|ssh|git)://([^@/]+@)?", "")
            .replaceFirst("^[^@/]+@([^:/]+):", "$1/")
            .toLowerCase(java.util.Locale.ROOT);
    Hashes.Hash128 hash = Hashes.murmur3(normalized);
    return "%016x".formatted(hash.high());
  }
}
