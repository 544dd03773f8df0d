package dev.goodhart.synthetic.org;

import java.util.List;

/**
 * What a repository is about: its name, language and source folder, the nouns its code is made of,
 * and the pieces of work people ask for in it.
 *
 * @param packageName the language's package or module of the sources
 * @param sourceFolder where the sources are, relative to the repository (a session may run there)
 * @param topics pieces of work, as noun phrases ("rounding of invoice totals")
 */
record Domain(
    String name,
    Language language,
    String packageName,
    String sourceFolder,
    List<String> nouns,
    List<String> topics) {

  static final List<String> MODIFIERS =
      List.of(
          "pending",
          "settled",
          "gross",
          "net",
          "adjusted",
          "draft",
          "cached",
          "latest",
          "default",
          "merged",
          "partial",
          "active",
          "expired",
          "scheduled",
          "total",
          "next",
          "previous",
          "local",
          "remote",
          "stale");

  static final List<String> VERBS =
      List.of(
          "apply",
          "compute",
          "load",
          "resolve",
          "validate",
          "merge",
          "build",
          "find",
          "update",
          "record",
          "publish",
          "refresh",
          "split",
          "normalize",
          "collect",
          "schedule",
          "render",
          "check",
          "fetch",
          "encode");

  private static final List<Domain> ALL =
      List.of(
          new Domain(
              "billing-api",
              Language.JAVA,
              "com.acme.billing",
              "src/main/java/com/acme/billing",
              List.of(
                  "invoice",
                  "ledger",
                  "account",
                  "balance",
                  "tax",
                  "refund",
                  "payment",
                  "credit",
                  "currency",
                  "discount",
                  "period",
                  "customer",
                  "statement",
                  "fee"),
              List.of(
                  "rounding of invoice totals",
                  "retries for failed card payments",
                  "VAT rules for EU customers",
                  "the ledger export",
                  "credit notes",
                  "currency conversion on refunds",
                  "late fees on overdue invoices",
                  "dunning reminders",
                  "monthly statements",
                  "partial refunds")),
          new Domain(
              "web-app",
              Language.TYPESCRIPT,
              "app",
              "src/app",
              List.of(
                  "cart", "user", "session", "product", "route", "theme", "form", "token", "page",
                  "banner", "filter", "order", "search", "toast"),
              List.of(
                  "the checkout form validation",
                  "the dark mode toggle",
                  "the session expiry redirect",
                  "product search filters",
                  "the cart badge count",
                  "the order history page",
                  "the password reset flow",
                  "toast notifications",
                  "lazy loading of product images",
                  "the settings page layout")),
          new Domain(
              "data-pipeline",
              Language.PYTHON,
              "pipeline",
              "pipeline",
              List.of(
                  "record",
                  "batch",
                  "partition",
                  "schema",
                  "event",
                  "metric",
                  "window",
                  "source",
                  "sink",
                  "checkpoint",
                  "column",
                  "job",
                  "offset"),
              List.of(
                  "late events in the hourly window",
                  "schema drift detection",
                  "the checkpoint cleanup",
                  "deduplication of click events",
                  "the backfill of the orders table",
                  "null handling in the revenue metric",
                  "partition pruning",
                  "the retry policy of the S3 sink",
                  "time zone bucketing of daily metrics",
                  "the job status report")),
          new Domain(
              "infra-tools",
              Language.GO,
              "deploy",
              "internal/deploy",
              List.of(
                  "node",
                  "cluster",
                  "volume",
                  "secret",
                  "deployment",
                  "probe",
                  "quota",
                  "zone",
                  "image",
                  "lease",
                  "rollout",
                  "replica",
                  "config"),
              List.of(
                  "canary rollouts",
                  "secret rotation",
                  "the readiness probe timeout",
                  "quota checks before scale-up",
                  "image tag pinning",
                  "draining nodes before an upgrade",
                  "lease renewal",
                  "multi-zone volume placement",
                  "config diffing",
                  "rollback on failed health checks")),
          new Domain(
              "search-service",
              Language.JAVA,
              "com.acme.search",
              "src/main/java/com/acme/search",
              List.of(
                  "query",
                  "index",
                  "document",
                  "shard",
                  "term",
                  "score",
                  "facet",
                  "synonym",
                  "ranking",
                  "snippet",
                  "filter",
                  "cache"),
              List.of(
                  "synonym expansion",
                  "the facet counts",
                  "highlighting of snippets",
                  "shard rebalancing",
                  "typo tolerance",
                  "the query cache eviction",
                  "boosting of recent documents",
                  "pagination of results")),
          new Domain(
              "mobile-bff",
              Language.TYPESCRIPT,
              "bff",
              "src/bff",
              List.of(
                  "device",
                  "push",
                  "profile",
                  "feed",
                  "badge",
                  "locale",
                  "release",
                  "flag",
                  "upload",
                  "avatar",
                  "notification",
                  "consent"),
              List.of(
                  "push notification batching",
                  "the feed pagination",
                  "avatar uploads",
                  "feature flags per release",
                  "locale fallbacks",
                  "the consent banner state",
                  "badge counts on the home tab",
                  "profile caching")));

  /** The {@code index}th repository's domain; past the known ones, names get a number. */
  static Domain forRepository(int index) {
    Domain domain = ALL.get(index % ALL.size());
    int round = index / ALL.size();
    if (round == 0) {
      return domain;
    }
    return new Domain(
        domain.name + "-" + (round + 1),
        domain.language,
        domain.packageName,
        domain.sourceFolder,
        domain.nouns,
        domain.topics);
  }
}
