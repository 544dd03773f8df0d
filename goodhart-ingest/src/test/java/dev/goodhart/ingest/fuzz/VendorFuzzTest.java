package dev.goodhart.ingest.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeProblem;
import dev.goodhart.ingest.fuzz.MalformedRecords.Mutant;
import dev.goodhart.ingest.vendor.MemoryVendorTarget;
import dev.goodhart.ingest.vendor.VendorPage;
import dev.goodhart.ingest.vendor.VendorReader;
import dev.goodhart.ingest.vendor.VendorSamples;
import dev.goodhart.ingest.vendor.VendorSavedFiles;
import dev.goodhart.model.billing.VendorUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Holds every vendor format to its contract: whatever the bytes of a saved answer or an API's page,
 * reading throws nothing, every problem is reported with its place, and every row it gives is one
 * the store can hold (plausible times, buckets that end after they start, no negative tokens, money
 * of at most 18 decimal places below 10^15, people only as pseudonyms).
 *
 * <p>Longer or different runs: {@code ./mvnw -pl goodhart-model,goodhart-ingest verify
 * -Dtest=VendorFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Dgoodhart.vendor.fuzz.cases=100000
 * -Dgoodhart.fuzz.seed=7}.
 */
class VendorFuzzTest {
  private static final long SEED = Long.getLong("goodhart.fuzz.seed", 20_260_801L);
  private static final int CASES = Integer.getInteger("goodhart.vendor.fuzz.cases", 3_000);
  private static final Duration TIME_LIMIT = Duration.ofSeconds(Math.max(90, CASES / 50));
  private static final Instant LATEST = Instant.parse("2100-02-01T00:00:00Z");
  private static final Pattern PSEUDONYM = Pattern.compile("p_[0-9a-f]{16}");
  private static final BigDecimal LIMIT = new BigDecimal("1e15");

  private static final List<String> SAMPLES =
      List.of(
          "anthropic_cost_report_page1.json",
          "anthropic_usage_messages.json",
          "claude_code_analytics_2026-08-01_page1.json",
          "claude_code_analytics_2026-08-01_page2.json",
          "openai_costs_page1.json",
          "openai_usage_completions.json",
          "copilot_users_1_day_2026-08-01.ndjson",
          "copilot_enterprise_1_day_2026-08-01.ndjson",
          "copilot_premium_requests_2026-08-01.json",
          "copilot_premium_requests_2026-07.json",
          "cursor_usage_events_page1.json",
          "cursor_usage_events_page2.json");

  private static final List<String> FIELDS =
      List.of(
          "data",
          "starting_at",
          "ending_at",
          "start_time",
          "end_time",
          "results",
          "amount",
          "value",
          "currency",
          "workspace_id",
          "description",
          "model",
          "uncached_input_tokens",
          "cache_read_input_tokens",
          "cache_creation",
          "ephemeral_5m_input_tokens",
          "output_tokens",
          "account_id",
          "has_more",
          "next_page",
          "date",
          "actor",
          "type",
          "email_address",
          "api_key_name",
          "model_breakdown",
          "tokens",
          "estimated_cost",
          "input_tokens",
          "input_cached_tokens",
          "num_model_requests",
          "user_id",
          "line_item",
          "day",
          "user_login",
          "user_initiated_interaction_count",
          "totals_by_cli",
          "token_usage",
          "prompt_tokens_sum",
          "day_totals",
          "timePeriod",
          "year",
          "month",
          "usageItems",
          "netAmount",
          "grossAmount",
          "grossQuantity",
          "usageEvents",
          "timestamp",
          "kind",
          "tokenUsage",
          "totalCents",
          "chargedCents",
          "requestsCosts",
          "userEmail",
          "pagination",
          "hasNextPage",
          "currentPage");

  @TempDir Path folder;

  static List<String> seeds() {
    return SAMPLES.stream().map(VendorSamples::text).toList();
  }

  @Test
  void theSeedsReadWithoutProblems() {
    VendorReader reader = VendorSamples.reader();
    int rows = 0;
    for (String seed : seeds()) {
      int[] counts = read(reader, seed.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      assertTrue(counts[1] == 0, () -> "a seed has problems: " + seed);
      rows += counts[0];
    }
    assertTrue(rows >= 25, "rows from the seeds: " + rows);
  }

  @Test
  void onlyReportedProblemsAndSaneRowsComeOut() {
    MalformedRecords corpus = new MalformedRecords(seeds(), FIELDS);
    VendorReader reader = VendorSamples.reader();
    AtomicInteger current = new AtomicInteger();
    int[] totals =
        assertTimeoutPreemptively(
            TIME_LIMIT,
            () -> {
              int[] sums = new int[2];
              for (int i = 0; i < CASES; i++) {
                current.set(i);
                Mutant mutant = corpus.generate(SEED, i);
                try {
                  int[] counts = read(reader, mutant.bytes());
                  sums[0] += counts[0];
                  sums[1] += counts[1];
                  if (i % 10 == 0) {
                    saved(reader, mutant.bytes());
                  }
                } catch (Throwable t) {
                  throw new AssertionFailedError(
                      "case %d of seed %d failed with %s\n  mutations: %s\n  input: %s"
                          .formatted(i, SEED, t, mutant.mutations(), mutant.printable()),
                      t);
                }
              }
              return sums;
            },
            () -> "case %d of seed %d hangs".formatted(current.get(), SEED));
    System.out.printf(
        "fuzz vendors %,7d cases, %,7d rows, %,7d problems%n", CASES, totals[0], totals[1]);
    assertTrue(totals[1] > CASES / 2, "the corpus mostly tests the error paths");
  }

  /** Rows and problems of one answer read as an API's page. */
  private static int[] read(VendorReader reader, byte[] bytes) {
    int[] counts = new int[2];
    reader.read(
        bytes,
        "GET https://api.example/v1/report",
        null,
        new VendorReader.Handler() {
          @Override
          public void page(VendorPage page) {
            page.rows().forEach(VendorFuzzTest::check);
            counts[0] += page.rows().size();
            for (ForgeProblem problem : page.problems()) {
              checkProblem(problem);
              counts[1]++;
            }
            page.downloads().forEach(uri -> assertTrue(uri.getHost() != null));
          }

          @Override
          public void broken(ForgeProblem problem) {
            checkProblem(problem);
            counts[1]++;
          }
        });
    return counts;
  }

  /** As a saved file: read whole, problems counted, nothing thrown. */
  private void saved(VendorReader reader, byte[] bytes) {
    Path file = folder.resolve("saved.json");
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MemoryVendorTarget target = new MemoryVendorTarget();
    new VendorSavedFiles(reader)
        .read(
            List.of(file),
            target,
            false,
            new ForgeListener() {
              @Override
              public void problem(ForgeProblem problem) {
                assertTrue(problem.where().startsWith(file.toString()), problem::message);
              }
            });
    target.rows.values().forEach(VendorFuzzTest::check);
  }

  private static void checkProblem(ForgeProblem problem) {
    assertFalse(problem.reason().isBlank());
    assertTrue(problem.message().length() < 16_384);
    assertTrue(problem.reason().chars().noneMatch(c -> c == '\n' || c == '\r'), problem::reason);
  }

  private static void check(VendorUsage row) {
    assertTrue(
        !row.bucketStart().isBefore(Instant.EPOCH) && row.bucketEnd().isBefore(LATEST),
        row::toString);
    assertTrue(row.bucketEnd().isAfter(row.bucketStart()));
    assertTrue(
        row.tokens() >= 0 && row.inputTokens() >= 0 && row.outputTokens() >= 0, row::toString);
    money(row.amountUsd());
    money(row.listAmountUsd());
    assertTrue(
        row.requests() == null || row.requests().abs().compareTo(LIMIT.movePointRight(1)) < 0,
        row::toString);
    assertTrue(
        row.personId() == null || PSEUDONYM.matcher(row.personId()).matches(), row::toString);
    assertTrue(row.lineKey().length() < 20_000);
    assertFalse(
        String.valueOf(row.lineKey()).contains("@"), () -> "an e-mail address kept: " + row);
  }

  private static void money(BigDecimal value) {
    assertTrue(
        value == null
            || value.abs().compareTo(LIMIT) < 0 && value.stripTrailingZeros().scale() <= 18,
        () -> "money the store cannot hold exactly: " + value);
  }
}
