package dev.goodhart.cli.statusline;

import static java.util.Objects.requireNonNull;

import dev.goodhart.cli.statusline.StatusCache.Block;
import dev.goodhart.cli.statusline.StatusCache.Sum;
import dev.goodhart.ingest.Environment;
import dev.goodhart.ingest.claudecode.ClaudeCodeSource;
import dev.goodhart.ingest.claudecode.StatusLineInput;
import dev.goodhart.metrics.usage.BlockRule;
import dev.goodhart.metrics.usage.CostMode;
import dev.goodhart.metrics.usage.Pricer;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.pricing.ModelPrice;
import dev.goodhart.model.pricing.PriceTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Works out the status line: the session's cost, today's and the current 5-hour block's, for Claude
 * Code's status line hook, which runs it after every message. Reports open the store; this must
 * answer in a few milliseconds, so it reads only what the transcripts gained since the last call
 * and keeps what it needs in a small cache ({@link StatusCache}).
 *
 * <ul>
 *   <li><b>today</b>: every Claude Code request of the day (in the zone given), counted as every
 *       report counts them;
 *   <li><b>block</b>: the requests of the 5-hour billing block ({@link BlockRule}) running now, if
 *       one is;
 *   <li><b>session</b>: Claude Code's own figure from the hook input by default (as ccusage does),
 *       else (or with {@link CostSource#LOGS}) the session's requests in its transcript and its
 *       sub-agents', which the first call for a session reads whole.
 * </ul>
 *
 * The first call reads whole the transcripts written in the last {@link #FIRST_LOOK}; later calls
 * their new lines. Requests stay one by one for {@link #SEALED_AFTER}, while copies of them may
 * still be written; then they are folded into quarter-hour sums and the block chain. A line read
 * later with a time before that (a copy of an old transcript) changes nothing.
 */
public final class StatusLine {
  /** How far back the first call looks: the block chain is exact unless it ran that long. */
  static final Duration FIRST_LOOK = Duration.ofHours(48);

  /** How long a request stays one by one: its copies are written within seconds. */
  static final Duration SEALED_AFTER = Duration.ofHours(1);

  /** Quarter-hour sums are kept this long: enough for any zone's today. */
  static final Duration SUMS_KEPT = Duration.ofHours(50);

  /** A session's cost from its transcripts is kept this long after it was last asked for. */
  static final Duration SESSION_KEPT = Duration.ofDays(7);

  private static final ClaudeCodeSource CLAUDE = new ClaudeCodeSource();

  /** Where the session's cost comes from. */
  public enum CostSource {
    /** Claude Code's own figure when the hook input has one, else the transcripts. */
    AUTO,
    /** Claude Code's own figure only. */
    HOOK,
    /** The transcripts, priced as every goodhart report prices them. */
    LOGS
  }

  /**
   * @param pricesFingerprint names the price tables: when it changes, the cache is made afresh
   * @param prices reads the price tables
   */
  public record Settings(
      Path cacheFile,
      Environment environment,
      Clock clock,
      ZoneId zone,
      CostSource costSource,
      String pricesFingerprint,
      Supplier<PriceTable> prices) {
    public Settings {
      requireNonNull(cacheFile, "cacheFile is null");
      requireNonNull(environment, "environment is null");
      requireNonNull(clock, "clock is null");
      requireNonNull(zone, "zone is null");
      requireNonNull(costSource, "costSource is null");
      requireNonNull(pricesFingerprint, "pricesFingerprint is null");
      requireNonNull(prices, "prices is null");
    }
  }

  private final Settings settings;
  private final StatusCache cache;
  private final Instant now;
  private @Nullable PriceTable tables;
  private @Nullable Pricer pricer;
  private boolean changed;

  private StatusLine(Settings settings) {
    this.settings = settings;
    this.cache = StatusCache.load(settings.cacheFile(), settings.pricesFingerprint());
    this.now = settings.clock().instant();
  }

  /**
   * The status for the hook's input, whose transcript is {@code transcript}; the cache is updated
   * (a cache that cannot be saved is not, and the line is right all the same).
   */
  public static Status compute(StatusLineInput hook, Path transcript, Settings settings) {
    return new StatusLine(settings).run(hook, real(transcript));
  }

  private Status run(StatusLineInput hook, Path transcript) {
    readNewLines(transcript);
    List<Request> counted = cache.requests.countedByTime();
    Status.Amount today = today(counted);
    Block block = cache.block;
    Block running = block != null && !block.start().isAfter(now) ? block : null;
    for (Request request : counted) {
      block = next(block, request);
      if (!block.start().isAfter(now)) {
        running = block; // a request dated after now (a clock ahead) does not start the block
      }
    }
    boolean active = running != null && BlockRule.isActive(running.start(), running.last(), now);
    Status.Amount session = session(hook, transcript);
    seal(counted);
    if (changed) {
      try {
        cache.save(settings.cacheFile());
      } catch (IOException e) {
        // The line is right without the cache; the next call reads again.
      }
    }
    return new Status(
        hook.model(),
        session,
        today,
        active ? amount(running.sum()) : null,
        active ? running.start().plus(BlockRule.LENGTH) : null,
        now);
  }

  /** The folded quarter hours of today, and today's requests since. */
  private Status.Amount today(List<Request> counted) {
    Instant start =
        now.atZone(settings.zone()).toLocalDate().atStartOfDay(settings.zone()).toInstant();
    Instant end =
        now.atZone(settings.zone())
            .toLocalDate()
            .plusDays(1)
            .atStartOfDay(settings.zone())
            .toInstant();
    Sum sum = Sum.ZERO;
    for (Sum quarter :
        cache
            .quarters
            .subMap(
                start.toEpochMilli() / StatusCache.QUARTER_HOUR_MILLIS,
                end.toEpochMilli() / StatusCache.QUARTER_HOUR_MILLIS)
            .values()) {
      sum = sum.plus(quarter);
    }
    for (Request request : counted) {
      if (!request.at().isBefore(start) && request.at().isBefore(end)) {
        sum = sum.plus(request.cost());
      }
    }
    return amount(sum);
  }

  /** The block after a request: the same one, grown, or a new one it starts. */
  private static Block next(@Nullable Block block, Request request) {
    if (block == null || BlockRule.startsNew(block.start(), block.last(), request.at())) {
      return new Block(BlockRule.start(request.at()), request.at(), Sum.ZERO.plus(request.cost()));
    }
    return new Block(block.start(), request.at(), block.sum().plus(request.cost()));
  }

  /** Reads what every transcript gained since the last call into the recent requests. */
  private void readNewLines(Path transcript) {
    List<Path> roots = new ArrayList<>(CLAUDE.defaultRoots(settings.environment()));
    Path projects = ancestor(transcript, 2);
    if (projects != null
        && projects.getFileName() != null
        && projects.getFileName().toString().equals("projects")
        && roots.stream().noneMatch(transcript::startsWith)) {
      // Claude Code runs with another configuration folder than this process was told of: its
      // transcripts are in <folder>/projects/<project>/.
      roots.add(projects);
    }
    List<Transcripts.Found> found = Transcripts.under(roots);
    boolean first = cache.sealed == null;
    Instant floor = first ? now.minus(FIRST_LOOK) : cache.sealed;
    if (first) {
      cache.sealed = floor;
      changed = true;
    }
    Set<String> present = new HashSet<>();
    List<UsageEvent> events = new ArrayList<>();
    TranscriptTail tail = new TranscriptTail();
    for (Transcripts.Found log : found) {
      if (!present.add(log.key())) {
        continue;
      }
      StatusCache.FileState state = cache.files.get(log.key());
      if (state != null && state.size() == log.size() && state.modified() == log.modified()) {
        continue; // unchanged
      }
      changed = true;
      long from = state == null ? 0 : state.offset();
      long lines = state == null ? 0 : state.lines();
      if (state != null && log.size() < state.offset()) {
        from = 0; // replaced or cut: read again (copies already kept count once)
        lines = 0;
      }
      if (state == null && first && log.modified() < floor.toEpochMilli()) {
        // Untouched since before the first look: nothing in it can be in today or a live block.
        cache.files.put(
            log.key(), new StatusCache.FileState(log.size(), 0, log.size(), log.modified()));
        continue;
      }
      try {
        TranscriptTail.Progress progress =
            tail.read(
                log.root(),
                log.path(),
                from,
                lines,
                log.size(),
                event -> {
                  if (!event.timestamp().isBefore(floor)) {
                    events.add(event);
                  }
                });
        cache.files.put(
            log.key(),
            new StatusCache.FileState(
                progress.offset(), progress.lines(), log.size(), log.modified()));
      } catch (IOException e) {
        // Unreadable now (removed, permissions): tried again on the next call.
      }
    }
    changed |= cache.files.keySet().retainAll(present);
    for (UsageEvent event : events) {
      for (Map.Entry<String, RecentRequests.Change> change :
          cache.requests.add(request(event)).entrySet()) {
        StatusCache.Tally tally = cache.sessions.get(change.getKey());
        if (tally != null) {
          RecentRequests.Change delta = change.getValue();
          tally.sum =
              new Sum(
                  tally.sum.dollars().add(delta.cost()), tally.sum.unpriced() + delta.unpriced());
        }
      }
    }
  }

  /** The session's cost, by the cost source. */
  private Status.@Nullable Amount session(StatusLineInput hook, Path transcript) {
    CostSource source = settings.costSource();
    if (source == CostSource.HOOK || (source == CostSource.AUTO && hook.reportedCost() != null)) {
      return hook.reportedCost() == null ? null : new Status.Amount(hook.reportedCost(), 0);
    }
    StatusCache.Tally tally = cache.sessions.get(hook.sessionId());
    if (tally == null) {
      tally = readSession(hook.sessionId(), transcript);
      if (tally == null) {
        return null;
      }
      cache.sessions.put(hook.sessionId(), tally);
      changed = true;
    }
    if (now.toEpochMilli() - tally.lastUsed > Duration.ofHours(1).toMillis()) {
      tally.lastUsed = now.toEpochMilli();
      changed = true;
    }
    return amount(tally.sum);
  }

  /**
   * Reads a session's transcript and its sub-agents' whole, up to where the recent requests were
   * read (what follows is counted by the next call's new lines); null when there is none.
   */
  private StatusCache.@Nullable Tally readSession(String sessionId, Path transcript) {
    Path folder = transcript.getParent();
    Path subagents = folder == null ? null : folder.resolve(sessionId);
    Path root = ancestor(transcript, 2);
    RecentRequests requests = new RecentRequests();
    boolean any = false;
    TranscriptTail tail = new TranscriptTail();
    for (Map.Entry<String, StatusCache.FileState> entry : cache.files.entrySet()) {
      Path file = Path.of(entry.getKey());
      if (!file.equals(transcript) && (subagents == null || !file.startsWith(subagents))) {
        continue;
      }
      any = true;
      try {
        tail.read(
            root == null ? file.getParent() : root,
            file,
            0,
            0,
            entry.getValue().offset(),
            event -> {
              if (event.sessionId().equals(sessionId)) {
                requests.add(request(event));
              }
            });
      } catch (IOException e) {
        return null;
      }
    }
    if (!any) {
      return null;
    }
    Sum sum = Sum.ZERO;
    for (Request request : requests.countedByTime()) {
      sum = sum.plus(request.cost());
    }
    return new StatusCache.Tally(sum, now.toEpochMilli());
  }

  /**
   * Folds the counted requests older than {@link #SEALED_AFTER} into the quarter-hour sums and the
   * block chain, and forgets their copies; forgets sums and sessions nobody needs any more.
   */
  private void seal(List<Request> counted) {
    Instant line = now.minus(SEALED_AFTER);
    if (cache.sealed != null && !line.isAfter(cache.sealed)) {
      return;
    }
    for (Request request : counted) {
      if (!request.at().isBefore(line)) {
        break;
      }
      cache.block = next(cache.block, request);
      cache.quarters.merge(
          request.at().toEpochMilli() / StatusCache.QUARTER_HOUR_MILLIS,
          Sum.ZERO.plus(request.cost()),
          Sum::plus);
    }
    cache.requests.dropBefore(line);
    cache.sealed = line;
    cache
        .quarters
        .headMap(now.minus(SUMS_KEPT).toEpochMilli() / StatusCache.QUARTER_HOUR_MILLIS)
        .clear();
    long stale = now.minus(SESSION_KEPT).toEpochMilli();
    cache.sessions.values().removeIf(tally -> tally.lastUsed < stale);
    changed = true;
  }

  private Request request(UsageEvent event) {
    return new Request(
        event.eventKey(),
        event.dedupGroup(),
        event.sidechain(),
        event.timestamp(),
        event.sessionId(),
        event.tokens().total(),
        price(event));
  }

  /**
   * As every report prices a request. Reading the price tables takes longer than the rest of a
   * call, so the cache keeps how they priced each model seen, and they are read only for a model
   * not seen before (or after they changed).
   */
  private @Nullable BigDecimal price(UsageEvent event) {
    if (!cache.modelPrices.containsKey(event.model())) {
      if (tables == null) {
        tables = settings.prices().get();
      }
      cache.modelPrices.put(event.model(), tables.find(event.model()));
      pricer = null;
    }
    if (pricer == null) {
      pricer =
          new Pricer(
              PriceTable.ofResolved("the status line's cache", cache.modelPrices), CostMode.AUTO);
    }
    BigDecimal reported = event.reportedCostUsd();
    return pricer
        .price(
            event.model(),
            event.fast(),
            event.tokens().prompt() > ModelPrice.LONG_CONTEXT_THRESHOLD,
            reported != null,
            event.tokens(),
            reported == null ? BigDecimal.ZERO : reported)
        .cost();
  }

  private static Status.Amount amount(Sum sum) {
    return new Status.Amount(sum.dollars(), sum.unpriced());
  }

  private static @Nullable Path ancestor(Path path, int levels) {
    Path ancestor = path;
    for (int i = 0; i < levels && ancestor != null; i++) {
      ancestor = ancestor.getParent();
    }
    return ancestor;
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
