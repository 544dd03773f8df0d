package dev.goodhart.cli;

import dev.goodhart.git.RepositoryScanner;
import dev.goodhart.git.fate.EngineSnapshot;
import dev.goodhart.git.history.FollowedPaths;
import dev.goodhart.metrics.survival.LineSurvival;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.RepositoryRef;
import dev.goodhart.model.git.RepositoryScan;
import dev.goodhart.report.git.CommitJsonLines;
import dev.goodhart.report.git.SurvivalJson;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code goodhart scan}: mines repositories' default branches into the store: commits, AI
 * attribution, and the fate of every line, exact to {@code git blame}.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Mine git repositories: commits, AI attribution, and what became of every line.",
      "Without REPO: the repository of the current folder.",
      "The default branch is origin's HEAD, else main, else master."
    })
final class ScanCommand implements Callable<Integer> {
  /**
   * The version of the line-fate rules: a stored scan by another version is redone. 2: lines of the
   * agent era are followed one by one, for line provenance.
   */
  static final String ENGINE_VERSION = "blame-2";

  private final CliContext context;

  @Parameters(paramLabel = "REPO", arity = "0..*", description = "Repositories to scan.")
  List<Path> repositories = new ArrayList<>();

  @Option(names = "--branch", paramLabel = "BRANCH", description = "The branch to scan.")
  @Nullable String branch;

  @Option(
      names = {"-j", "--json"},
      description = "Print one JSON object per commit (JSON lines).")
  boolean json;

  @Option(names = "--survival", description = "With --json: print line survival curves instead.")
  boolean survival;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      defaultValue = "1",
      description = "Scan N repositories at once (default: 1).")
  int jobs = 1;

  @Option(names = "--force", description = "Scan again even when a branch has not moved.")
  boolean force;

  /**
   * Whether lines of the agent era are followed one by one and the commits sessions printed looked
   * up: what line provenance needs. {@code report --no-provenance} turns it off.
   */
  boolean followLines = true;

  /** Where a scan's one-line summaries go: standard output, or standard error under a report. */
  PrintWriter log;

  ScanCommand(CliContext context) {
    this.context = context;
    this.log = context.out;
  }

  @Override
  public Integer call() throws Exception {
    if (jobs < 1) {
      throw CliContext.usageError("--jobs must be 1 or more, found '" + jobs + "'");
    }
    List<Path> targets = repositories.isEmpty() ? List.of(Path.of("")) : repositories;
    try (DuckDbStore store = context.openStore()) {
      scanInto(store, targets);
    }
    return ExitCodes.OK;
  }

  /**
   * Scans the repositories into an open store: what {@code goodhart report} runs first, with the
   * summary lines on {@link #log}.
   */
  void scanInto(DuckDbStore store, List<Path> targets) throws InterruptedException {
    Pseudonyms pseudonyms = PseudonymSecret.in(context.dataDirectory());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(jobs, targets.size()),
            runnable -> {
              Thread thread = new Thread(runnable, "goodhart-scan");
              thread.setDaemon(true);
              return thread;
            });
    try {
      RepositoryScanner scanner = scanner();
      // Lines are followed from the first moment an agent wrote one: no earlier commit holds any.
      linesSince = followLines ? store.firstWrittenLine().orElse(null) : null;
      // ... and only in the files agents wrote: no other file's lines can be theirs.
      linePaths = followLines ? FollowedPaths.of(store.writtenPaths()) : FollowedPaths.ALL;
      List<Future<RepositoryScanner.Result>> scans = new ArrayList<>();
      List<RepositoryRef> located = new ArrayList<>();
      for (Path target : targets) {
        Path folder = context.environment.expand(target.toString()).toAbsolutePath().normalize();
        located.add(scanner.locate(folder, branch));
      }
      for (RepositoryRef repository : located) {
        if (unchanged(store, repository)) {
          if (log == context.err) {
            continue; // under a report, a branch that has not moved is the usual case
          }
          context.warn(
              "%s: %s unchanged at %s since the last scan; --force scans again"
                  .formatted(
                      repository.path(), repository.branch(), repository.head().substring(0, 12)));
          continue;
        }
        EngineSnapshot previous = previousWalk(store, repository);
        scans.add(pool.submit(() -> scan(scanner, repository, previous)));
      }
      // Results are stored and printed in the order the repositories were named; the store has
      // one writer, this thread.
      for (Future<RepositoryScanner.Result> scan : scans) {
        RepositoryScanner.Result result = unwrap(scan);
        Trace.mark("history walked");
        store(store, result, pseudonyms);
        Trace.mark("scan stored");
        print(result);
      }
      // Whether or not a branch moved, sessions may have printed commits since the last look.
      for (RepositoryRef repository : located) {
        if (followLines) {
          PrintedCommitLookup.refresh(store, repository, context.clock.instant());
          Trace.mark("printed commits looked up");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static RepositoryScanner scanner() {
    return RepositoryScanner.standard();
  }

  /**
   * Whether the store already holds this head's scan by these rules. JSON output needs the commits'
   * addresses, which the store keeps only as pseudonyms, so it always scans.
   */
  private boolean unchanged(DuckDbStore store, RepositoryRef located) {
    if (force || json) {
      return false;
    }
    Optional<RepositoryScan.Summary> last = store.lastScan(located.id());
    return last.isPresent()
        && last.get().repository().head().equals(located.head())
        && last.get().repository().branch().equals(located.branch())
        && last.get().engineVersion().equals(ENGINE_VERSION)
        && followsEnough(located);
  }

  /**
   * Whether the branch's last walk followed what this scan must: lines since early enough, and
   * every file agents wrote before the commits it walked. Its snapshot says; without one, no.
   */
  private boolean followsEnough(RepositoryRef located) {
    if (linesSince == null) {
      return true;
    }
    Path file = snapshotFile(located);
    try {
      return Files.exists(file)
          && RepositoryScanner.followsEnough(EngineSnapshot.readFollowing(file), options());
    } catch (IOException e) {
      return false;
    }
  }

  private RepositoryScanner.Options options() {
    return new RepositoryScanner.Options(branch, context.clock.instant(), linesSince, linePaths);
  }

  /** Lines of commits made since then are followed one by one; null: none. */
  private @Nullable Instant linesSince;

  /** The files whose lines are followed one by one. */
  private FollowedPaths linePaths = FollowedPaths.ALL;

  /**
   * Where the last scan of this branch ended, when the store holds that scan and a walk can go on
   * from it: not for JSON output, which needs every commit's address (the store keeps pseudonyms),
   * nor with {@code --force}.
   */
  private @Nullable EngineSnapshot previousWalk(DuckDbStore store, RepositoryRef located) {
    if (force || json) {
      return null;
    }
    Optional<RepositoryScan.Summary> last = store.lastScan(located.id());
    Path file = snapshotFile(located);
    if (last.isEmpty()
        || !last.get().engineVersion().equals(ENGINE_VERSION)
        || !last.get().repository().branch().equals(located.branch())
        || !Files.exists(file)) {
      return null;
    }
    try {
      EngineSnapshot snapshot = EngineSnapshot.read(file);
      return snapshot.head().equals(last.get().repository().head()) ? snapshot : null;
    } catch (IOException e) {
      context.warn("%s; scanning the whole history".formatted(e.getMessage()));
      return null;
    }
  }

  /** One snapshot per repository and branch, beside the store. */
  private Path snapshotFile(RepositoryRef repository) {
    String branchKey = "%08x".formatted(repository.branch().hashCode());
    return context
        .dataDirectory()
        .resolve("git-state")
        .resolve(repository.id() + "-" + branchKey + ".bin");
  }

  private RepositoryScanner.Result scan(
      RepositoryScanner scanner, RepositoryRef located, @Nullable EngineSnapshot previous) {
    Progress progress = new Progress();
    try {
      return scanner.scan(located, options(), progress, previous);
    } finally {
      progress.close();
    }
  }

  /**
   * Stores the scan: after an incremental walk, the stored commits with their new line fate and the
   * new commits after them; then the walk's snapshot, so that a crash between the two leaves a
   * snapshot that does not match the store, and the next scan walks everything.
   */
  private void store(DuckDbStore store, RepositoryScanner.Result result, Pseudonyms pseudonyms) {
    List<CommitFact> all = new ArrayList<>();
    if (result.incremental()) {
      for (CommitFact earlier : store.commits(result.repository().id())) {
        all.add(earlier.withFate(result.lines().of(earlier.sha()).orElseThrow().toLineFate()));
      }
    }
    for (CommitFact commit : result.commits()) {
      // The store keeps the author as a pseudonym, no name.
      all.add(commit.withAuthor("", pseudonyms.of(commit.authorEmail())));
    }
    store.replaceScan(
        new RepositoryScan(
            result.repository(),
            context.clock.instant(),
            ENGINE_VERSION,
            all,
            result.snapshot().linesSince(),
            result.lines().lines()));
    try {
      result.snapshot().write(snapshotFile(result.repository()));
    } catch (IOException e) {
      context.warn(
          "cannot keep where the scan ended (%s); the next scan walks the whole history"
              .formatted(e.getMessage()));
    }
    if (!json) {
      long ai = all.stream().filter(c -> c.aiAgent() != null).count();
      long alive = all.stream().mapToLong(c -> c.fate().aliveAtHead()).sum();
      log.printf(
          "%s: %s at %s, %,d commits (%,d by AI agents), %,d lines alive at head%s%n",
          result.repository().path(),
          result.repository().branch(),
          result.repository().head().substring(0, 12),
          all.size(),
          ai,
          alive,
          result.incremental()
              ? "; walked %,d new commits".formatted(result.commits().size())
              : "");
    }
  }

  private void print(RepositoryScanner.Result result) {
    if (!json) {
      return;
    }
    try {
      if (survival) {
        SurvivalJson.write(
            result.repository().path(),
            LineSurvival.byAuthorship(result.commits(), context.clock.instant()),
            context.out);
      } else {
        CommitJsonLines.write(result.commits(), result.repository().path(), context.out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RepositoryScanner.Result unwrap(Future<RepositoryScanner.Result> scan)
      throws InterruptedException {
    try {
      return scan.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GoodhartException goodhart) {
        throw goodhart;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** A progress bar per repository, in commits per second. */
  private final class Progress implements RepositoryScanner.Listener {
    private @Nullable ProgressBar bar;

    @Override
    public void started(Path repository, int commits) {
      if (context.showProgress() && jobs == 1) {
        bar =
            new ProgressBar(
                context.err,
                "Scanning " + repository.getFileName(),
                commits,
                ProgressBar.Unit.COMMITS);
      }
    }

    @Override
    public void skipped(String message) {
      context.warn(message);
    }

    @Override
    public void progressed(int commits) {
      if (bar != null) {
        bar.reach(commits);
      }
    }

    void close() {
      if (bar != null) {
        bar.finish();
      }
    }
  }
}
