package dev.goodhart.ingest.vendor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.ingest.anthropic.AnthropicAdminApi;
import dev.goodhart.ingest.copilot.CopilotApi;
import dev.goodhart.ingest.cursor.CursorAdminApi;
import dev.goodhart.ingest.forge.FakeForge;
import dev.goodhart.ingest.forge.ForgeClient;
import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeProblem;
import dev.goodhart.ingest.openai.OpenAiAdminApi;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.billing.Vendor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each vendor's API as a local server replays it: the requests the import makes (paths, queries,
 * bodies, credentials), pagination, downloads without the key, rate limits, refusals, and the
 * cursor a later import resumes from. No test touches the network.
 */
class VendorApiImportTest {
  static final Instant NOW = Instant.parse("2026-08-03T12:00:00Z");
  static final String KEY = "sk-ant-admin01-never-printed";
  static final String EMPTY_CLAUDE_CODE = "{\"data\":[],\"has_more\":false,\"next_page\":null}";
  static final String ORG = "/v1/organizations/";
  static final String COSTS =
      ORG
          + "cost_report?starting_at=2026-08-01T00%3A00%3A00Z&bucket_width=1d&limit=31"
          + "&group_by%5B%5D=workspace_id&group_by%5B%5D=description";
  static final String MESSAGES =
      ORG
          + "usage_report/messages?starting_at=2026-08-01T00%3A00%3A00Z&bucket_width=1d&limit=31"
          + "&group_by%5B%5D=model&group_by%5B%5D=workspace_id&group_by%5B%5D=api_key_id";

  final FakeForge server = new FakeForge();
  final MemoryVendorTarget target = new MemoryVendorTarget();
  final List<Duration> waits = new ArrayList<>();
  final List<ForgeProblem> problems = new ArrayList<>();
  final List<String> heard = new ArrayList<>();

  @AfterEach
  void stop() {
    server.close();
  }

  VendorImportSummary run(VendorApi api, @Nullable String scope, @Nullable LocalDate since) {
    return run(api, scope, since, false);
  }

  VendorImportSummary run(
      VendorApi api, @Nullable String scope, @Nullable LocalDate since, boolean strict) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    ForgeListener listener =
        new ForgeListener() {
          @Override
          public void problem(ForgeProblem problem) {
            problems.add(problem);
          }

          @Override
          public void waiting(Duration wait, Instant until, String why) {
            heard.add(why);
          }
        };
    ForgeClient client =
        new ForgeClient(
            ForgeClient.newHttpClient(),
            api,
            KEY,
            server.url(),
            clock,
            waits::add,
            new ForgeClient.Settings(Duration.ofMinutes(15), 3, Duration.ofSeconds(10)),
            listener);
    return new VendorApiImporter(api, client, VendorSamples.reader(), target, clock, listener)
        .run(scope, new VendorApiImporter.Options(strict, since));
  }

  static FakeForge.Answer sample(String name) {
    return FakeForge.json(VendorSamples.text(name));
  }

  void serveAnthropic() {
    server.on(COSTS, sample("anthropic_cost_report_page1.json"));
    server.on(
        COSTS + "&page=page_MjAyNi0wOC0wNFQwMDowMDowMFo%3D",
        sample("anthropic_cost_report_page2.json"));
    server.on(MESSAGES, sample("anthropic_usage_messages.json"));
    String claudeCode = ORG + "usage_report/claude_code?starting_at=";
    server.on(
        claudeCode + "2026-08-01&limit=1000",
        sample("claude_code_analytics_2026-08-01_page1.json"));
    server.on(
        claudeCode + "2026-08-01&limit=1000&page=page_YW5hQGFjbWUuZXhhbXBsZQ%3D%3D",
        sample("claude_code_analytics_2026-08-01_page2.json"));
    server.on(claudeCode + "2026-08-02&limit=1000", FakeForge.json(EMPTY_CLAUDE_CODE));
    server.on(claudeCode + "2026-08-03&limit=1000", FakeForge.json(EMPTY_CLAUDE_CODE));
  }

  @Test
  void anthropicsReportsArePagedWithTheAdminKeyAndTheCursorKept() {
    serveAnthropic();

    VendorImportSummary summary = run(new AnthropicAdminApi(), null, LocalDate.parse("2026-08-01"));

    assertEquals(List.of(), problems);
    assertTrue(summary.cursorsAdvanced());
    assertEquals(7, summary.requests(), "2 cost pages, 1 usage page, 2 + 1 + 1 Claude Code days");
    FakeForge.Request first = server.requests().getFirst();
    assertEquals(KEY, first.header("x-api-key"));
    assertEquals("2023-06-01", first.header("anthropic-version"));
    assertNull(first.header("authorization"));
    assertEquals(
        0,
        new BigDecimal("62.0347189")
            .compareTo(target.billed(Vendor.ANTHROPIC, "cost_report", "2026-08-01")));
    assertEquals(4, target.of(Vendor.ANTHROPIC, "claude_code").size());
    assertEquals(
        Instant.parse("2026-08-05T00:00:00Z"), target.cursors.get("anthropic/cost_report/"));
    assertEquals(
        Instant.parse("2026-08-02T00:00:00Z"), target.cursors.get("anthropic/usage_messages/"));
    assertEquals(
        Instant.parse("2026-08-01T00:00:00Z"), target.cursors.get("anthropic/claude_code/"));
  }

  @Test
  void aLaterImportResumesFromTheLastBucketOfEachReport() {
    serveAnthropic();
    run(new AnthropicAdminApi(), null, LocalDate.parse("2026-08-01"));
    server.forgetRequests();
    String resumed =
        ORG
            + "cost_report?starting_at=2026-08-05T00%3A00%3A00Z&bucket_width=1d&limit=31"
            + "&group_by%5B%5D=workspace_id&group_by%5B%5D=description";
    server.on(resumed, FakeForge.json("{\"data\":[],\"has_more\":false,\"next_page\":null}"));
    server.on(
        MESSAGES.replace("2026-08-01", "2026-08-02"),
        FakeForge.json("{\"data\":[],\"has_more\":false,\"next_page\":null}"));

    run(new AnthropicAdminApi(), null, null);

    List<String> asked = server.requests().stream().map(FakeForge.Request::target).toList();
    assertEquals(resumed, asked.get(0));
    assertTrue(asked.get(1).contains("starting_at=2026-08-02T00"), asked::toString);
    assertTrue(
        asked.get(2).endsWith("claude_code?starting_at=2026-08-01&limit=1000"), asked::toString);
    assertEquals(
        0,
        new BigDecimal("62.0347189")
            .compareTo(target.billed(Vendor.ANTHROPIC, "cost_report", "2026-08-01")),
        "nothing doubled");
  }

  @Test
  void aFirstImportWithoutADayReadsTheLastThirtyDays() {
    server.on(
        ORG
            + "cost_report?starting_at=2026-07-04T00%3A00%3A00Z&bucket_width=1d&limit=31"
            + "&group_by%5B%5D=workspace_id&group_by%5B%5D=description",
        FakeForge.json(EMPTY_CLAUDE_CODE));

    // The messages report is not served: the import stops there, after asking for the costs.
    assertThrows(GoodhartException.class, () -> run(new AnthropicAdminApi(), null, null));

    assertTrue(server.requests().getFirst().target().contains("starting_at=2026-07-04T00%3A00"));
  }

  @Test
  void aRateLimitIsWaitedForAndTheImportGoesOn() {
    serveAnthropic();
    server.on(
        COSTS,
        FakeForge.status(
                429,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"}}")
            .with("Retry-After", "20"),
        sample("anthropic_cost_report_page1.json"));

    VendorImportSummary summary = run(new AnthropicAdminApi(), null, LocalDate.parse("2026-08-01"));

    assertEquals(List.of(Duration.ofSeconds(20)), waits);
    assertEquals(List.of("Anthropic's rate limit is spent"), heard);
    assertTrue(summary.cursorsAdvanced());
  }

  @Test
  void aRefusedKeySaysWhereKeysComeFrom() {
    server.on(
        COSTS,
        FakeForge.status(
            401,
            "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));

    GoodhartException e =
        assertThrows(
            GoodhartException.class,
            () -> run(new AnthropicAdminApi(), null, LocalDate.parse("2026-08-01")));

    assertEquals(ErrorCode.FORGE_REFUSED, e.code());
    assertTrue(
        e.getMessage().startsWith("the key was refused by Anthropic (401 at GET http://127.0.0.1:"),
        e::getMessage);
    assertTrue(e.getMessage().endsWith("check --key-file / ANTHROPIC_ADMIN_KEY"), e::getMessage);
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void aForbiddenAnswerQuotesTheVendorsMessageAndWhatToCheck() {
    server.on(
        COSTS,
        FakeForge.status(
            403,
            "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"not an admin key\"}}"));

    GoodhartException e =
        assertThrows(
            GoodhartException.class,
            () -> run(new AnthropicAdminApi(), null, LocalDate.parse("2026-08-01")));

    assertEquals(ErrorCode.FORGE_REFUSED, e.code());
    assertTrue(
        e.getMessage().contains("(403 \"not an admin key\"); the key may not be an Admin API key"),
        e::getMessage);
  }

  @Test
  void anUnknownReportIsNotFoundWithWhatToCheck() {
    GoodhartException e =
        assertThrows(
            GoodhartException.class,
            () -> run(new AnthropicAdminApi(), null, LocalDate.parse("2026-08-01")));

    assertEquals(ErrorCode.FORGE_NOT_FOUND, e.code());
    assertTrue(e.getMessage().startsWith("Anthropic answered 404 to GET http://"), e::getMessage);
    assertTrue(e.getMessage().contains("Admin API key"), e::getMessage);
  }

  @Test
  void anAnswerThatIsNotJsonIsReportedAndTheCursorStays() {
    serveAnthropic();
    server.on(
        COSTS + "&page=page_MjAyNi0wOC0wNFQwMDowMDowMFo%3D",
        FakeForge.json("<html>502 Bad Gateway</html>"));

    VendorImportSummary summary = run(new AnthropicAdminApi(), null, LocalDate.parse("2026-08-01"));

    assertFalse(summary.cursorsAdvanced());
    assertEquals(1, summary.badRecords(), problems::toString);
    assertTrue(
        problems.getFirst().message().startsWith("GET http://127.0.0.1:"), problems::toString);
    assertTrue(problems.getFirst().message().contains("not JSON"), problems::toString);
    assertNull(target.cursors.get("anthropic/cost_report/"), "asked again next time");
    assertEquals(
        Instant.parse("2026-08-02T00:00:00Z"),
        target.cursors.get("anthropic/usage_messages/"),
        "the other reports advance");
    assertThrows(
        GoodhartException.class,
        () -> run(new AnthropicAdminApi(), null, LocalDate.parse("2026-08-01"), true));
  }

  @Test
  void openAisReportsAreAskedFromSecondsSince1970WithABearerKey() {
    String base = "/v1/organization/";
    String costs =
        base
            + "costs?start_time=1785542400&bucket_width=1d&limit=180&group_by=line_item&group_by=project_id";
    server.on(costs, sample("openai_costs_page1.json"));
    server.on(costs + "&page=AAAAAGdGxdEiJdKOAAAAAGcqsYA%3D", sample("openai_costs_page2.json"));
    server.on(
        base
            + "usage/completions?start_time=1785542400&bucket_width=1d&limit=31&group_by=model"
            + "&group_by=project_id&group_by=api_key_id",
        sample("openai_usage_completions.json"));

    VendorImportSummary summary = run(new OpenAiAdminApi(), null, LocalDate.parse("2026-08-01"));

    assertEquals(List.of(), problems);
    assertEquals("Bearer " + KEY, server.requests().getFirst().header("authorization"));
    assertEquals(
        0, new BigDecimal("7").compareTo(target.billed(Vendor.OPENAI, "costs", "2026-08-03")));
    assertEquals(3, summary.requests());
    assertEquals(Instant.parse("2026-08-03T00:00:00Z"), target.cursors.get("openai/costs/"));
  }

  @Test
  void copilotsDaysAreAskedOneByOneAndItsReportsDownloadedWithoutTheToken() {
    String billing =
        "/organizations/acme/settings/billing/premium_request/usage?year=2026&month=8&day=";
    server.on(billing + "1", sample("copilot_premium_requests_2026-08-01.json"));
    String empty =
        "{\"timePeriod\":{\"year\":2026,\"month\":8,\"day\":%d},\"organization\":\"acme\",\"usageItems\":[]}";
    server.on(billing + "2", FakeForge.json(empty.formatted(2)));
    server.on(billing + "3", FakeForge.json(empty.formatted(3)));
    String reports = "/orgs/acme/copilot/metrics/reports/users-1-day?day=";
    server.on(
        reports + "2026-08-01",
        FakeForge.json(
            "{\"download_links\":[\"%s/downloads/users-1-day-2026-08-01.ndjson?sig=abc\"],\"report_day\":\"2026-08-01\"}"
                .formatted(server.url())));
    server.on(
        "/downloads/users-1-day-2026-08-01.ndjson?sig=abc",
        FakeForge.json(VendorSamples.text("copilot_users_1_day_2026-08-01.ndjson")));
    server.on(
        reports + "2026-08-02",
        FakeForge.json("{\"download_links\":[],\"report_day\":\"2026-08-02\"}"));
    server.on(
        reports + "2026-08-03",
        FakeForge.json("{\"download_links\":[],\"report_day\":\"2026-08-03\"}"));

    VendorImportSummary summary =
        run(new CopilotApi(), CopilotApi.scope("acme", null), LocalDate.parse("2026-08-01"));

    assertEquals(List.of(), problems);
    assertEquals(7, summary.requests());
    assertEquals(
        0,
        new BigDecimal("1.52")
            .compareTo(target.billed(Vendor.COPILOT, "premium_requests", "2026-08-01")));
    assertEquals(3, target.of(Vendor.COPILOT, "usage_metrics").size());
    FakeForge.Request download =
        server.requests().stream()
            .filter(r -> r.target().startsWith("/downloads/"))
            .findFirst()
            .orElseThrow();
    assertNull(download.header("authorization"), "the signed link never sees the token");
    assertEquals("Bearer " + KEY, server.requests().getFirst().header("authorization"));
    assertEquals(
        Instant.parse("2026-08-03T00:00:00Z"),
        target.cursors.get("copilot/premium_requests/org:acme"));
    assertEquals(
        Instant.parse("2026-08-01T00:00:00Z"),
        target.cursors.get("copilot/usage_metrics/org:acme"));
  }

  @Test
  void aDayNotReportedYetIsNoProblem() {
    String billing =
        "/enterprises/acme-corp/settings/billing/premium_request/usage?year=2026&month=8&day=";
    for (int day = 1; day <= 3; day++) {
      server.on(
          billing + day,
          FakeForge.json(
              "{\"timePeriod\":{\"year\":2026,\"month\":8,\"day\":%d},\"enterprise\":\"acme-corp\",\"usageItems\":[]}"
                  .formatted(day)));
    }
    server.on(
        "/enterprises/acme-corp/copilot/metrics/reports/users-1-day?day=2026-08-01",
        FakeForge.json("{\"download_links\":[],\"report_day\":\"2026-08-01\"}"));
    // Yesterday's and today's reports are not processed yet: 404.

    VendorImportSummary summary =
        run(new CopilotApi(), CopilotApi.scope(null, "acme-corp"), LocalDate.parse("2026-08-01"));

    assertEquals(List.of(), problems);
    assertTrue(summary.cursorsAdvanced());
    assertEquals(
        Instant.parse("2026-08-02T00:00:00Z"),
        target.cursors.get("copilot/usage_metrics/enterprise:acme-corp"),
        "nothing reported: from yesterday next time");
  }

  @Test
  void copilotNeedsAnOrganisationOrAnEnterprise() {
    assertTrue(new CopilotApi().checkScope(null).contains("--org NAME or --enterprise NAME"));
    assertTrue(new CopilotApi().checkScope("org:a/b").contains("'a/b'"));
    assertNull(new CopilotApi().checkScope("enterprise:acme-corp"));
    assertTrue(
        new AnthropicAdminApi()
            .checkScope("org:acme")
            .contains("--org and --enterprise are for copilot"));
  }

  @Test
  void cursorsEventsArePagedThroughTheRequestBodyWithBasicAuth() {
    String events = "/teams/filtered-usage-events";
    server.on(
        events, sample("cursor_usage_events_page1.json"), sample("cursor_usage_events_page2.json"));

    VendorImportSummary summary = run(new CursorAdminApi(), null, LocalDate.parse("2026-08-01"));

    assertEquals(List.of(), problems);
    assertEquals(2, summary.requests());
    List<FakeForge.Request> asked = server.requestsTo(events);
    assertEquals("POST", asked.getFirst().method());
    assertEquals(
        "{\"startDate\": 1785542400000, \"endDate\": 1785758399999, \"page\": 1, \"pageSize\": 500}",
        asked.getFirst().body());
    assertTrue(asked.get(1).body().contains("\"page\": 2"), asked.get(1)::body);
    assertEquals(
        "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(UTF_8)),
        asked.getFirst().header("authorization"));
    assertEquals(4, target.of(Vendor.CURSOR, "usage_events").size());
    assertEquals(Instant.parse("2026-08-02T00:00:00Z"), target.cursors.get("cursor/usage_events/"));
  }
}
