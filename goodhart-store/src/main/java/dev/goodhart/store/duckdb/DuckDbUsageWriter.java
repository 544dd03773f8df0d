package dev.goodhart.store.duckdb;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Hashes;
import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.pricing.ModelPrice;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Writes import batches. Events go through a CSV staging file into a temporary staging table (the
 * fastest way into DuckDB from Java), then into {@code usage_event} with one upsert that keeps the
 * copy with more tokens; then the counted flag of every de-duplication group the batch touched is
 * decided again, and the checkpoints advance, all in one transaction.
 */
final class DuckDbUsageWriter {
  /** The batch's copy of each event with the most tokens. */
  private static final String BATCH_EVENTS =
      "(SELECT * FROM staging QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY total_tokens DESC) = 1)";

  /**
   * The batch's ids that are stored already, with the tokens of the stored copy. Only the batch's
   * ids are held (DuckDB builds the join on them and streams the stored ids past): joining the
   * batch against the whole table built a table of every stored event, and five million no longer
   * fit the default memory.
   */
  private static final String STORED_KEYS =
      """
      CREATE OR REPLACE TEMP TABLE stored_keys AS
      SELECT u.event_id, u.total_tokens, u.source, u.session_id, u.ts FROM usage_event u
      SEMI JOIN (SELECT DISTINCT event_id FROM staging) k ON u.event_id = k.event_id
      """;

  /** Stored events whose new copy has more tokens: a streamed message read again, grown. */
  private static final String IMPROVED =
      """
      SELECT count(*) FROM stored_keys s
      JOIN (SELECT event_id, max(total_tokens) AS total_tokens FROM staging GROUP BY event_id) b
        ON b.event_id = s.event_id
      WHERE b.total_tokens > s.total_tokens
      """;

  /** Events already stored whose new copy has more tokens take the new copy's values. */
  private static final String UPDATE_EVENTS =
      """
      UPDATE usage_event SET
        is_sidechain = b.is_sidechain, ts = b.ts, session_id = b.session_id, project = b.project,
        cwd = b.cwd, git_branch = b.git_branch, machine_id = b.machine_id, provider = b.provider,
        model = b.model, is_fast = b.is_fast, input_tokens = b.input_tokens,
        output_tokens = b.output_tokens, cache_read_tokens = b.cache_read_tokens,
        cache_write_5m_tokens = b.cache_write_5m_tokens,
        cache_write_1h_tokens = b.cache_write_1h_tokens, reasoning_tokens = b.reasoning_tokens,
        total_tokens = b.total_tokens, long_context = b.long_context,
        reported_cost_usd = b.reported_cost_usd, request_key = b.request_key
      FROM (
        SELECT t.* FROM staging t SEMI JOIN stored_keys s ON t.event_id = s.event_id
        QUALIFY row_number() OVER (PARTITION BY t.event_id ORDER BY t.total_tokens DESC) = 1
      ) b
      WHERE usage_event.event_id = b.event_id AND b.total_tokens > usage_event.total_tokens
      """;

  /** Events not stored yet: each id once. */
  private static final String INSERT_EVENTS =
      "INSERT INTO usage_event SELECT b.* FROM %s b ANTI JOIN stored_keys s ON b.event_id = s.event_id"
          .formatted(BATCH_EVENTS);

  /**
   * Within a group, every non-sidechain copy counts; sidechain copies count only when the group has
   * no other, and then only the largest (earliest on a tie). The rows whose flag changes are kept
   * apart first: their sessions' usage is summed again (see {@link SessionDayUsage}).
   */
  private static final String DECIDE_COUNTED =
      """
      CREATE OR REPLACE TEMP TABLE counted_change AS
      SELECT event_id, keep, source, session_id, ts FROM (
        SELECT event_id, counted, source, session_id, ts,
               NOT is_sidechain
                 OR (NOT bool_or(NOT is_sidechain) OVER grp
                     AND row_number() OVER (PARTITION BY dedup_group ORDER BY total_tokens DESC, ts, event_id) = 1)
                 AS keep
        FROM usage_event
        WHERE dedup_group IN (SELECT DISTINCT dedup_group FROM staging WHERE dedup_group IS NOT NULL)
        WINDOW grp AS (PARTITION BY dedup_group)
      )
      WHERE counted <> keep
      """;

  private static final String APPLY_COUNTED =
      """
      UPDATE usage_event SET counted = c.keep FROM counted_change c
      WHERE usage_event.event_id = c.event_id
      """;

  /**
   * A request an agent both sent as telemetry and wrote in its log is stored twice, once from each
   * origin; the log's copy counts (it knows the project, the branch, the cache lifetimes). The two
   * copies share a request key (see {@link #requestKey}). Bounded by time, since both copies were
   * made within moments of each other, so that DuckDB reads only the row groups of the batch's
   * span.
   */
  private static final String TELEMETRY_COPIES =
      """
      from_telemetry AND counted
        AND ts BETWEEN to_timestamp(%1$d) - INTERVAL 1 DAY AND to_timestamp(%2$d) + INTERVAL 1 DAY
        AND request_key IN (
          SELECT request_key FROM %3$s
          WHERE NOT from_telemetry AND request_key IS NOT NULL
            AND ts BETWEEN to_timestamp(%1$d) - INTERVAL 1 DAY AND to_timestamp(%2$d) + INTERVAL 1 DAY)
      """;

  /**
   * Checkpoints arrive through the appender too (a batched prepared upsert costs DuckDB about 4 ms
   * a row: half a minute for a few thousand files); the latest of one file's checkpoints wins.
   */
  private static final String UPSERT_CHECKPOINTS =
      """
      INSERT INTO file_checkpoint SELECT * FROM checkpoint_staging
      QUALIFY row_number() OVER (PARTITION BY machine_id, path ORDER BY read_offset DESC) = 1
      ON CONFLICT (machine_id, path) DO UPDATE SET
        source = excluded.source, size = excluded.size, modified_millis = excluded.modified_millis,
        read_offset = excluded.read_offset, lines = excluded.lines, fingerprint = excluded.fingerprint,
        parser_state = excluded.parser_state
      """;

  private static final int COST_SCALE = 18;

  private static final String CHECKPOINTS_FILE = "staging-checkpoints.csv";

  /**
   * Signals not stored yet. The transaction staged each key once (see {@code Transaction
   * #addSignals}): a {@code DISTINCT ON} here held every row of the batch, edits' line hashes and
   * all, in DuckDB's memory, and a long session's batch did not fit.
   */
  private static final String INSERT_SIGNALS =
      """
      INSERT INTO session_signal
      SELECT b.* FROM %s b ANTI JOIN session_signal s ON b.signal_id = s.signal_id
      """;

  /**
   * Telemetry's copies of a request are an exporter's retries of one record: same key, same time.
   * So only the stored events of the batch's own time span are compared (DuckDB skips the other row
   * groups by their time ranges), and a copy already stored stays as it is. A file import's
   * whole-table comparison grew with the store and made every small commit slower.
   */
  private static final String INSERT_TELEMETRY =
      """
      INSERT INTO usage_event
      SELECT b.* FROM (
        SELECT * FROM %s QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY total_tokens DESC) = 1
      ) b
      ANTI JOIN (
        SELECT event_id FROM usage_event WHERE ts BETWEEN to_timestamp(%d) AND to_timestamp(%d)
      ) u ON b.event_id = u.event_id
      """;

  /** Signals as {@link #INSERT_TELEMETRY} stores events: compared within the batch's span. */
  private static final String INSERT_TELEMETRY_SIGNALS =
      """
      INSERT INTO session_signal
      SELECT b.* FROM (SELECT DISTINCT ON (signal_id) * FROM %s) b
      ANTI JOIN (
        SELECT signal_id FROM session_signal WHERE ts BETWEEN to_timestamp(%d) AND to_timestamp(%d)
      ) s ON b.signal_id = s.signal_id
      """;

  private final DuckDBConnection connection;

  /** The staging tables, made at the connection's first import. */
  private final TempTables staging;

  private final StagingFile telemetryEvents;
  private final StagingFile telemetrySignals;
  private final StagingFile olderTelemetryEvents;

  /**
   * How many telemetry event keys are remembered: 256k (about 14 MB) is five seconds at 50,000
   * events a second and hours at a large organisation's real rate.
   */
  private static final int RECENT_KEYS = 1 << 18;

  private @Nullable RecentKeys recentKeys;

  /**
   * Whether events with a request key are stored from each origin, logs ({@code [0]}) and telemetry
   * ({@code [1]}) (see {@link #copiesStored}); null: not asked yet.
   */
  private final @Nullable Boolean[] copiesStored = new Boolean[2];

  /** Two, so that one transaction can fill while the one before it commits. */
  private final StagingFile[] eventFiles = new StagingFile[2];

  private final boolean[] eventFileInUse = new boolean[2];
  private final StagingFile checkpoints;

  /** One per event file: a transaction streams its signals beside its events. */
  private final StagingFile[] signalFiles = new StagingFile[2];

  /** The per-session and day sums every write keeps up to date. */
  private final SessionDayUsage sessionDays;

  DuckDbUsageWriter(DuckDBConnection connection, Path dataDirectory) throws SQLException {
    this.connection = connection;
    this.sessionDays = new SessionDayUsage(connection);
    this.staging =
        new TempTables(
            connection,
            "CREATE TEMP TABLE IF NOT EXISTS staging AS SELECT * FROM usage_event LIMIT 0",
            "CREATE TEMP TABLE IF NOT EXISTS checkpoint_staging AS SELECT * FROM file_checkpoint LIMIT 0");
    for (int i = 0; i < eventFiles.length; i++) {
      eventFiles[i] =
          StagingFile.forTable(
              connection, "usage_event", dataDirectory.resolve("staging-events-" + i + ".csv"));
    }
    this.checkpoints =
        StagingFile.forTable(
            connection, "file_checkpoint", dataDirectory.resolve(CHECKPOINTS_FILE));
    this.telemetryEvents =
        StagingFile.forTable(
            connection, "usage_event", dataDirectory.resolve("staging-telemetry-events.csv"));
    this.olderTelemetryEvents =
        StagingFile.forTable(
            connection, "usage_event", dataDirectory.resolve("staging-telemetry-older.csv"));
    this.telemetrySignals =
        StagingFile.forTable(
            connection, "session_signal", dataDirectory.resolve("staging-telemetry-signals.csv"));
    for (int i = 0; i < signalFiles.length; i++) {
      signalFiles[i] =
          StagingFile.forTable(
              connection, "session_signal", dataDirectory.resolve("staging-signals-" + i + ".csv"));
    }
  }

  /**
   * A transaction that streams its events into a staging file as they are added. Two may be open at
   * once, so that one fills while the other commits on another thread; commits run one at a time.
   */
  ImportTransaction begin(Path file) {
    int free;
    synchronized (eventFileInUse) {
      free = eventFileInUse[0] ? 1 : 0;
      if (eventFileInUse[free]) {
        throw new IllegalStateException("two import transactions are already open on " + file);
      }
      eventFileInUse[free] = true;
    }
    try {
      eventFiles[free].start();
    } catch (IOException e) {
      release(free);
      throw new GoodhartException(
          ErrorCode.IO_FAILURE, "cannot write a staging file in " + file.getParent(), e);
    }
    return new Transaction(file, free);
  }

  /**
   * Stores telemetry's events and signals in one transaction. An event at or after the horizon of
   * {@link RecentKeys} is new unless its key is there; only older ones are compared in SQL (see
   * {@link #INSERT_TELEMETRY}). Events of a de-duplication group take the import path instead.
   */
  void appendTelemetry(List<UsageEvent> events, List<SessionSignal> signals)
      throws SQLException, IOException {
    synchronized (connection) {
      RecentKeys recent = recentKeys();
      recent.mark();
      try {
        prepareTables();
        Transactions.inTransaction(
            connection,
            () -> {
              storeTelemetry(events, signals, recent);
              return null;
            });
        recent.mark();
      } catch (SQLException | IOException | RuntimeException e) {
        recent.rollback();
        throw e;
      }
    }
  }

  private void storeTelemetry(
      List<UsageEvent> events, List<SessionSignal> signals, RecentKeys recent)
      throws SQLException, IOException {
    if (!events.isEmpty()) {
      storeTelemetryEvents(events, recent);
    }
    if (!signals.isEmpty()) {
      telemetrySignals.start();
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (SessionSignal signal : signals) {
        write(telemetrySignals, signal);
        first = Math.min(first, signal.timestamp().getEpochSecond());
        last = Math.max(last, signal.timestamp().getEpochSecond());
      }
      telemetrySignals.finish();
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            INSERT_TELEMETRY_SIGNALS.formatted(telemetrySignals.source(), first - 1, last + 1));
      }
    }
  }

  /**
   * New events (after the horizon, key not seen) are inserted as they are; the rest are compared
   * with the stored events of their time span.
   */
  private void storeTelemetryEvents(List<UsageEvent> events, RecentKeys recent)
      throws SQLException, IOException {
    long horizon = recent.horizonMicros();
    int fresh = 0;
    int older = 0;
    // Whether every new event names no folder and no branch (telemetry's usually do not).
    boolean placeless = true;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    telemetryEvents.start();
    for (UsageEvent event : events) {
      if (event.dedupGroup() != null || event.sidechain()) {
        throw new IllegalArgumentException(
            "telemetry events have no de-duplication group: " + event.eventKey());
      }
      UUID id = uuid(event.source(), event.eventKey());
      long micros = Transactions.epochMicros(event.timestamp());
      long high = id.getMostSignificantBits();
      long low = id.getLeastSignificantBits();
      if (micros >= horizon && (high | low) != 0) {
        if (recent.add(high, low, micros)) {
          write(telemetryEvents, id, event, true);
          fresh++;
          placeless &= event.cwd() == null && event.gitBranch() == null;
        }
        continue;
      }
      if (older == 0) {
        olderTelemetryEvents.start();
      }
      write(olderTelemetryEvents, id, event, true);
      older++;
      first = Math.min(first, event.timestamp().getEpochSecond());
      last = Math.max(last, event.timestamp().getEpochSecond());
    }
    telemetryEvents.finish();
    try (Statement statement = connection.createStatement()) {
      // Only new, counted, placeless events, none of whose requests a log recorded: their sums
      // add to what is kept. Anything else sums its sessions' days again.
      boolean adding = fresh > 0 && older == 0 && placeless && !copiesStored(statement, false);
      if (fresh > 0) {
        statement.execute("INSERT INTO usage_event SELECT * FROM " + telemetryEvents.source());
        if (adding) {
          sessionDays.add(statement, telemetryEvents.source());
        } else {
          sessionDays.touch(statement, telemetryEvents.source());
        }
      }
      if (older > 0) {
        olderTelemetryEvents.finish();
        // Whole seconds, widened by one: the comparison needs only to include the span.
        statement.execute(
            INSERT_TELEMETRY.formatted(olderTelemetryEvents.source(), first - 1, last + 1));
        sessionDays.touch(statement, olderTelemetryEvents.source());
      }
      if (fresh > 0 || older > 0) {
        copiesStored[1] = true;
      }
      if ((fresh > 0 || older > 0) && copiesStored(statement, false)) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (UsageEvent event : events) {
          from = Math.min(from, event.timestamp().getEpochSecond());
          to = Math.max(to, event.timestamp().getEpochSecond());
        }
        uncountTelemetryCopies(statement, from - 1, to + 1, "usage_event");
      }
      sessionDays.refresh(statement);
    }
  }

  /**
   * Telemetry's copies of requests a log recorded (within {@code [from, to]} seconds, the logs'
   * rows in {@code logs}) stop counting; their sessions' usage is summed again.
   */
  private void uncountTelemetryCopies(Statement statement, long from, long to, String logs)
      throws SQLException {
    String copies = TELEMETRY_COPIES.formatted(from, to, logs);
    sessionDays.touch(statement, "usage_event", copies);
    statement.execute("UPDATE usage_event SET counted = false WHERE " + copies);
  }

  /**
   * Whether the store holds events of one origin, logs or telemetry, that the other's copies could
   * meet. A server that only ever received telemetry, and a machine that only imports its logs,
   * never compare: each write stays as it was before the two origins met.
   */
  private boolean copiesStored(Statement statement, boolean telemetry) throws SQLException {
    int origin = telemetry ? 1 : 0;
    Boolean known = copiesStored[origin];
    if (known == null) {
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT EXISTS (SELECT 1 FROM usage_event WHERE from_telemetry = %s AND request_key IS NOT NULL)"
                  .formatted(telemetry))) {
        rows.next();
        known = rows.getBoolean(1);
      }
      copiesStored[origin] = known;
    }
    return known;
  }

  /** Made at the first telemetry write: its horizon is just after the newest event stored. */
  private RecentKeys recentKeys() throws SQLException {
    if (recentKeys == null) {
      long newest = Long.MIN_VALUE + 1;
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT epoch_us(max(ts)) FROM usage_event")) {
        if (rows.next()) {
          long value = rows.getLong(1);
          newest = rows.wasNull() ? newest : value;
        }
      }
      recentKeys = new RecentKeys(RECENT_KEYS, newest + 1);
    }
    return recentKeys;
  }

  /**
   * An import stored events the recent keys do not hold: telemetry events up to the newest of them
   * must be compared in the store from now on.
   */
  private void importedUpTo(long micros) {
    if (recentKeys != null) {
      recentKeys.passBeyond(micros);
    }
  }

  /**
   * The connection's temporary tables, made before a write's transaction: made inside one, a
   * rolled-back write (a full disk) took them with it and every later write failed.
   */
  private void prepareTables() throws SQLException {
    staging.ensure();
    sessionDays.prepare();
  }

  private void release(int eventFile) {
    synchronized (eventFileInUse) {
      eventFileInUse[eventFile] = false;
    }
  }

  private final class Transaction implements ImportTransaction {
    private final Path file;
    private final int eventFile;
    private final StagingFile events;
    private final Map<String, FileCheckpoint> advanced = new LinkedHashMap<>();

    private final StagingFile signals;
    private final UuidSet stagedSignals = new UuidSet();
    private long signalsAdded;

    private long added;
    private boolean done;

    Transaction(Path file, int eventFile) {
      this.file = file;
      this.eventFile = eventFile;
      this.events = eventFiles[eventFile];
      this.signals = signalFiles[eventFile];
    }

    @Override
    public void add(List<UsageEvent> batch) {
      requireOpen();
      try {
        for (UsageEvent event : batch) {
          write(events, event);
        }
      } catch (IOException e) {
        throw failure("cannot write the staging file", e);
      }
      added += batch.size();
    }

    @Override
    public void addSignals(List<SessionSignal> batch) {
      requireOpen();
      try {
        for (SessionSignal signal : batch) {
          UUID id = uuid(signal.source(), signal.signalKey());
          if (!stagedSignals.add(id)) {
            continue; // read twice (a file re-read): kept once
          }
          if (signalsAdded == 0) {
            signals.start();
          }
          write(signals, id, signal);
          signalsAdded++;
        }
      } catch (IOException e) {
        throw failure("cannot write the staging file", e);
      }
    }

    @Override
    public long stagedBytes() {
      return events.bytes() + (signalsAdded == 0 ? 0 : signals.bytes());
    }

    @Override
    public void advance(FileCheckpoint checkpoint) {
      requireOpen();
      advanced.put(checkpoint.machineId() + '\u0000' + checkpoint.path(), checkpoint);
    }

    @Override
    public long events() {
      return added;
    }

    @Override
    public int checkpoints() {
      return advanced.size();
    }

    @Override
    public void commit() {
      requireOpen();
      try {
        events.finish();
        store();
      } catch (SQLException | IOException e) {
        throw failure("cannot store %,d events".formatted(added), e);
      } finally {
        close();
      }
    }

    /** One DuckDB transaction; the writer's lock keeps commits one at a time. */
    private void store() throws SQLException, IOException {
      prepareTables();
      Transactions.inTransaction(
          connection,
          () -> {
            if (added > 0) {
              loadEvents(events);
            }
            if (signalsAdded > 0) {
              loadSignals(signals);
            }
            if (!advanced.isEmpty()) {
              writeCheckpoints(advanced.values());
            }
            return null;
          });
    }

    @Override
    public void close() {
      if (done) {
        return;
      }
      done = true;
      try {
        events.delete();
        signals.delete();
      } catch (IOException e) {
        // Scratch space: the next transaction overwrites what is left.
      }
      release(eventFile);
    }

    private void requireOpen() {
      if (done) {
        throw new IllegalStateException("the import transaction is over");
      }
    }

    private GoodhartException failure(String what, Exception e) {
      return StoreFailures.of(what, file, e);
    }
  }

  private void loadEvents(StagingFile events) throws SQLException {
    staging.ensure();
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM staging");
      statement.execute("INSERT INTO staging SELECT * FROM " + events.source());
      statement.execute(STORED_KEYS);
      try (ResultSet improved = statement.executeQuery(IMPROVED)) {
        if (improved.next() && improved.getLong(1) > 0) {
          // The replaced copies' sessions and days (a grown copy may name others).
          sessionDays.touch(statement, "stored_keys");
          statement.execute(UPDATE_EVENTS);
        }
      }
      statement.execute(INSERT_EVENTS);
      sessionDays.touch(statement, "staging");
      statement.execute(DECIDE_COUNTED);
      sessionDays.touch(statement, "counted_change");
      statement.execute(APPLY_COUNTED);
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT epoch_us(max(ts)), epoch(min(ts))::BIGINT, epoch(max(ts))::BIGINT FROM staging")) {
        if (rows.next() && rows.getObject(1) != null) {
          importedUpTo(rows.getLong(1));
          copiesStored[0] = true;
          if (copiesStored(statement, true)) {
            uncountTelemetryCopies(statement, rows.getLong(2) - 1, rows.getLong(3) + 1, "staging");
          }
        }
      }
      sessionDays.refresh(statement);
    }
  }

  /** One event of a log file as a row of {@code usage_event}, in the table's column order. */
  private static void write(StagingFile file, UsageEvent event) throws IOException {
    write(file, uuid(event.source(), event.eventKey()), event, false);
  }

  private static void write(StagingFile file, UUID id, UsageEvent event, boolean telemetry)
      throws IOException {
    TokenCounts tokens = event.tokens();
    file.uuid(id)
        .text(event.source())
        .uuid(event.dedupGroup() == null ? null : uuid(event.source(), event.dedupGroup()))
        .bool(event.sidechain())
        .bool(true)
        .time(event.timestamp())
        .text(event.sessionId())
        .text(event.project())
        .text(event.cwd())
        .text(event.gitBranch())
        .text(event.machineId())
        .text(event.provider())
        .text(event.model())
        .bool(event.fast())
        .number(tokens.input())
        .number(tokens.output())
        .number(tokens.cacheRead())
        .number(tokens.cacheWrite5m())
        .number(tokens.cacheWrite1h())
        .number(tokens.reasoning())
        .number(tokens.total())
        .bool(tokens.prompt() > ModelPrice.LONG_CONTEXT_THRESHOLD);
    BigDecimal cost = event.reportedCostUsd();
    if (cost != null && cost.scale() > COST_SCALE) {
      cost = cost.setScale(COST_SCALE, RoundingMode.HALF_EVEN);
    }
    file.decimal(cost == null ? null : cost.toPlainString());
    file.uuid(requestKey(event)).bool(telemetry);
    file.endRow();
  }

  /**
   * What the telemetry and the log copies of one request share. Request ids are no help: Claude
   * Code's telemetry sends one, its transcript another field, Codex's rollouts none at all. But a
   * request's token counts, in the session that made it, are as good as an id: a session's context
   * grows with every request, so two requests of a session almost never have the same four counts.
   * Null when the counts are all zero.
   */
  static @Nullable UUID requestKey(UsageEvent event) {
    TokenCounts tokens = event.tokens();
    if (tokens.total() == 0) {
      return null;
    }
    return uuid(
        event.source(),
        event.sessionId()
            + '\u0000'
            + tokens.input()
            + '\u0000'
            + tokens.output()
            + '\u0000'
            + tokens.cacheRead()
            + '\u0000'
            + (tokens.cacheWrite5m() + tokens.cacheWrite1h()));
  }

  private static UUID uuid(String source, String key) {
    Hashes.Hash128 hash = Hashes.murmur3(source + '\u0000' + key);
    return new UUID(hash.high(), hash.low());
  }

  private void loadSignals(StagingFile signals) throws SQLException, IOException {
    signals.finish();
    try (Statement statement = connection.createStatement()) {
      statement.execute(INSERT_SIGNALS.formatted(signals.source()));
    }
  }

  /** One signal as a row of {@code session_signal}, in the table's column order. */
  private static void write(StagingFile file, SessionSignal signal) throws IOException {
    write(file, uuid(signal.source(), signal.signalKey()), signal);
  }

  private static void write(StagingFile file, UUID id, SessionSignal signal) throws IOException {
    file.uuid(id)
        .text(signal.source())
        .text(signal.sessionId())
        .text(signal.machineId())
        .time(signal.timestamp())
        .text(signal.kind().name())
        .text(signal.cwd())
        .text(signal.gitBranch())
        .text(signal.repositoryUrl())
        .text(signal.commitRef())
        .text(signal.commitBranch())
        .number(signal.lines())
        .text(signal.textHash())
        .number(signal.textLength())
        .text(signal.filePath())
        .longs(signal.lineHashCount() == 0 ? null : signal.lineHashes())
        .endRow();
  }

  private void writeCheckpoints(Collection<FileCheckpoint> batch) throws SQLException, IOException {
    checkpoints.start();
    for (FileCheckpoint checkpoint : batch) {
      checkpoints
          .text(checkpoint.machineId())
          .text(checkpoint.path())
          .text(checkpoint.source())
          .number(checkpoint.size())
          .number(checkpoint.modifiedMillis())
          .number(checkpoint.offset())
          .number(checkpoint.lines())
          .number(checkpoint.fingerprint())
          .text(checkpoint.state())
          .endRow();
    }
    checkpoints.finish();
    staging.ensure();
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM checkpoint_staging");
      statement.execute("INSERT INTO checkpoint_staging SELECT * FROM " + checkpoints.source());
      statement.execute(UPSERT_CHECKPOINTS);
    } finally {
      checkpoints.delete();
    }
  }
}
