package dev.goodhart.ingest;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.ImportTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Imports usage incrementally: files whose size and modification time match their checkpoint are
 * skipped without being opened; grown files are read from their checkpoint; replaced or truncated
 * files are read again from the start. Files are parsed in parallel; one writer (the calling
 * thread) commits events with the checkpoints that cover them, so whatever moment a crash hits, a
 * new import continues exactly where the committed state ends.
 */
public final class UsageImporter {
  private static final int QUEUE_CHUNKS = 16;

  /**
   * Files per transaction at most: a transaction's checkpoints are held in memory, and a tree of
   * many small files should still commit as it goes.
   */
  private static final int BATCH_CHECKPOINTS = 20_000;

  /**
   * Staged bytes per transaction at most: what the store does at commit grows with them, and within
   * its default memory. A heavy user's single long session staged over 100 MB of edits' line hashes
   * in 140,000 events, and the commit ran out of memory.
   */
  private static final long BATCH_BYTES = 48L << 20;

  private final ImportTarget target;
  private final ImportOptions options;
  private final ImportListener listener;

  public UsageImporter(ImportTarget target, ImportOptions options, ImportListener listener) {
    this.target = requireNonNull(target, "target is null");
    this.options = requireNonNull(options, "options is null");
    this.listener = requireNonNull(listener, "listener is null");
  }

  /** Imports what is new in the discovered logs of one machine. */
  public ImportSummary run(LogDiscovery.Result discovered, Machine machine) {
    BadRecordCounter badRecords = new BadRecordCounter(listener);
    for (BadRecord problem : discovered.problems()) {
      badRecords.add(problem);
      if (options.strict()) {
        throw new GoodhartException(
            ErrorCode.UNREADABLE_FILE, problem.message() + "; stopped because of --strict");
      }
    }
    Map<String, FileCheckpoint> checkpoints = target.checkpoints(machine.id());
    List<FoundLog> changed = new ArrayList<>();
    long bytes = 0;
    for (FoundLog log : discovered.logs()) {
      FileCheckpoint checkpoint = checkpoints.get(log.path().toString());
      if (checkpoint != null
          && checkpoint.size() == log.size()
          && checkpoint.modifiedMillis() == log.modifiedMillis()) {
        continue;
      }
      changed.add(log);
      bytes +=
          checkpoint != null && checkpoint.offset() <= log.size()
              ? log.size() - checkpoint.offset()
              : log.size();
    }
    // Largest first, so that the last file to finish is a small one and every thread stays busy.
    changed.sort(Comparator.comparingLong(FoundLog::size).reversed());
    listener.started(changed.size(), bytes);
    long events = changed.isEmpty() ? 0 : readAll(changed, checkpoints, machine, badRecords);
    ImportSummary summary =
        new ImportSummary(
            discovered.logs().size(),
            discovered.logs().size() - changed.size(),
            changed.size(),
            bytes,
            events,
            badRecords.count(),
            badRecords.examples());
    listener.finished(summary);
    return summary;
  }

  private long readAll(
      List<FoundLog> logs,
      Map<String, FileCheckpoint> checkpoints,
      Machine machine,
      BadRecordCounter badRecords) {
    BlockingQueue<LogFileReader.Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
    AtomicInteger next = new AtomicInteger();
    int threads = Math.min(options.parallelism(), logs.size());
    AtomicInteger running = new AtomicInteger(threads);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "goodhart-import");
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (int t = 0; t < threads; t++) {
        pool.execute(
            () -> {
              LogFileReader reader =
                  new LogFileReader(machine, options.strict(), badRecords, queue::put);
              try {
                int index;
                while (failure.get() == null && (index = next.getAndIncrement()) < logs.size()) {
                  FoundLog log = logs.get(index);
                  reader.read(log, checkpoints.get(log.path().toString()));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
              } finally {
                running.decrementAndGet();
              }
            });
      }
      return writeAll(queue, running, failure);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Adds every chunk to the open transaction; a full transaction commits on a thread of its own
   * while the next one fills, so that reading never waits for the store. Commits run one at a time,
   * in order, so a crash still leaves a prefix of the work committed.
   */
  private long writeAll(
      BlockingQueue<LogFileReader.Chunk> queue,
      AtomicInteger running,
      AtomicReference<@Nullable RuntimeException> failure) {
    long events = 0;
    ExecutorService committer =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "goodhart-commit");
              thread.setDaemon(true);
              return thread;
            });
    Future<?> committing = null;
    ImportTransaction transaction = target.begin();
    try {
      while (true) {
        LogFileReader.Chunk chunk = queue.poll(20, TimeUnit.MILLISECONDS);
        rethrow(failure);
        if (chunk == null) {
          // Readers put their last chunk before they count themselves out, so this sees every
          // chunk.
          if (running.get() == 0 && queue.isEmpty()) {
            break;
          }
          continue;
        }
        transaction.add(chunk.events());
        transaction.addSignals(chunk.signals());
        events += chunk.events().size();
        if (chunk.checkpoint() != null) {
          transaction.advance(chunk.checkpoint());
        }
        listener.progressed(chunk.bytes());
        if (transaction.events() >= options.batchEvents()
            || transaction.checkpoints() >= BATCH_CHECKPOINTS
            || transaction.stagedBytes() >= BATCH_BYTES) {
          awaitCommit(committing);
          committing = committer.submit(transaction::commit);
          transaction = target.begin();
        }
      }
      rethrow(failure);
      awaitCommit(committing);
      if (transaction.events() > 0 || transaction.checkpoints() > 0) {
        transaction.commit();
      }
      return events;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GoodhartException(ErrorCode.INTERNAL_ERROR, "the import was interrupted", e);
    } finally {
      transaction.close();
      committer.shutdown();
      if (committing != null) {
        try {
          committing.get(); // a failed import still waits for the store to be quiet
        } catch (ExecutionException | InterruptedException e) {
          // already reported by awaitCommit, or the import failed for another reason
        }
      }
    }
  }

  /** Waits for the commit before; its failure is the import's failure. */
  private static void awaitCommit(@Nullable Future<?> committing) throws InterruptedException {
    if (committing == null) {
      return;
    }
    try {
      committing.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new GoodhartException(ErrorCode.INTERNAL_ERROR, "a commit failed", e.getCause());
    }
  }

  private static void rethrow(AtomicReference<@Nullable RuntimeException> failure) {
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
  }
}
