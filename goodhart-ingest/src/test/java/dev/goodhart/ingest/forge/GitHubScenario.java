package dev.goodhart.ingest.forge;

import static dev.goodhart.ingest.forge.GitHubJson.comment;
import static dev.goodhart.ingest.forge.GitHubJson.commit;
import static dev.goodhart.ingest.forge.GitHubJson.page;
import static dev.goodhart.ingest.forge.GitHubJson.pull;
import static dev.goodhart.ingest.forge.GitHubJson.review;
import static dev.goodhart.ingest.forge.GitHubJson.sha;

import dev.goodhart.ingest.forge.FakeForge.Answer;
import java.util.List;

/**
 * A repository of five pull requests served like GitHub: the list over three pages, a merged pull
 * request whose commits take two pages, reviews (one pending) and review comments, every answer
 * with an ETag.
 *
 * <pre>
 * #45 open, draft      updated 03-05 10:00  1 commit
 * #44 merged (squash)  updated 03-04 16:40  2 commits, 2 reviews (1 pending), 2 comments
 * #43 closed           updated 03-03 12:00  1 commit
 * #42 merged           updated 03-02 18:00  3 commits over 2 pages, 1 review
 * #41 merged           updated 03-01 09:00  1 commit
 * </pre>
 */
public final class GitHubScenario {
  public static final String REPOSITORY = GitHubJson.REPOSITORY;
  public static final String BASE = "/repos/" + REPOSITORY;
  public static final String LIST =
      BASE + "/pulls?state=all&sort=updated&direction=desc&per_page=100";
  public static final String MARA = "mara@acme.example";

  private final FakeForge forge;

  public GitHubScenario(FakeForge forge) {
    this.forge = forge;
  }

  public static String details(int number, String list) {
    return BASE + "/pulls/" + number + "/" + list + "?per_page=100";
  }

  public static Answer etagged(String body, String etag) {
    return FakeForge.json(body).with("ETag", etag);
  }

  private String link(String target, String relation) {
    return "<" + forge.url() + target + ">; rel=\"" + relation + "\"";
  }

  static String pr45(String updatedAt) {
    return pull(
        45,
        "open",
        "mara-quinn",
        "2026-03-05T09:00:00Z",
        updatedAt,
        null,
        null,
        "faster-ledger",
        sha(45),
        sha(999),
        true);
  }

  static String pr44() {
    return pull(
        44,
        "closed",
        "mara-quinn",
        "2026-03-02T08:15:00Z",
        "2026-03-04T16:40:12Z",
        "2026-03-04T16:40:11Z",
        "2026-03-04T16:40:11Z",
        "retry-export",
        sha(442),
        sha(440),
        false);
  }

  static String pr43(String updatedAt) {
    return pull(
        43,
        "closed",
        "devon-ash",
        "2026-03-03T08:00:00Z",
        updatedAt,
        null,
        "2026-03-03T12:00:00Z",
        "try-cache",
        sha(43),
        sha(998),
        false);
  }

  static String pr42() {
    return pull(
        42,
        "closed",
        "mara-quinn",
        "2026-03-01T10:00:00Z",
        "2026-03-02T18:00:00Z",
        "2026-03-02T17:59:59Z",
        "2026-03-02T17:59:59Z",
        "ledger-v2",
        sha(423),
        sha(420),
        false);
  }

  static String pr41() {
    return pull(
        41,
        "closed",
        "devon-ash",
        "2026-03-01T08:00:00Z",
        "2026-03-01T09:00:00Z",
        "2026-03-01T08:59:00Z",
        "2026-03-01T08:59:00Z",
        "docs",
        sha(41),
        sha(410),
        false);
  }

  /** Serves the repository as it is after its first five pull requests. */
  public GitHubScenario serve() {
    forge.on(
        LIST,
        etagged(page(List.of(pr45("2026-03-05T10:00:00Z"), pr44())), "W/\"list-1\"")
            .with("Link", link(LIST + "&page=2", "next") + ", " + link(LIST + "&page=3", "last")));
    forge.on(
        LIST + "&page=2",
        etagged(page(List.of(pr43("2026-03-03T12:00:00Z"), pr42())), "W/\"list-2\"")
            .with("Link", link(LIST + "&page=3", "next") + ", " + link(LIST + "&page=3", "last")));
    forge.on(LIST + "&page=3", etagged(page(List.of(pr41())), "W/\"list-3\""));

    one(
        45,
        List.of(commit(sha(45), MARA, "2026-03-05T08:59:00Z", "mara-quinn")),
        List.of(),
        List.of());
    one(
        44,
        List.of(
            commit(sha(441), MARA, "2026-03-02T08:00:00Z", "mara-quinn"),
            commit(sha(442), MARA, "2026-03-02T09:30:00+01:00", "mara-quinn")),
        List.of(
            review(3011990001L, "APPROVED", "devon-ash", "2026-03-04T15:02:45Z"),
            review(3011990002L, "PENDING", "lee-park", null)),
        List.of(
            comment(
                1822334455L,
                3011990001L,
                "devon-ash",
                "2026-03-04T15:01:10Z",
                "src/main/java/com/acme/billing/LedgerExport.java"),
            comment(
                1822334456L, null, "mara-quinn", "2026-03-04T15:20:00Z", "docs/export notes.md")));
    one(
        43,
        List.of(commit(sha(43), "devon@acme.example", "2026-03-03T07:59:00Z", "devon-ash")),
        List.of(),
        List.of());
    // #42's commits come in two pages.
    forge.on(
        details(42, "commits"),
        etagged(
                page(
                    List.of(
                        commit(sha(421), MARA, "2026-03-01T09:00:00Z", "mara-quinn"),
                        commit(sha(422), MARA, "2026-03-01T09:10:00Z", "mara-quinn"))),
                "W/\"c42-1\"")
            .with("Link", link(details(42, "commits") + "&page=2", "next")));
    forge.on(
        details(42, "commits") + "&page=2",
        etagged(
            page(List.of(commit(sha(423), MARA, "2026-03-01T09:20:00Z", "mara-quinn"))),
            "W/\"c42-2\""));
    forge.on(
        details(42, "reviews"),
        etagged(
            page(List.of(review(3011980001L, "APPROVED", "devon-ash", "2026-03-02T17:00:00Z"))),
            "W/\"r42\""));
    forge.on(details(42, "comments"), etagged("[]", "W/\"m42\""));
    one(
        41,
        List.of(commit(sha(41), "devon@acme.example", "2026-03-01T07:00:00Z", "devon-ash")),
        List.of(),
        List.of());
    return this;
  }

  private void one(int number, List<String> commits, List<String> reviews, List<String> comments) {
    forge.on(details(number, "commits"), etagged(page(commits), "W/\"c" + number + "\""));
    forge.on(details(number, "reviews"), etagged(page(reviews), "W/\"r" + number + "\""));
    forge.on(details(number, "comments"), etagged(page(comments), "W/\"m" + number + "\""));
  }

  /** The repository a day later: a review of #43 updated it, and the list now starts with it. */
  public GitHubScenario reviewedAgain() {
    forge.on(
        LIST,
        etagged(
                page(List.of(pr43("2026-03-06T08:00:00Z"), pr45("2026-03-05T10:00:00Z"))),
                "W/\"list-1b\"")
            .with("Link", link(LIST + "&page=2", "next") + ", " + link(LIST + "&page=3", "last")));
    forge.on(
        LIST + "&page=2",
        etagged(page(List.of(pr44(), pr42())), "W/\"list-2b\"")
            .with("Link", link(LIST + "&page=3", "next") + ", " + link(LIST + "&page=3", "last")));
    forge.on(
        details(43, "reviews"),
        etagged(
            page(
                List.of(
                    review(3012000001L, "CHANGES_REQUESTED", "lee-park", "2026-03-06T08:00:00Z"))),
            "W/\"r43b\""));
    return this;
  }
}
