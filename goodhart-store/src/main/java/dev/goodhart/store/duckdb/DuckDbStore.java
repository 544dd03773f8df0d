package dev.goodhart.store.duckdb;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.FileCheckpoint;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.ImportTransaction;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import dev.goodhart.model.access.ApiToken;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.model.billing.VendorCursor;
import dev.goodhart.model.billing.VendorUsage;
import dev.goodhart.model.delivery.DeliveryBatch;
import dev.goodhart.model.delivery.DeploymentFact;
import dev.goodhart.model.delivery.ForgeCursor;
import dev.goodhart.model.delivery.IncidentFact;
import dev.goodhart.model.delivery.PullRequestCommitFact;
import dev.goodhart.model.delivery.PullRequestFact;
import dev.goodhart.model.delivery.ReviewCommentFact;
import dev.goodhart.model.delivery.ReviewFact;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.CommitTime;
import dev.goodhart.model.git.CommittedLines;
import dev.goodhart.model.git.PrintedCommit;
import dev.goodhart.model.git.ProvenanceResult;
import dev.goodhart.model.git.RepositoryScan;
import dev.goodhart.model.telemetry.MetricDaily;
import dev.goodhart.model.telemetry.MetricPoint;
import dev.goodhart.model.telemetry.MetricSession;
import dev.goodhart.store.CountedEvent;
import dev.goodhart.store.LinkedResults;
import dev.goodhart.store.ServingStore;
import dev.goodhart.store.StoreStatistics;
import dev.goodhart.store.UsageAggregate;
import dev.goodhart.store.UsageFilter;
import dev.goodhart.store.VendorDaily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The store in one DuckDB file, {@code goodhart.duckdb} in the data folder. One connection; not
 * thread-safe.
 */
public final class DuckDbStore implements ServingStore {
  public static final String FILE_NAME = "goodhart.duckdb";

  private final Path file;
  private final Settings settings;

  /** The store a reader was made from; null for the one that opened the file. */
  private final @Nullable DuckDbStore owner;

  /** An owner's open readers: a reopen must close every connection to the old database. */
  private final Set<DuckDbStore> readers = ConcurrentHashMap.newKeySet();

  private volatile Parts parts;

  /**
   * Set when DuckDB invalidated the database after a fatal error (a checkpoint that could not write
   * on a full disk): every connection to it fails from then on, until it is opened again.
   */
  private volatile boolean invalidated;

  /** The environment variable users set to raise the store's memory limit. */
  public static final String MEMORY_VARIABLE = StoreFailures.MEMORY_VARIABLE;

  /**
   * How much DuckDB may use: the memory limit bounds its buffer pool (it spills to the data folder
   * beyond it), threads bound its parallelism. 96 MB holds an import transaction (250,000 events)
   * and every report; DuckDB's memory is most of goodhart's, and a larger pool only made the
   * process bigger, not faster.
   */
  public record Settings(String memoryLimit, int threads) {
    public static Settings defaults() {
      return new Settings("96MB", Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  }

  /**
   * A connection and what reads and writes through it; replaced whole when the file is reopened.
   */
  private record Parts(
      DuckDBConnection connection,
      int schemaVersion,
      DuckDbUsageWriter writer,
      DuckDbUsageQueries queries,
      DuckDbGitFacts gitFacts,
      DuckDbProvenance provenance,
      DuckDbTelemetry telemetry,
      DuckDbDelivery delivery,
      DuckDbAccess access,
      DuckDbBilling billing,
      DuckDbLinkedResults linked) {
    static Parts on(Path file, DuckDBConnection connection, int schemaVersion) throws SQLException {
      DuckDbProvenance provenance = new DuckDbProvenance(connection, file.getParent());
      return new Parts(
          connection,
          schemaVersion,
          new DuckDbUsageWriter(connection, file.getParent()),
          new DuckDbUsageQueries(connection),
          new DuckDbGitFacts(connection, file.getParent(), provenance),
          provenance,
          new DuckDbTelemetry(connection),
          new DuckDbDelivery(connection),
          new DuckDbAccess(connection),
          new DuckDbBilling(connection),
          new DuckDbLinkedResults(connection));
    }
  }

  private DuckDbStore(Path file, Settings settings, @Nullable DuckDbStore owner, Parts parts) {
    this.file = file;
    this.settings = settings;
    this.owner = owner;
    this.parts = parts;
  }

  /** Opens (creating when needed) the store in {@code dataDirectory}. */
  public static DuckDbStore open(Path dataDirectory, Settings settings) {
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new GoodhartException(
          ErrorCode.IO_FAILURE,
          "cannot create the data folder '%s': %s; choose another with --data"
              .formatted(dataDirectory, e.getMessage()),
          e);
    }
    return new DuckDbStore(file, settings, null, openParts(file, settings));
  }

  /** Connects to the file and checks (or brings up to date) its schema. */
  private static Parts openParts(Path file, Settings settings) {
    Properties properties = new Properties();
    properties.setProperty("memory_limit", settings.memoryLimit());
    properties.setProperty("threads", Integer.toString(settings.threads()));
    // Row order is never relied on (every query says its order); keeping it halves load times.
    properties.setProperty("preserve_insertion_order", "false");
    properties.setProperty("temp_directory", file.resolveSibling("spill").toString());
    DuckDBConnection connection;
    try {
      connection =
          (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, properties);
    } catch (SQLException e) {
      throw openFailure(file, e);
    }
    try {
      return Parts.on(file, connection, DuckDbSchema.migrate(connection, file.toString()));
    } catch (SQLException | RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof GoodhartException goodhart) {
        throw goodhart;
      }
      throw new GoodhartException(
          ErrorCode.STORE_FAILURE,
          "cannot prepare the store '%s': %s".formatted(file, e.getMessage()),
          e);
    }
  }

  /**
   * Opens the file again when DuckDB invalidated the database after a fatal error: closes every
   * connection to it (this store's and its readers'), then connects anew; what was committed is
   * there. Returns whether it reopened; throws when the file cannot be opened yet (the disk still
   * full), so that the caller tries again later.
   */
  @Override
  public boolean reopenIfInvalidated() {
    if (owner != null) {
      return owner.reopenIfInvalidated();
    }
    if (!invalidated) {
      return false; // the writer asks at every turn: no lock while all is well
    }
    synchronized (readers) {
      if (!invalidated) {
        return false;
      }
      for (DuckDbStore reader : readers) {
        reader.closeConnection();
      }
      readers.clear();
      closeConnection();
      parts = openParts(file, settings);
      invalidated = false;
      return true;
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public Path directory() {
    return file.getParent();
  }

  /**
   * A second view of the same database on its own connection, for reading while this one writes (a
   * server answers queries while it ingests): DuckDB isolates the two transactions. Close it before
   * this store.
   */
  @Override
  public DuckDbStore reader() {
    if (invalidated) {
      // A read need not wait for the writer to notice: the file opens again at once.
      reopenIfInvalidated();
    }
    Parts current = parts;
    DuckDBConnection connection;
    try {
      connection = current.connection().duplicate();
    } catch (SQLException e) {
      throw failure("cannot open a second connection", e);
    }
    try {
      DuckDbStore reader =
          new DuckDbStore(
              file, settings, this, Parts.on(file, connection, current.schemaVersion()));
      readers.add(reader);
      return reader;
    } catch (SQLException e) {
      // A connection left open would keep an invalidated database from being opened again.
      try {
        connection.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw failure("cannot open a second connection", e);
    }
  }

  @Override
  public void deferCheckpoints(String walLimit) {
    if (!walLimit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]?i?B")) {
      throw new IllegalArgumentException("not a size: " + walLimit);
    }
    execute(
        "SET GLOBAL checkpoint_threshold = '" + walLimit + "'", "cannot set the checkpoint size");
  }

  @Override
  public void checkpoint() {
    execute("CHECKPOINT", "cannot checkpoint");
  }

  private void execute(String sql, String what) {
    DuckDBConnection connection = parts.connection();
    synchronized (connection) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw failure(what, e);
      }
    }
  }

  @Override
  public void appendTelemetry(List<UsageEvent> events, List<SessionSignal> signals) {
    try {
      parts.writer().appendTelemetry(events, signals);
    } catch (SQLException | IOException e) {
      throw failure("cannot store %,d telemetry events".formatted(events.size()), e);
    }
  }

  @Override
  public int recordMetrics(List<MetricPoint> points) {
    try {
      return parts.telemetry().record(points);
    } catch (SQLException e) {
      throw failure("cannot store %,d metric points".formatted(points.size()), e);
    }
  }

  @Override
  public List<MetricDaily> metricsByDay(@Nullable Instant from, @Nullable Instant until) {
    try {
      return parts.telemetry().byDay(from, until);
    } catch (SQLException e) {
      throw failure("cannot read metric points", e);
    }
  }

  @Override
  public List<MetricSession> metricOnlySessions(UsageFilter filter) {
    try {
      return parts.telemetry().metricOnlySessions(filter);
    } catch (SQLException e) {
      throw failure("cannot read the sessions known from metrics", e);
    }
  }

  @Override
  public boolean recordDelivery(DeliveryBatch batch) {
    try {
      return parts.delivery().record(batch, Instant.now());
    } catch (SQLException e) {
      throw failure("cannot store %,d delivery facts".formatted(batch.size()), e);
    }
  }

  @Override
  public void recordImport(DeliveryBatch batch, ForgeCursor progress) {
    try {
      parts.delivery().recordImport(batch, progress);
    } catch (SQLException e) {
      throw failure("cannot store %,d imported facts".formatted(batch.size()), e);
    }
  }

  @Override
  public ForgeCursor forgeCursor(String forge, String repository) {
    try {
      return parts.delivery().cursor(forge, repository);
    } catch (SQLException e) {
      throw failure("cannot read the import cursor of " + repository, e);
    }
  }

  @Override
  public List<PullRequestCommitFact> pullRequestCommits() {
    try {
      return parts.delivery().pullRequestCommits();
    } catch (SQLException e) {
      throw failure("cannot read pull request commits", e);
    }
  }

  @Override
  public List<ReviewCommentFact> reviewComments() {
    try {
      return parts.delivery().reviewComments();
    } catch (SQLException e) {
      throw failure("cannot read review comments", e);
    }
  }

  @Override
  public List<PullRequestFact> pullRequests() {
    try {
      return parts.delivery().pullRequests();
    } catch (SQLException e) {
      throw failure("cannot read pull requests", e);
    }
  }

  @Override
  public List<ReviewFact> reviews() {
    try {
      return parts.delivery().reviews();
    } catch (SQLException e) {
      throw failure("cannot read reviews", e);
    }
  }

  @Override
  public List<DeploymentFact> deployments() {
    try {
      return parts.delivery().deployments();
    } catch (SQLException e) {
      throw failure("cannot read deployments", e);
    }
  }

  @Override
  public List<IncidentFact> incidents() {
    try {
      return parts.delivery().incidents();
    } catch (SQLException e) {
      throw failure("cannot read incidents", e);
    }
  }

  @Override
  public void recordVendorUsage(List<VendorUsage> rows, List<VendorCursor> progress) {
    try {
      parts.billing().record(rows, progress);
    } catch (SQLException e) {
      throw failure("cannot store %,d vendor report rows".formatted(rows.size()), e);
    }
  }

  @Override
  public Optional<Instant> vendorCursor(Vendor vendor, String report, String scope) {
    try {
      return parts.billing().cursor(vendor, report, scope);
    } catch (SQLException e) {
      throw failure("cannot read the import cursor of %s %s".formatted(vendor.title(), report), e);
    }
  }

  @Override
  public List<VendorDaily> vendorUsageByDay(@Nullable LocalDate from, @Nullable LocalDate until) {
    try {
      return parts.billing().byDay(from, until);
    } catch (SQLException e) {
      throw failure("cannot sum vendor reports", e);
    }
  }

  @Override
  public Set<String> vendorPeople(@Nullable Instant from, @Nullable Instant until) {
    try {
      return parts.billing().people(from, until);
    } catch (SQLException e) {
      throw failure("cannot read the people of vendor reports", e);
    }
  }

  @Override
  public void saveToken(ApiToken token) {
    try {
      parts.access().saveToken(token);
    } catch (SQLException e) {
      throw failure("cannot store token " + token.id(), e);
    }
  }

  @Override
  public Optional<ApiToken> token(String id) {
    try {
      return parts.access().token(id);
    } catch (SQLException e) {
      throw failure("cannot read token " + id, e);
    }
  }

  @Override
  public List<ApiToken> tokens() {
    try {
      return parts.access().tokens();
    } catch (SQLException e) {
      throw failure("cannot read tokens", e);
    }
  }

  @Override
  public boolean revokeToken(String id, Instant at) {
    try {
      return parts.access().revokeToken(id, at);
    } catch (SQLException e) {
      throw failure("cannot revoke token " + id, e);
    }
  }

  @Override
  public Map<String, String> teams() {
    try {
      return parts.access().teams();
    } catch (SQLException e) {
      throw failure("cannot read teams", e);
    }
  }

  @Override
  public void replaceTeams(Map<String, String> teams) {
    try {
      parts.access().replaceTeams(teams);
    } catch (SQLException e) {
      throw failure("cannot store teams", e);
    }
  }

  @Override
  public Map<String, FileCheckpoint> checkpoints(String machineId) {
    Map<String, FileCheckpoint> checkpoints = new LinkedHashMap<>();
    try (PreparedStatement statement =
        parts
            .connection()
            .prepareStatement(
                "SELECT source, path, size, modified_millis, read_offset, lines, fingerprint, parser_state"
                    + " FROM file_checkpoint WHERE machine_id = ?")) {
      statement.setString(1, machineId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          FileCheckpoint checkpoint =
              new FileCheckpoint(
                  rows.getString(1),
                  machineId,
                  rows.getString(2),
                  rows.getLong(3),
                  rows.getLong(4),
                  rows.getLong(5),
                  rows.getLong(6),
                  rows.getLong(7),
                  rows.getString(8));
          checkpoints.put(checkpoint.path(), checkpoint);
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read file checkpoints", e);
    }
    return checkpoints;
  }

  @Override
  public ImportTransaction beginImport() {
    return parts.writer().begin(file);
  }

  @Override
  public void registerMachine(String machineId, String label) {
    try (PreparedStatement statement =
        parts
            .connection()
            .prepareStatement(
                "INSERT INTO machine VALUES (?, ?) ON CONFLICT (machine_id) DO UPDATE SET label = excluded.label")) {
      statement.setString(1, machineId);
      statement.setString(2, label);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw failure("cannot record machine " + label, e);
    }
  }

  @Override
  public Map<String, String> machines() {
    Map<String, String> machines = new LinkedHashMap<>();
    try (Statement statement = parts.connection().createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT machine_id, label FROM machine ORDER BY label")) {
      while (rows.next()) {
        machines.put(rows.getString(1), rows.getString(2));
      }
    } catch (SQLException e) {
      throw failure("cannot read machines", e);
    }
    return machines;
  }

  @Override
  public List<UsageAggregate> usageBySlot(UsageFilter filter, Duration slot) {
    if (slot.isZero() || slot.isNegative() || Duration.ofDays(1).toNanos() % slot.toNanos() != 0) {
      throw new IllegalArgumentException("a slot must divide a day: " + slot);
    }
    try {
      return parts.queries().bySlot(filter, slot);
    } catch (SQLException e) {
      throw failure("cannot sum usage", e);
    }
  }

  @Override
  public List<UsageAggregate> usageBySession(UsageFilter filter) {
    try {
      return parts.queries().bySession(filter);
    } catch (SQLException e) {
      throw failure("cannot sum usage by session", e);
    }
  }

  @Override
  public List<String> usageMachineIds() {
    try {
      return parts.queries().machineIds();
    } catch (SQLException e) {
      throw failure("cannot read who has usage", e);
    }
  }

  @Override
  public List<UsageAggregate> usageBySessionDay(UsageFilter filter) {
    try {
      return parts.queries().bySessionDay(filter);
    } catch (SQLException e) {
      throw failure("cannot sum usage by session and day", e);
    }
  }

  @Override
  public long usageSessionCount(UsageFilter filter) {
    try {
      return parts.queries().sessionCount(filter);
    } catch (SQLException e) {
      throw failure("cannot count sessions", e);
    }
  }

  @Override
  public void usageBySessionDay(UsageFilter filter, Consumer<UsageAggregate> consumer) {
    try {
      parts.queries().bySessionDay(filter, false, consumer);
    } catch (SQLException e) {
      throw failure("cannot sum usage by session and day", e);
    }
  }

  /**
   * Counted usage per session and day summed from the events themselves, not read from the table
   * every write keeps ({@link #usageBySessionDay}): what that table is checked against (tests
   * compute whole reports both ways).
   */
  public List<UsageAggregate> usageBySessionDayFromEvents(UsageFilter filter) {
    try {
      return parts.queries().bySessionDay(filter, true);
    } catch (SQLException e) {
      throw failure("cannot sum usage by session and day", e);
    }
  }

  @Override
  public void scanEvents(UsageFilter filter, Consumer<CountedEvent> consumer) {
    try {
      parts.queries().scan(filter, consumer);
    } catch (SQLException e) {
      throw failure("cannot read usage events", e);
    }
  }

  @Override
  public List<SessionSignal> signals() {
    List<SessionSignal> signals = new ArrayList<>();
    try (Statement statement = parts.connection().createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT source, signal_id, session_id, machine_id, epoch_us(ts), kind, cwd, git_branch,"
                    + " repository_url, commit_ref, commit_branch, lines, text_hash, text_length,"
                    + " file_path FROM session_signal ORDER BY session_id, ts, signal_id")) {
      while (rows.next()) {
        signals.add(
            new SessionSignal(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                Instant.EPOCH.plus(rows.getLong(5), ChronoUnit.MICROS),
                SessionSignal.Kind.valueOf(rows.getString(6)),
                rows.getString(7),
                rows.getString(8),
                rows.getString(9),
                rows.getString(10),
                rows.getString(11),
                rows.getLong(12),
                rows.getString(13),
                rows.getInt(14),
                rows.getString(15),
                new long[0]));
      }
    } catch (SQLException e) {
      throw failure("cannot read session signals", e);
    }
    return signals;
  }

  @Override
  public StoreStatistics statistics() {
    try (Statement statement = parts.connection().createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM usage_event), (SELECT count(*) FROM usage_event WHERE counted),"
                    + " (SELECT count(*) FROM file_checkpoint)")) {
      rows.next();
      return new StoreStatistics(
          parts.schemaVersion(), rows.getLong(1), rows.getLong(2), rows.getLong(3));
    } catch (SQLException e) {
      throw failure("cannot count stored facts", e);
    }
  }

  @Override
  public void replaceScan(RepositoryScan scan) {
    try {
      parts.gitFacts().replace(scan);
    } catch (SQLException | IOException e) {
      throw failure(
          "cannot store the scan of %s (%,d commits)"
              .formatted(scan.repository().path(), scan.commits().size()),
          e);
    }
  }

  @Override
  public Optional<RepositoryScan.Summary> lastScan(String repositoryId) {
    try {
      return parts.gitFacts().lastScan(repositoryId);
    } catch (SQLException e) {
      throw failure("cannot read the last scan of repository " + repositoryId, e);
    }
  }

  @Override
  public List<RepositoryScan.Summary> repositories() {
    try {
      return parts.gitFacts().repositories();
    } catch (SQLException e) {
      throw failure("cannot list the scanned repositories", e);
    }
  }

  @Override
  public void commitLines(String repositoryId, Consumer<CommittedLines> consumer) {
    try {
      parts.provenance().commitLines(repositoryId, consumer);
    } catch (SQLException e) {
      throw failure("cannot read the lines of repository " + repositoryId, e);
    }
  }

  @Override
  public void writtenLines(Consumer<SessionSignal> consumer) {
    try {
      parts.provenance().writtenLines(consumer);
    } catch (SQLException e) {
      throw failure("cannot read the lines agents wrote", e);
    }
  }

  @Override
  public List<String[]> sessionsWithWrittenLines() {
    List<String[]> sessions = new ArrayList<>();
    try (Statement statement = parts.connection().createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT DISTINCT source, session_id FROM session_signal"
                    + " WHERE kind = 'EDIT' AND len(line_hashes) > 0")) {
      while (rows.next()) {
        sessions.add(new String[] {rows.getString(1), rows.getString(2)});
      }
    } catch (SQLException e) {
      throw failure("cannot read the sessions whose lines are known", e);
    }
    return sessions;
  }

  @Override
  public String writtenLinesFingerprint() {
    try {
      return parts.provenance().writtenLinesFingerprint();
    } catch (SQLException e) {
      throw failure("cannot count the lines agents wrote", e);
    }
  }

  @Override
  public Optional<ProvenanceResult> provenance(String fingerprint) {
    try {
      return parts.provenance().provenance(fingerprint);
    } catch (SQLException e) {
      throw failure("cannot read line provenance's results", e);
    }
  }

  @Override
  public void saveProvenance(ProvenanceResult result) {
    try {
      parts.provenance().saveProvenance(result);
    } catch (SQLException | IOException e) {
      throw failure("cannot keep line provenance's results", e);
    }
  }

  @Override
  public void saveLinkedResults(LinkedResults results) {
    try {
      parts.linked().save(results);
    } catch (SQLException e) {
      throw failure("cannot keep the linking's results", e);
    }
  }

  @Override
  public Optional<Instant> linkedAt(String linking) {
    try {
      return parts.linked().linkedAt(linking);
    } catch (SQLException e) {
      throw failure("cannot read when the kept links were made", e);
    }
  }

  @Override
  public Optional<Map<String, LinkedResults.Sums>> linkedSums(
      String linking,
      @Nullable Map<String, ? extends Collection<String>> groups,
      @Nullable String repositoryId) {
    try {
      return parts.linked().sums(linking, groups, repositoryId);
    } catch (SQLException e) {
      throw failure("cannot sum the kept links", e);
    }
  }

  @Override
  public Optional<List<LinkedResults.RepositorySums>> linkedByRepository(
      String linking, @Nullable Collection<String> persons, @Nullable String repositoryId) {
    try {
      return parts.linked().byRepository(linking, persons, repositoryId);
    } catch (SQLException e) {
      throw failure("cannot sum the kept links by repository", e);
    }
  }

  @Override
  public List<String> printedRefs() {
    List<String> refs = new ArrayList<>();
    try (Statement statement = parts.connection().createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT DISTINCT commit_ref FROM session_signal"
                    + " WHERE kind = 'COMMIT' AND commit_ref IS NOT NULL ORDER BY 1")) {
      while (rows.next()) {
        refs.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw failure("cannot read the commits sessions printed", e);
    }
    return refs;
  }

  @Override
  public List<PrintedCommit> printedCommits(String repositoryId) {
    try {
      return parts.provenance().printedCommits(repositoryId);
    } catch (SQLException e) {
      throw failure("cannot read the printed commits of repository " + repositoryId, e);
    }
  }

  @Override
  public void savePrintedCommits(List<PrintedCommit> commits) {
    try {
      parts.provenance().savePrintedCommits(commits);
    } catch (SQLException e) {
      throw failure("cannot store %,d printed commits".formatted(commits.size()), e);
    }
  }

  @Override
  public Map<String, String> patchIds(String repositoryId) {
    try {
      return parts.provenance().patchIds(repositoryId);
    } catch (SQLException e) {
      throw failure("cannot read the patch ids of repository " + repositoryId, e);
    }
  }

  @Override
  public void savePatchIds(String repositoryId, Map<String, String> patchIds) {
    try {
      parts.provenance().savePatchIds(repositoryId, patchIds);
    } catch (SQLException e) {
      throw failure("cannot store %,d patch ids".formatted(patchIds.size()), e);
    }
  }

  @Override
  public Map<String, Instant> writtenPaths() {
    try {
      return parts.provenance().writtenPaths();
    } catch (SQLException e) {
      throw failure("cannot read which files agents wrote", e);
    }
  }

  @Override
  public Optional<Instant> firstWrittenLine() {
    try {
      return parts.provenance().firstWrittenLine();
    } catch (SQLException e) {
      throw failure("cannot read when agents first wrote", e);
    }
  }

  @Override
  public List<CommitFact> commits(String repositoryId) {
    try {
      return parts.gitFacts().commits(repositoryId);
    } catch (SQLException e) {
      throw failure("cannot read the commits of repository " + repositoryId, e);
    }
  }

  @Override
  public List<CommitTime> commitTimes(String repositoryId) {
    try {
      return parts.gitFacts().commitTimes(repositoryId);
    } catch (SQLException e) {
      throw failure("cannot read the commit times of repository " + repositoryId, e);
    }
  }

  @Override
  public void close() {
    if (owner != null) {
      owner.readers.remove(this);
    }
    try {
      parts.connection().close();
    } catch (SQLException e) {
      throw failure("cannot close the store", e);
    }
  }

  /** Closes the connection, whatever state an invalidated database left it in. */
  private void closeConnection() {
    try {
      parts.connection().close();
    } catch (SQLException e) {
      // An invalidated database's connections close with errors; they are closed all the same.
    }
  }

  private GoodhartException failure(String what, Exception e) {
    String message = String.valueOf(e.getMessage());
    if (StoreFailures.isInvalidated(message)) {
      (owner != null ? owner : this).invalidated = true;
    } else if (owner == null && StoreFailures.isStuck(message)) {
      // Only the owner's connection lives on; a reader's is closed after its request.
      invalidated = true;
    }
    return StoreFailures.of(what, file, e);
  }

  private static GoodhartException openFailure(Path file, SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
      int holder = message.indexOf("Conflicting lock is held in");
      String who =
          holder >= 0 ? " (" + message.substring(holder).split("\\. ")[0].trim() + ")" : "";
      return new GoodhartException(
          ErrorCode.STORE_LOCKED,
          "the store '%s' is in use by another goodhart process%s; wait for it to finish, or give this one its own --data folder"
              .formatted(file, who),
          e);
    }
    return new GoodhartException(
        ErrorCode.STORE_FAILURE, "cannot open the store '%s': %s".formatted(file, message), e);
  }
}
