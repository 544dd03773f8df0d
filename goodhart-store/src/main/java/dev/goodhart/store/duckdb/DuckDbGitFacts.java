package dev.goodhart.store.duckdb;

import dev.goodhart.model.SharedStrings;
import dev.goodhart.model.git.AiEvidence;
import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.CommitTime;
import dev.goodhart.model.git.LineFate;
import dev.goodhart.model.git.RepositoryRef;
import dev.goodhart.model.git.RepositoryScan;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Commits and line fate in DuckDB. A scan replaces its repository's rows in one transaction; rows
 * arrive through CSV staging files like usage events, with lists written as one string each (items
 * separated by the unit separator, U+001F, which no sha, URL or trailer holds) and split by DuckDB.
 */
final class DuckDbGitFacts {
  private static final String SEPARATOR = "\u001f";

  private final Connection connection;
  private final StagingFile commits;
  private final StagingFile fates;
  private final DuckDbProvenance provenance;

  /** Made at the connection's first scan. */
  private final TempTables staging;

  DuckDbGitFacts(Connection connection, Path dataDirectory, DuckDbProvenance provenance)
      throws SQLException {
    this.connection = connection;
    this.provenance = provenance;
    this.staging =
        new TempTables(
            connection,
            """
          CREATE TEMP TABLE IF NOT EXISTS commit_staging (
            repo_id VARCHAR, sha VARCHAR, walk_order INTEGER, parents VARCHAR, author_id VARCHAR,
            authored_at TIMESTAMPTZ, committed_at TIMESTAMPTZ, subject VARCHAR,
            on_first_parent BOOLEAN, is_merge BOOLEAN, added BIGINT, deleted BIGINT,
            ai_agent VARCHAR, evidence_kinds VARCHAR, evidence_details VARCHAR,
            evidence_confidences VARCHAR, session_ids VARCHAR, pr_number INTEGER, revert_of VARCHAR)
          """,
            """
          CREATE TEMP TABLE IF NOT EXISTS fate_staging (
            repo_id VARCHAR, sha VARCHAR, written BIGINT, shipped BIGINT, alive_at_head BIGINT,
            ai_alive_at_head BIGINT, alive_7d BIGINT, alive_30d BIGINT, alive_90d BIGINT,
            reworked_21d BIGINT, death_days VARCHAR, death_counts VARCHAR)
          """);
    this.commits =
        StagingFile.forTable(
            connection, "commit_staging", dataDirectory.resolve("staging-commits.csv"));
    this.fates =
        StagingFile.forTable(
            connection, "fate_staging", dataDirectory.resolve("staging-fates.csv"));
  }

  synchronized void replace(RepositoryScan scan) throws SQLException, IOException {
    staging.ensure();
    RepositoryRef repository = scan.repository();
    String id = repository.id();
    commits.start();
    fates.start();
    int order = 0;
    for (CommitFact commit : scan.commits()) {
      writeCommit(id, order++, commit);
      writeFate(id, commit);
    }
    commits.finish();
    fates.finish();
    java.util.Map<String, Instant> committedAt = new java.util.HashMap<>();
    scan.commits().forEach(commit -> committedAt.put(commit.sha(), commit.committedAt()));
    try {
      Transactions.inTransaction(
          connection,
          () -> {
            try (Statement statement = connection.createStatement()) {
              statement.execute("DELETE FROM commit_staging");
              statement.execute("DELETE FROM fate_staging");
              statement.execute("INSERT INTO commit_staging SELECT * FROM " + commits.source());
              statement.execute("INSERT INTO fate_staging SELECT * FROM " + fates.source());
              try (PreparedStatement delete =
                      connection.prepareStatement("DELETE FROM \"commit\" WHERE repo_id = ?");
                  PreparedStatement deleteFate =
                      connection.prepareStatement("DELETE FROM line_fate WHERE repo_id = ?")) {
                delete.setString(1, id);
                delete.execute();
                deleteFate.setString(1, id);
                deleteFate.execute();
              }
              statement.execute(
                  ("INSERT INTO \"commit\" SELECT repo_id, sha, walk_order, %s, author_id, authored_at,"
                          + " committed_at, subject, on_first_parent, is_merge, added, deleted, ai_agent, %s, %s,"
                          + " list_transform(%s, lambda c: c::DOUBLE), %s, pr_number, revert_of FROM commit_staging")
                      .formatted(
                          list("parents"),
                          list("evidence_kinds"),
                          list("evidence_details"),
                          list("evidence_confidences"),
                          list("session_ids")));
              statement.execute(
                  ("INSERT INTO line_fate SELECT repo_id, sha, written, shipped, alive_at_head,"
                          + " ai_alive_at_head, alive_7d, alive_30d, alive_90d, reworked_21d,"
                          + " list_transform(%s, lambda d: d::INTEGER), list_transform(%s, lambda d: d::BIGINT)"
                          + " FROM fate_staging")
                      .formatted(list("death_days"), list("death_counts")));
              provenance.replaceLines(scan, committedAt);
              try (PreparedStatement upsert =
                  connection.prepareStatement(
                      """
                    INSERT INTO repository VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (repo_id) DO UPDATE SET path = excluded.path,
                      remote_url = excluded.remote_url, branch = excluded.branch, head = excluded.head,
                      scanned_at = excluded.scanned_at, engine_version = excluded.engine_version,
                      commits = excluded.commits, lines_since = excluded.lines_since
                    """)) {
                upsert.setString(1, id);
                upsert.setString(2, repository.path());
                upsert.setString(3, repository.remoteUrl());
                upsert.setString(4, repository.branch());
                upsert.setString(5, repository.head());
                upsert.setObject(
                    6,
                    java.time.OffsetDateTime.ofInstant(scan.scannedAt(), java.time.ZoneOffset.UTC));
                upsert.setString(7, scan.engineVersion());
                upsert.setLong(8, scan.commits().size());
                upsert.setObject(
                    9,
                    scan.linesSince() == null
                        ? null
                        : java.time.OffsetDateTime.ofInstant(
                            scan.linesSince(), java.time.ZoneOffset.UTC));
                upsert.execute();
              }
            }
            return null;
          });
    } finally {
      commits.delete();
      fates.delete();
    }
  }

  private void writeCommit(String id, int order, CommitFact commit) throws IOException {
    List<String> kinds = new ArrayList<>();
    List<String> details = new ArrayList<>();
    List<String> confidences = new ArrayList<>();
    for (AiEvidence evidence : commit.evidence()) {
      kinds.add(evidence.kind());
      details.add(evidence.detail());
      confidences.add(Double.toString(evidence.confidence()));
    }
    commits
        .text(id)
        .text(commit.sha())
        .number(order)
        .text(joined(commit.parents()))
        .text(commit.authorEmail())
        .time(commit.authoredAt())
        .time(commit.committedAt())
        .text(commit.subject())
        .bool(commit.onFirstParentChain())
        .bool(commit.isMerge())
        .number(commit.added())
        .number(commit.deleted())
        .text(commit.aiAgent())
        .text(joined(kinds))
        .text(joined(details))
        .text(joined(confidences))
        .text(joined(commit.sessionIds()))
        .decimal(commit.prNumber() == null ? null : commit.prNumber().toString())
        .text(commit.revertOf())
        .endRow();
  }

  private void writeFate(String id, CommitFact commit) throws IOException {
    LineFate fate = commit.fate();
    StringJoiner days = new StringJoiner(SEPARATOR);
    for (int day : fate.deathDays()) {
      days.add(Integer.toString(day));
    }
    StringJoiner counts = new StringJoiner(SEPARATOR);
    for (long count : fate.deathCounts()) {
      counts.add(Long.toString(count));
    }
    fates
        .text(id)
        .text(commit.sha())
        .number(fate.written())
        .number(fate.shipped())
        .number(fate.aliveAtHead())
        .number(fate.aiAliveAtHead())
        .decimal(text(fate.alive7d()))
        .decimal(text(fate.alive30d()))
        .decimal(text(fate.alive90d()))
        .decimal(text(fate.reworked21d()))
        .text(days.toString())
        .text(counts.toString())
        .endRow();
  }

  private static @Nullable String text(@Nullable Long value) {
    return value == null ? null : value.toString();
  }

  /** The SQL that turns a staged list column back into a list; "" is the empty list. */
  private static String list(String column) {
    return "CASE WHEN %1$s = '' THEN []::VARCHAR[] ELSE string_split(%1$s, '%2$s') END"
        .formatted(column, SEPARATOR);
  }

  private static String joined(List<String> items) {
    StringJoiner joiner = new StringJoiner(SEPARATOR);
    for (String item : items) {
      joiner.add(item.replace(SEPARATOR, " "));
    }
    return joiner.toString();
  }

  Optional<RepositoryScan.Summary> lastScan(String id) throws SQLException {
    for (RepositoryScan.Summary summary : summaries("WHERE repo_id = ?", id)) {
      return Optional.of(summary);
    }
    return Optional.empty();
  }

  List<RepositoryScan.Summary> repositories() throws SQLException {
    return summaries("", null);
  }

  private List<RepositoryScan.Summary> summaries(String where, @Nullable String id)
      throws SQLException {
    List<RepositoryScan.Summary> found = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT repo_id, path, remote_url, branch, head, epoch_us(scanned_at), engine_version,"
                + " commits, epoch_us(lines_since) FROM repository "
                + where
                + " ORDER BY path")) {
      if (id != null) {
        statement.setString(1, id);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          long since = rows.getLong(9);
          Instant linesSince = rows.wasNull() ? null : micros(since);
          found.add(
              new RepositoryScan.Summary(
                  new RepositoryRef(
                      rows.getString(1),
                      rows.getString(2),
                      rows.getString(3),
                      rows.getString(4),
                      rows.getString(5)),
                  micros(rows.getLong(6)),
                  rows.getString(7),
                  rows.getLong(8),
                  linesSince));
        }
      }
    }
    return found;
  }

  List<CommitTime> commitTimes(String id) throws SQLException {
    List<CommitTime> found = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT sha, epoch_us(committed_at), len(parents) > 1 FROM \"commit\""
                + " WHERE repo_id = ? ORDER BY walk_order")) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          long micros = rows.getLong(2);
          found.add(
              new CommitTime(
                  rows.getString(1),
                  Instant.ofEpochSecond(
                      Math.floorDiv(micros, 1_000_000L),
                      Math.floorMod(micros, 1_000_000L) * 1_000L),
                  rows.getBoolean(3)));
        }
      }
    }
    return found;
  }

  List<CommitFact> commits(String id) throws SQLException {
    List<CommitFact> found = new ArrayList<>();
    // Authors, agents, evidence and parents (the previous commit's sha) repeat commit after
    // commit: one instance of each (a large organisation's repositories hold hundreds of
    // thousands of commits, all read for every report).
    SharedStrings shared = new SharedStrings();
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            SELECT c.sha, c.parents, c.author_id, epoch_us(c.authored_at), epoch_us(c.committed_at),
              c.subject, c.on_first_parent, c.added, c.deleted, c.ai_agent, c.evidence_kinds,
              c.evidence_details, c.evidence_confidences, c.session_ids, c.pr_number, c.revert_of,
              f.written, f.shipped, f.alive_at_head, f.ai_alive_at_head, f.alive_7d, f.alive_30d,
              f.alive_90d, f.reworked_21d, f.death_days, f.death_counts
            FROM "commit" c JOIN line_fate f ON f.repo_id = c.repo_id AND f.sha = c.sha
            WHERE c.repo_id = ? ORDER BY c.walk_order
            """)) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          List<String> kinds = SqlLists.strings(rows.getArray(11));
          List<String> details = SqlLists.strings(rows.getArray(12));
          Object[] confidences = SqlLists.objects(rows.getArray(13));
          List<AiEvidence> evidence = new ArrayList<>();
          for (int i = 0; i < kinds.size(); i++) {
            evidence.add(
                new AiEvidence(
                    shared.of(kinds.get(i)),
                    shared.of(details.get(i)),
                    ((Number) confidences[i]).doubleValue()));
          }
          int[] deathDays = SqlLists.ints(rows.getArray(25));
          long[] deathCounts = SqlLists.longs(rows.getArray(26));
          List<String> parents = new ArrayList<>(SqlLists.strings(rows.getArray(2)));
          parents.replaceAll(shared::of);
          Instant authored = micros(rows.getLong(4));
          long committedMicros = rows.getLong(5);
          found.add(
              new CommitFact(
                  id,
                  shared.of(rows.getString(1)),
                  parents,
                  "",
                  shared.of(rows.getString(3)),
                  authored,
                  committedMicros == rows.getLong(4) ? authored : micros(committedMicros),
                  rows.getString(6),
                  rows.getBoolean(7),
                  rows.getLong(8),
                  rows.getLong(9),
                  shared.ofNullable(rows.getString(10)),
                  evidence,
                  SqlLists.strings(rows.getArray(14)),
                  (Integer) rows.getObject(15),
                  rows.getString(16),
                  new LineFate(
                      rows.getLong(17),
                      rows.getLong(18),
                      rows.getLong(19),
                      rows.getLong(20),
                      nullableLong(rows, 21),
                      nullableLong(rows, 22),
                      nullableLong(rows, 23),
                      nullableLong(rows, 24),
                      deathDays,
                      deathCounts)));
        }
      }
    }
    return found;
  }

  private static @Nullable Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
