package dev.goodhart.bench;

import dev.goodhart.git.Git;
import dev.goodhart.git.RepositoryAnnotations;
import dev.goodhart.git.RepositoryScanner;
import dev.goodhart.git.fate.FirstParentChain;
import dev.goodhart.git.fate.LineFateEngine;
import dev.goodhart.git.history.FileChange;
import dev.goodhart.git.history.HistoryCommit;
import dev.goodhart.git.history.HistoryReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the parts of {@code goodhart scan}'s walk on one repository, each on its own: git writing
 * the history the scan reads ({@code git log -m -M -p -U0 ...}, read into memory and nothing else),
 * then from that copy in memory, with no git running, the parsing, the attribution of every commit
 * from its message, and the line-fate engine; last the whole scan as {@code goodhart scan} runs it
 * (git and the walk at once, notes and trace records included). Not in it: the JVM's start, the
 * store and pseudonyms. Tells where the time of {@code bench/scan-vs-git}'s scan goes. The first
 * round is about as cold as the command line's, later ones have a warm JIT.
 *
 * <p>Run: {@code java -cp goodhart-bench/target/goodhart-bench.jar dev.goodhart.bench.ScanPhases
 * REPO [ROUNDS]}
 */
public final class ScanPhases {
  private ScanPhases() {}

  public static void main(String[] args) {
    Path repository = Path.of(args[0]).toAbsolutePath();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Git git = Git.in(repository);
    String head = git.run("rev-parse", "HEAD").strip();
    RepositoryScanner.Options options = new RepositoryScanner.Options(null, Instant.now());
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      byte[] log = log(git, head);
      long logged = System.nanoTime();
      List<HistoryCommit> commits = new ArrayList<>();
      // Timing the parse alone: merges' other sides (a second git in the real scan) stay empty.
      HistoryReader.read(
          new ByteArrayInputStream(log),
          commits::add,
          (merge, parents) ->
              java.util.Collections.nCopies(parents.size() - 1, List.<FileChange>of()));
      long parsed = System.nanoTime();
      RepositoryAnnotations messages = RepositoryAnnotations.messagesOnly();
      commits.forEach(messages::annotate);
      long attributed = System.nanoTime();
      LineFateEngine engine = engine(commits, head, options.now());
      commits.forEach(engine::accept);
      engine.finish();
      long followed = System.nanoTime();
      RepositoryScanner.standard().scan(repository, options, RepositoryScanner.Listener.SILENT);
      long scanned = System.nanoTime();
      System.out.printf(
          "round %d: git log %.0f ms (%d MiB) | from memory: parsing %.0f ms (%d commits),"
              + " attribution %.0f ms, line fate %.0f ms | whole scan %.0f ms%n",
          round,
          (logged - start) / 1e6,
          log.length >> 20,
          (parsed - logged) / 1e6,
          commits.size(),
          (attributed - parsed) / 1e6,
          (followed - attributed) / 1e6,
          (scanned - followed) / 1e6);
    }
  }

  /** The output of the scan's {@code git log}, whole. */
  private static byte[] log(Git git, String head) {
    try (Git.Streaming log = git.stream(HistoryReader.logArguments(head))) {
      return log.output().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The engine as the scanner sets it up, with the chain and children taken from the commits. */
  private static LineFateEngine engine(List<HistoryCommit> commits, String head, Instant now) {
    Map<String, HistoryCommit> bySha = new HashMap<>();
    Map<String, Integer> children = new HashMap<>();
    for (HistoryCommit commit : commits) {
      bySha.put(commit.sha(), commit);
      for (String parent : commit.parents()) {
        children.merge(parent, 1, Integer::sum);
      }
    }
    List<String> chain = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    for (HistoryCommit at = bySha.get(head); at != null; ) {
      chain.addFirst(at.sha());
      times.addFirst(at.committedAt());
      at = at.parents().isEmpty() ? null : bySha.get(at.parents().getFirst());
    }
    return new LineFateEngine(
        FirstParentChain.of(chain, times),
        children,
        now,
        RepositoryAnnotations.messagesOnly(),
        blob -> {
          throw new IllegalStateException("no file turns from binary to text here: " + blob);
        });
  }
}
