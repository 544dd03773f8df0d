package dev.goodhart.store.duckdb;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.git.CommittedLines;
import dev.goodhart.model.git.LineCredit;
import dev.goodhart.model.git.PrintedCommit;
import dev.goodhart.model.git.ProvenanceResult;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The facts of line provenance in DuckDB: the lines commits of the agent era wrote (replaced with
 * their scan, in its transaction), the commits sessions printed as a repository resolved them, and
 * the patch ids of branch commits, kept once computed. Hashes only, never text.
 */
final class DuckDbProvenance {
  private final Connection connection;
  private final StagingFile credits;
  private final StagingFile informative;

  DuckDbProvenance(Connection connection, Path dataDirectory) throws SQLException {
    this.connection = connection;
    this.credits =
        StagingFile.forTable(
            connection, "provenance_credit", dataDirectory.resolve("staging-credits.csv"));
    this.informative =
        StagingFile.forTable(
            connection, "provenance_commit", dataDirectory.resolve("staging-informative.csv"));
  }

  /**
   * Inside the scan's transaction: the repository's lines are the scan's. Appended row by row: a
   * history has a few thousand such rows, each one packed array, and a CSV file in between cost
   * base64 text both ways.
   */
  void replaceLines(RepositoryScan scan, Map<String, Instant> committedAt) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM commit_line WHERE repo_id = ?")) {
      delete.setString(1, scan.repository().id());
      delete.execute();
    }
    try (DuckDBAppender appender =
        connection.unwrap(DuckDBConnection.class).createAppender("commit_line")) {
      for (CommittedLines file : scan.lines()) {
        Instant at = committedAt.get(file.sha());
        if (at == null) {
          continue; // a commit the scan does not hold: nothing to join it to
        }
        appender.beginRow();
        appender.append(scan.repository().id());
        appender.append(file.sha());
        Appending.instant(appender, at);
        appender.append(file.path());
        Appending.text(appender, file.renamedFrom());
        appender.append(file.size());
        appender.append(LinePacking.pack(file));
        appender.append(file.gaps());
        appender.endRow();
      }
    }
  }

  /** A repository's lines, in the order of their commits' times, then by path. */
  void commitLines(String repositoryId, Consumer<CommittedLines> consumer) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            SELECT sha, path, renamed_from, packed, gaps
            FROM commit_line WHERE repo_id = ? ORDER BY committed_at, sha, path
            """)) {
      statement.setString(1, repositoryId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          consumer.accept(
              LinePacking.unpack(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getBytes(4),
                  SqlLists.longs(rows.getArray(5))));
        }
      }
    }
  }

  /** The kept results, when they were computed under {@code fingerprint}. */
  Optional<ProvenanceResult> provenance(String fingerprint) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT count(*) FROM provenance_state WHERE fingerprint = ?")) {
      statement.setString(1, fingerprint);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        if (rows.getLong(1) == 0) {
          return Optional.empty();
        }
      }
    }
    List<LineCredit> found = new ArrayList<>();
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT session_key, repo_id, sha, lines, informative, shipped, alive_at_head,"
                  + " alive_30d FROM provenance_credit")) {
        while (rows.next()) {
          found.add(
              new LineCredit(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getInt(4),
                  rows.getInt(5),
                  rows.getInt(6),
                  rows.getInt(7),
                  rows.getInt(8)));
        }
      }
      try (ResultSet rows =
          statement.executeQuery("SELECT repo_id, sha, informative FROM provenance_commit")) {
        while (rows.next()) {
          counts
              .computeIfAbsent(rows.getString(1), k -> new HashMap<>())
              .put(rows.getString(2), rows.getInt(3));
        }
      }
    }
    return Optional.of(new ProvenanceResult(fingerprint, found, counts));
  }

  /** Keeps results in place of the earlier ones, in one transaction. */
  void saveProvenance(ProvenanceResult result) throws SQLException, IOException {
    credits.start();
    for (LineCredit credit : result.credits()) {
      credits
          .text(credit.session())
          .text(credit.repositoryId())
          .text(credit.sha())
          .number(credit.lines())
          .number(credit.informative())
          .number(credit.shipped())
          .number(credit.aliveAtHead())
          .number(credit.alive30d())
          .endRow();
    }
    credits.finish();
    informative.start();
    for (Map.Entry<String, Map<String, Integer>> repository :
        result.informativeLines().entrySet()) {
      for (Map.Entry<String, Integer> commit : repository.getValue().entrySet()) {
        informative
            .text(repository.getKey())
            .text(commit.getKey())
            .number(commit.getValue())
            .endRow();
      }
    }
    informative.finish();
    try {
      Transactions.inTransaction(
          connection,
          () -> {
            try (Statement statement = connection.createStatement();
                PreparedStatement state =
                    connection.prepareStatement("INSERT INTO provenance_state VALUES (?)")) {
              statement.execute("DELETE FROM provenance_state");
              statement.execute("DELETE FROM provenance_credit");
              statement.execute("DELETE FROM provenance_commit");
              statement.execute("INSERT INTO provenance_credit SELECT * FROM " + credits.source());
              statement.execute(
                  "INSERT INTO provenance_commit SELECT * FROM " + informative.source());
              state.setString(1, result.fingerprint());
              return state.executeUpdate();
            }
          });
    } finally {
      credits.delete();
      informative.delete();
    }
  }

  /**
   * Every agent edit whose lines are known, with their hashes, streamed in no set order: sorting
   * them held every edit's hashes in DuckDB's memory at once, and a long session's did not fit.
   */
  void writtenLines(Consumer<SessionSignal> consumer) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                """
                SELECT source, signal_id, session_id, machine_id, epoch_us(ts), cwd, file_path,
                  line_hashes
                FROM session_signal WHERE kind = 'EDIT' AND len(line_hashes) > 0
                """)) {
      while (rows.next()) {
        long[] hashes = SqlLists.longs(rows.getArray(8));
        consumer.accept(
            new SessionSignal(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                Transactions.instant(rows, 5),
                SessionSignal.Kind.EDIT,
                rows.getString(6),
                null,
                null,
                null,
                null,
                hashes.length,
                null,
                0,
                rows.getString(7),
                hashes));
      }
    }
  }

  /**
   * What the agents' known lines are, in a few numbers: edits, the last one's time, lines. Any edit
   * stored since changes it.
   */
  String writtenLinesFingerprint() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*), coalesce(epoch_us(max(ts)), 0), coalesce(sum(lines), 0)"
                    + " FROM session_signal WHERE kind = 'EDIT' AND len(line_hashes) > 0")) {
      rows.next();
      return rows.getLong(1) + ":" + rows.getLong(2) + ":" + rows.getLong(3);
    }
  }

  List<PrintedCommit> printedCommits(String repositoryId) throws SQLException {
    List<PrintedCommit> found = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            SELECT ref, sha, on_branch, patch_id, epoch_us(committed_at), epoch_us(checked_at)
            FROM printed_commit WHERE repo_id = ? ORDER BY ref
            """)) {
      statement.setString(1, repositoryId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(
              new PrintedCommit(
                  repositoryId,
                  rows.getString(1),
                  rows.getString(2),
                  rows.getBoolean(3),
                  rows.getString(4),
                  Transactions.instant(rows, 5),
                  Transactions.instant(rows, 6)));
        }
      }
    }
    return found;
  }

  /**
   * Keeps the commits as looked up, in place of earlier lookups of the same refs. Through an
   * appender and one upsert: a report's first lookup brings a row per printed sha, hundreds, and
   * multi-row upserts of a hundred parameters each cost it tens of milliseconds.
   */
  void savePrintedCommits(List<PrintedCommit> commits) throws SQLException {
    if (commits.isEmpty()) {
      return;
    }
    Map<String, PrintedCommit> latest = new LinkedHashMap<>();
    commits.forEach(commit -> latest.put(commit.repositoryId() + "\u0000" + commit.ref(), commit));
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TEMP TABLE IF NOT EXISTS printed_commit_staging AS"
              + " SELECT * FROM printed_commit LIMIT 0");
      statement.execute("DELETE FROM printed_commit_staging");
    }
    try (DuckDBAppender appender =
        connection
            .unwrap(DuckDBConnection.class)
            .createAppender("temp", "main", "printed_commit_staging")) {
      for (PrintedCommit commit : latest.values()) {
        appender.beginRow();
        appender.append(commit.repositoryId());
        appender.append(commit.ref());
        Appending.text(appender, commit.sha());
        appender.append(commit.onBranch());
        Appending.text(appender, commit.patchId());
        Appending.instant(appender, commit.committedAt());
        Appending.instant(appender, commit.checkedAt());
        appender.endRow();
      }
    }
    Transactions.inTransaction(
        connection,
        () -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute(
                """
                INSERT INTO printed_commit SELECT * FROM printed_commit_staging
                ON CONFLICT (repo_id, ref) DO UPDATE SET sha = excluded.sha,
                  on_branch = excluded.on_branch, patch_id = excluded.patch_id,
                  committed_at = excluded.committed_at, checked_at = excluded.checked_at
                """);
            statement.execute("DELETE FROM printed_commit_staging");
          }
          return null;
        });
  }

  Map<String, String> patchIds(String repositoryId) throws SQLException {
    Map<String, String> found = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT sha, patch_id FROM commit_patch_id WHERE repo_id = ?")) {
      statement.setString(1, repositoryId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return found;
  }

  void savePatchIds(String repositoryId, Map<String, String> patchIds) throws SQLException {
    Transactions.inTransaction(
        connection,
        () -> {
          BatchedUpserts.upsertAll(
              connection,
              "INSERT INTO commit_patch_id VALUES (?, ?, ?) ON CONFLICT (repo_id, sha)"
                  + " DO UPDATE SET patch_id = excluded.patch_id",
              List.copyOf(patchIds.entrySet()),
              (upsert, entry) -> {
                upsert.setString(1, repositoryId);
                upsert.setString(2, entry.getKey());
                upsert.setString(3, entry.getValue());
              },
              Map.Entry::getKey);
          return null;
        });
  }

  /** The first moment an agent's edit with line hashes was stored: the start of the agent era. */
  Optional<Instant> firstWrittenLine() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT epoch_us(min(ts)) FROM session_signal"
                    + " WHERE kind = 'EDIT' AND len(line_hashes) > 0")) {
      rows.next();
      return Optional.ofNullable(Transactions.instant(rows, 1));
    }
  }

  Map<String, Instant> writtenPaths() throws SQLException {
    Map<String, Instant> paths = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT file_path, epoch_us(min(ts)) FROM session_signal"
                    + " WHERE kind = 'EDIT' AND len(line_hashes) > 0 AND file_path IS NOT NULL"
                    + " GROUP BY file_path")) {
      while (rows.next()) {
        paths.put(rows.getString(1), Transactions.instant(rows, 2));
      }
    }
    return paths;
  }
}
