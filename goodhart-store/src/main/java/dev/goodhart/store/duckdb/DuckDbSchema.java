package dev.goodhart.store.duckdb;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The schema as an ordered list of migrations. A store file records the versions applied; opening
 * it applies the missing ones (whatever their number: a store may hold a later step before an
 * earlier one), each in its own transaction, and refuses a file written by a newer goodhart.
 */
final class DuckDbSchema {
  /** One step of the schema's history. Never edit a released step; add a new one. */
  record Migration(int version, String description, List<String> statements) {}

  static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              1,
              "usage events, file checkpoints, machines",
              List.of(
                  """
                  CREATE TABLE usage_event (
                    event_id UUID PRIMARY KEY,
                    source VARCHAR NOT NULL,
                    dedup_group UUID,
                    is_sidechain BOOLEAN NOT NULL,
                    counted BOOLEAN NOT NULL,
                    ts TIMESTAMPTZ NOT NULL,
                    session_id VARCHAR NOT NULL,
                    project VARCHAR,
                    cwd VARCHAR,
                    git_branch VARCHAR,
                    machine_id VARCHAR NOT NULL,
                    provider VARCHAR,
                    model VARCHAR NOT NULL,
                    is_fast BOOLEAN NOT NULL,
                    input_tokens BIGINT NOT NULL,
                    output_tokens BIGINT NOT NULL,
                    cache_read_tokens BIGINT NOT NULL,
                    cache_write_5m_tokens BIGINT NOT NULL,
                    cache_write_1h_tokens BIGINT NOT NULL,
                    reasoning_tokens BIGINT NOT NULL,
                    total_tokens BIGINT NOT NULL,
                    long_context BOOLEAN NOT NULL,
                    reported_cost_usd DECIMAL(38, 18)
                  )""",
                  """
                  CREATE TABLE file_checkpoint (
                    machine_id VARCHAR NOT NULL,
                    path VARCHAR NOT NULL,
                    source VARCHAR NOT NULL,
                    size BIGINT NOT NULL,
                    modified_millis BIGINT NOT NULL,
                    read_offset BIGINT NOT NULL,
                    lines BIGINT NOT NULL,
                    fingerprint BIGINT NOT NULL,
                    parser_state VARCHAR NOT NULL,
                    PRIMARY KEY (machine_id, path)
                  )""",
                  """
                  CREATE TABLE machine (
                    machine_id VARCHAR PRIMARY KEY,
                    label VARCHAR NOT NULL
                  )""")),
          new Migration(
              2,
              "usage events without a primary key index",
              // DuckDB keeps a primary key as an ART index that every insert updates and every
              // commit writes out: on a cold import of 350,000 events it cost more than loading
              // them. Event ids stay unique because the one writer inserts only ids not yet stored.
              List.of(
                  "ALTER TABLE usage_event RENAME TO usage_event_v1",
                  """
                  CREATE TABLE usage_event (
                    event_id UUID NOT NULL,
                    source VARCHAR NOT NULL,
                    dedup_group UUID,
                    is_sidechain BOOLEAN NOT NULL,
                    counted BOOLEAN NOT NULL,
                    ts TIMESTAMPTZ NOT NULL,
                    session_id VARCHAR NOT NULL,
                    project VARCHAR,
                    cwd VARCHAR,
                    git_branch VARCHAR,
                    machine_id VARCHAR NOT NULL,
                    provider VARCHAR,
                    model VARCHAR NOT NULL,
                    is_fast BOOLEAN NOT NULL,
                    input_tokens BIGINT NOT NULL,
                    output_tokens BIGINT NOT NULL,
                    cache_read_tokens BIGINT NOT NULL,
                    cache_write_5m_tokens BIGINT NOT NULL,
                    cache_write_1h_tokens BIGINT NOT NULL,
                    reasoning_tokens BIGINT NOT NULL,
                    total_tokens BIGINT NOT NULL,
                    long_context BOOLEAN NOT NULL,
                    reported_cost_usd DECIMAL(38, 18)
                  )""",
                  "INSERT INTO usage_event SELECT * FROM usage_event_v1",
                  "DROP TABLE usage_event_v1")),
          new Migration(
              3,
              "repositories, commits and line fate",
              List.of(
                  """
                  CREATE TABLE repository (
                    repo_id VARCHAR PRIMARY KEY,
                    path VARCHAR NOT NULL,
                    remote_url VARCHAR,
                    branch VARCHAR NOT NULL,
                    head VARCHAR NOT NULL,
                    scanned_at TIMESTAMPTZ NOT NULL,
                    engine_version VARCHAR NOT NULL,
                    commits BIGINT NOT NULL
                  )""",
                  // One row per commit reachable from the branch head. Authors are pseudonyms.
                  """
                  CREATE TABLE "commit" (
                    repo_id VARCHAR NOT NULL,
                    sha VARCHAR NOT NULL,
                    walk_order INTEGER NOT NULL,
                    parents VARCHAR[] NOT NULL,
                    author_id VARCHAR NOT NULL,
                    authored_at TIMESTAMPTZ NOT NULL,
                    committed_at TIMESTAMPTZ NOT NULL,
                    subject VARCHAR NOT NULL,
                    on_first_parent BOOLEAN NOT NULL,
                    is_merge BOOLEAN NOT NULL,
                    added BIGINT NOT NULL,
                    deleted BIGINT NOT NULL,
                    ai_agent VARCHAR,
                    evidence_kinds VARCHAR[] NOT NULL,
                    evidence_details VARCHAR[] NOT NULL,
                    evidence_confidences DOUBLE[] NOT NULL,
                    session_ids VARCHAR[] NOT NULL,
                    pr_number INTEGER,
                    revert_of VARCHAR
                  )""",
                  """
                  CREATE TABLE line_fate (
                    repo_id VARCHAR NOT NULL,
                    sha VARCHAR NOT NULL,
                    written BIGINT NOT NULL,
                    shipped BIGINT NOT NULL,
                    alive_at_head BIGINT NOT NULL,
                    ai_alive_at_head BIGINT NOT NULL,
                    alive_7d BIGINT,
                    alive_30d BIGINT,
                    alive_90d BIGINT,
                    reworked_21d BIGINT,
                    death_days INTEGER[] NOT NULL,
                    death_counts BIGINT[] NOT NULL
                  )""")),
          new Migration(
              4,
              "what sessions did: commits their tools printed, lines their edits wrote, prompts",
              // No prompt or code text: a prompt is a hash and a length, an edit a line count.
              List.of(
                  """
                  CREATE TABLE session_signal (
                    signal_id UUID NOT NULL,
                    source VARCHAR NOT NULL,
                    session_id VARCHAR NOT NULL,
                    machine_id VARCHAR NOT NULL,
                    ts TIMESTAMPTZ NOT NULL,
                    kind VARCHAR NOT NULL,
                    cwd VARCHAR,
                    git_branch VARCHAR,
                    repository_url VARCHAR,
                    commit_ref VARCHAR,
                    commit_branch VARCHAR,
                    lines BIGINT NOT NULL,
                    text_hash VARCHAR,
                    text_length INTEGER NOT NULL
                  )""")),
          new Migration(
              5,
              "the organisation server: API tokens, teams, metric points, delivery events",
              // Tokens are kept as hashes; people as pseudonyms; no titles or messages.
              List.of(
                  """
                  CREATE TABLE api_token (
                    token_id VARCHAR PRIMARY KEY,
                    secret_hash VARCHAR NOT NULL,
                    scopes VARCHAR NOT NULL,
                    name VARCHAR NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    revoked_at TIMESTAMPTZ
                  )""",
                  """
                  CREATE TABLE team_member (
                    person_id VARCHAR PRIMARY KEY,
                    team VARCHAR NOT NULL
                  )""",
                  // Every value is an increment: cumulative points are differenced on arrival.
                  """
                  CREATE TABLE metric_point (
                    point_id VARCHAR PRIMARY KEY,
                    source VARCHAR NOT NULL,
                    metric VARCHAR NOT NULL,
                    series_key VARCHAR NOT NULL,
                    start_ts TIMESTAMPTZ,
                    ts TIMESTAMPTZ NOT NULL,
                    value DOUBLE NOT NULL,
                    count BIGINT NOT NULL,
                    session_id VARCHAR,
                    person_id VARCHAR,
                    model VARCHAR,
                    type VARCHAR,
                    attributes VARCHAR NOT NULL
                  )""",
                  """
                  CREATE TABLE metric_series (
                    series_key VARCHAR PRIMARY KEY,
                    start_ts TIMESTAMPTZ,
                    last_ts TIMESTAMPTZ NOT NULL,
                    last_value DOUBLE NOT NULL,
                    last_count BIGINT NOT NULL
                  )""",
                  """
                  CREATE TABLE webhook_delivery (
                    delivery_id VARCHAR PRIMARY KEY,
                    received_at TIMESTAMPTZ NOT NULL
                  )""",
                  """
                  CREATE TABLE pull_request (
                    repository VARCHAR NOT NULL,
                    number INTEGER NOT NULL,
                    state VARCHAR NOT NULL,
                    author_id VARCHAR,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL,
                    merged_at TIMESTAMPTZ,
                    closed_at TIMESTAMPTZ,
                    merge_commit_sha VARCHAR,
                    head_sha VARCHAR,
                    base_ref VARCHAR,
                    additions INTEGER NOT NULL,
                    deletions INTEGER NOT NULL,
                    commits INTEGER NOT NULL,
                    PRIMARY KEY (repository, number)
                  )""",
                  """
                  CREATE TABLE review (
                    review_id BIGINT PRIMARY KEY,
                    repository VARCHAR NOT NULL,
                    pull_request INTEGER NOT NULL,
                    state VARCHAR NOT NULL,
                    reviewer_id VARCHAR,
                    submitted_at TIMESTAMPTZ NOT NULL
                  )""",
                  """
                  CREATE TABLE push (
                    repository VARCHAR NOT NULL,
                    ref VARCHAR NOT NULL,
                    before_sha VARCHAR NOT NULL,
                    after_sha VARCHAR NOT NULL,
                    commits INTEGER NOT NULL,
                    forced BOOLEAN NOT NULL,
                    pushed_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (repository, ref, after_sha)
                  )""",
                  """
                  CREATE TABLE deployment (
                    source VARCHAR NOT NULL,
                    deployment_id VARCHAR NOT NULL,
                    repository VARCHAR NOT NULL,
                    sha VARCHAR NOT NULL,
                    environment VARCHAR NOT NULL,
                    status VARCHAR NOT NULL,
                    reported_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (source, deployment_id)
                  )""",
                  """
                  CREATE TABLE incident (
                    source VARCHAR NOT NULL,
                    incident_id VARCHAR NOT NULL,
                    repository VARCHAR,
                    severity VARCHAR NOT NULL,
                    opened_at TIMESTAMPTZ NOT NULL,
                    resolved_at TIMESTAMPTZ,
                    deployment_id VARCHAR,
                    commits VARCHAR[] NOT NULL,
                    PRIMARY KEY (source, incident_id)
                  )""")),
          new Migration(
              6,
              "line provenance: the lines agents wrote, the lines commits wrote, printed commits",
              // Hashes of lines, never their text.
              List.of(
                  "ALTER TABLE session_signal ADD COLUMN file_path VARCHAR",
                  "ALTER TABLE session_signal ADD COLUMN line_hashes BIGINT[]",
                  "ALTER TABLE repository ADD COLUMN lines_since TIMESTAMPTZ",
                  // One row per commit and file: the commit's own lines there, and their fate,
                  // packed (LinePacking): a report reads every line of the agent era, and lists
                  // cost a boxed object per number on the way out.
                  """
                  CREATE TABLE commit_line (
                    repo_id VARCHAR NOT NULL,
                    sha VARCHAR NOT NULL,
                    committed_at TIMESTAMPTZ NOT NULL,
                    path VARCHAR NOT NULL,
                    renamed_from VARCHAR,
                    line_count INTEGER NOT NULL,
                    packed BLOB NOT NULL,
                    gaps BIGINT[] NOT NULL
                  )""",
                  """
                  CREATE TABLE printed_commit (
                    repo_id VARCHAR NOT NULL,
                    ref VARCHAR NOT NULL,
                    sha VARCHAR,
                    on_branch BOOLEAN NOT NULL,
                    patch_id VARCHAR,
                    committed_at TIMESTAMPTZ,
                    checked_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (repo_id, ref)
                  )""",
                  """
                  CREATE TABLE commit_patch_id (
                    repo_id VARCHAR NOT NULL,
                    sha VARCHAR NOT NULL,
                    patch_id VARCHAR NOT NULL,
                    PRIMARY KEY (repo_id, sha)
                  )""",
                  // Line provenance's last results, read while their facts have not changed.
                  """
                  CREATE TABLE provenance_state (
                    fingerprint VARCHAR NOT NULL
                  )""",
                  """
                  CREATE TABLE provenance_credit (
                    session_key VARCHAR NOT NULL,
                    repo_id VARCHAR NOT NULL,
                    sha VARCHAR NOT NULL,
                    lines INTEGER NOT NULL,
                    informative INTEGER NOT NULL,
                    shipped INTEGER NOT NULL,
                    alive_at_head INTEGER NOT NULL,
                    alive_30d INTEGER NOT NULL
                  )""",
                  """
                  CREATE TABLE provenance_commit (
                    repo_id VARCHAR NOT NULL,
                    sha VARCHAR NOT NULL,
                    informative INTEGER NOT NULL
                  )""")),
          new Migration(
              7,
              "pull requests from forges: their commits, review comments, the import cursor",
              // Reviews are keyed by repository as well: GitLab's note ids and GitHub's review ids
              // are counted apart, and would meet. Still no titles, bodies or comment text.
              List.of(
                  "ALTER TABLE pull_request ADD COLUMN head_ref VARCHAR",
                  "ALTER TABLE pull_request ADD COLUMN draft BOOLEAN DEFAULT false",
                  "ALTER TABLE pull_request ADD COLUMN merged_by_id VARCHAR",
                  "ALTER TABLE review RENAME TO review_before_7",
                  """
                  CREATE TABLE review (
                    review_id BIGINT NOT NULL,
                    repository VARCHAR NOT NULL,
                    pull_request INTEGER NOT NULL,
                    state VARCHAR NOT NULL,
                    reviewer_id VARCHAR,
                    submitted_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (repository, review_id)
                  )""",
                  "INSERT INTO review SELECT * FROM review_before_7",
                  "DROP TABLE review_before_7",
                  """
                  CREATE TABLE pull_request_commit (
                    repository VARCHAR NOT NULL,
                    number INTEGER NOT NULL,
                    sha VARCHAR NOT NULL,
                    authored_at TIMESTAMPTZ,
                    author_id VARCHAR,
                    PRIMARY KEY (repository, number, sha)
                  )""",
                  """
                  CREATE TABLE review_comment (
                    repository VARCHAR NOT NULL,
                    pull_request INTEGER NOT NULL,
                    comment_id BIGINT NOT NULL,
                    review_id BIGINT,
                    author_id VARCHAR,
                    created_at TIMESTAMPTZ NOT NULL,
                    path VARCHAR,
                    PRIMARY KEY (repository, comment_id)
                  )""",
                  """
                  CREATE TABLE forge_cursor (
                    forge VARCHAR NOT NULL,
                    repository VARCHAR NOT NULL,
                    updated_through TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (forge, repository)
                  )""",
                  """
                  CREATE TABLE forge_etag (
                    forge VARCHAR NOT NULL,
                    repository VARCHAR NOT NULL,
                    resource VARCHAR NOT NULL,
                    etag VARCHAR NOT NULL,
                    PRIMARY KEY (forge, repository, resource)
                  )""",
                  """
                  CREATE TABLE forge_pull_request (
                    forge VARCHAR NOT NULL,
                    repository VARCHAR NOT NULL,
                    number INTEGER NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (forge, repository, number)
                  )""")),
          new Migration(
              8,
              "vendor invoices: cost and usage reports of Anthropic, OpenAI, Copilot, Cursor",
              // Exact dollars; people as pseudonyms. A row is known by its bucket and line key.
              List.of(
                  """
                  CREATE TABLE vendor_usage (
                    vendor VARCHAR NOT NULL,
                    report VARCHAR NOT NULL,
                    bucket_start TIMESTAMPTZ NOT NULL,
                    bucket_end TIMESTAMPTZ NOT NULL,
                    line_key VARCHAR NOT NULL,
                    grouping VARCHAR NOT NULL,
                    model VARCHAR,
                    workspace VARCHAR,
                    api_key VARCHAR,
                    line_item VARCHAR,
                    person_id VARCHAR,
                    amount_usd DECIMAL(38, 18),
                    list_amount_usd DECIMAL(38, 18),
                    estimated BOOLEAN NOT NULL,
                    input_tokens BIGINT NOT NULL,
                    output_tokens BIGINT NOT NULL,
                    cache_read_tokens BIGINT NOT NULL,
                    cache_write_tokens BIGINT NOT NULL,
                    requests DECIMAL(38, 9),
                    PRIMARY KEY (vendor, report, bucket_start, line_key)
                  )""",
                  """
                  CREATE TABLE vendor_cursor (
                    vendor VARCHAR NOT NULL,
                    report VARCHAR NOT NULL,
                    scope VARCHAR NOT NULL,
                    last_bucket TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (vendor, report, scope)
                  )""")),
          new Migration(
              9,
              "one count per request: a request's key across telemetry and transcripts",
              // Rows stored before have no key: they are never matched across the two origins.
              List.of(
                  "ALTER TABLE usage_event ADD COLUMN request_key UUID",
                  "ALTER TABLE usage_event ADD COLUMN from_telemetry BOOLEAN DEFAULT false")),
          new Migration(
              10,
              "counted usage per session and day, kept by every write",
              List.of(SessionDayUsage.TABLE_DEFINITION, SessionDayUsage.fill())),
          new Migration(
              11,
              "each linking's results per session, for figures over any group of its sessions",
              DuckDbLinkedResults.TABLES));

  static final int LATEST = MIGRATIONS.getLast().version();

  private DuckDbSchema() {}

  /** Brings the file's schema up to date; returns the version it is at. */
  static int migrate(Connection connection, String location) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + "version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)");
    }
    int current = currentVersion(connection);
    if (current > LATEST) {
      throw new GoodhartException(
          ErrorCode.STORE_FAILURE,
          "the store '%s' has schema version %d, newer than this goodhart knows (%d); upgrade goodhart, or use another --data folder"
              .formatted(location, current, LATEST));
    }
    // Every missing step, not only those above the newest: branches developed side by side take
    // numbers in advance, so a store may hold a later step (9) before an earlier one (8).
    Set<Integer> applied = appliedVersions(connection);
    for (Migration migration : MIGRATIONS) {
      if (applied.contains(migration.version())) {
        continue;
      }
      Transactions.inTransaction(
          connection,
          () -> {
            try (Statement statement = connection.createStatement()) {
              for (String sql : migration.statements()) {
                statement.execute(sql);
              }
              statement.execute(
                  "INSERT INTO schema_version VALUES (%d, '%s', now())"
                      .formatted(migration.version(), migration.description().replace("'", "''")));
            }
            return null;
          });
      current = Math.max(current, migration.version());
    }
    return current;
  }

  private static Set<Integer> appliedVersions(Connection connection) throws SQLException {
    Set<Integer> versions = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version FROM schema_version")) {
      while (rows.next()) {
        versions.add(rows.getInt(1));
      }
    }
    return versions;
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
