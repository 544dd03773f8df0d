package dev.goodhart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.forge.FakeForge;
import dev.goodhart.ingest.vendor.VendorSamples;
import dev.goodhart.model.billing.Vendor;
import dev.goodhart.store.VendorDaily;
import dev.goodhart.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code goodhart import vendor} and {@code goodhart spend} end to end: saved answers and a local
 * server answering as the vendors do, the real store, the exit codes and what is printed.
 */
class ImportVendorCommandTest {
  static final String KEY = "sk-ant-admin01-never-printed-0123";
  static final String COSTS =
      "/v1/organizations/cost_report?starting_at=2026-08-01T00%3A00%3A00Z&bucket_width=1d&limit=31"
          + "&group_by%5B%5D=workspace_id&group_by%5B%5D=description";
  static final String EMPTY = "{\"data\":[],\"has_more\":false,\"next_page\":null}";

  @TempDir Path folder;
  CliHarness cli;
  FakeForge server;
  Path keyFile;

  @BeforeEach
  void start() throws IOException {
    cli = new CliHarness(folder);
    cli.clock = java.time.Clock.fixed(Instant.parse("2026-08-02T12:00:00Z"), ZoneOffset.UTC);
    server = new FakeForge();
    keyFile = Files.writeString(folder.resolve("key"), KEY + "\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String[] saved(String... samples) {
    List<String> args = new ArrayList<>(List.of("import", "vendor"));
    for (String sample : samples) {
      args.add(VendorSamples.copy(sample, folder).toString());
    }
    return args.toArray(String[]::new);
  }

  <T> T stored(Function<DuckDbStore, T> read) {
    try (DuckDbStore store = DuckDbStore.open(cli.data, new DuckDbStore.Settings("128MB", 1))) {
      return read.apply(store);
    }
  }

  long rows() {
    return stored(s -> s.vendorUsageByDay(null, null).stream().mapToLong(VendorDaily::rows).sum());
  }

  static void neverShowsTheKey(CliHarness.Result result) {
    assertFalse(result.out().contains(KEY) || result.err().contains(KEY), result::toString);
  }

  @Test
  void savedAnswersAreImportedOnceHoweverOftenAndInWhateverOrder() {
    String[] files =
        saved(
            "anthropic_cost_report_page2.json",
            "anthropic_cost_report_page1.json",
            "openai_costs_page1.json",
            "copilot_users_1_day_2026-08-01.ndjson",
            "copilot_user_teams_2026-08-01.ndjson",
            "cursor_usage_events_page1.json");

    CliHarness.Result first = cli.run(files);

    assertEquals(0, first.exitCode(), first::toString);
    assertEquals(
        """
        Imported 18 rows of vendors' reports from 6 files:
          Anthropic cost report: 8 rows, 2026-08-01 to 2026-08-05, $87.04
          OpenAI costs: 4 rows, 2026-08-01 to 2026-08-02, $12.71
          Copilot usage metrics (per user): 3 rows, 2026-08-01, 852,555 tokens
          Cursor usage events: 3 rows, 2026-08-01, $0.24
        2 values of a kind that holds no usage passed over.
        'goodhart spend' shows the bills beside the spend the logs observed.
        """,
        first.out());
    assertEquals("", first.err());
    long once = rows();
    assertEquals(18, once, "the day both cost pages hold, once");

    CliHarness.Result again = cli.run(files);

    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(once, rows(), "nothing doubled");
    assertEquals(
        0,
        new BigDecimal("62.0347189")
            .compareTo(
                stored(
                    s ->
                        s
                            .vendorUsageByDay(
                                java.time.LocalDate.parse("2026-08-01"),
                                java.time.LocalDate.parse("2026-08-01"))
                            .stream()
                            .filter(d -> d.vendor() == Vendor.ANTHROPIC)
                            .findFirst()
                            .orElseThrow()
                            .amountUsd())));
  }

  @Test
  void theSummaryAsJson() {
    List<String> args =
        new ArrayList<>(List.of(saved("openai_costs_page1.json", "openai_costs_page2.json")));
    args.add("--json");
    CliHarness.Result result = cli.run(args.toArray(String[]::new));

    assertEquals(0, result.exitCode(), result::toString);
    JsonNode summary = result.json();
    assertTrue(summary.get("vendor").isNull());
    assertEquals(2, summary.get("files").asInt());
    assertEquals(5, summary.get("rows").asInt());
    JsonNode costs = summary.get("reports").get(0);
    assertEquals("openai", costs.get("vendor").asText());
    assertEquals("costs", costs.get("report").asText());
    assertEquals("19.705678", costs.get("billed").asText());
    assertEquals("2026-08-03", costs.get("to").asText());
  }

  @Test
  void aDamagedFileIsReportedAndStrictStopsAtIt() throws IOException {
    Path damaged =
        Files.writeString(
            folder.resolve("damaged.json"),
            VendorSamples.text("openai_costs_page2.json")
                .replace("\"value\":7", "\"value\":\"7\""));

    CliHarness.Result lenient = cli.run("import", "vendor", damaged.toString());
    CliHarness.Result strict = cli.run("--strict", "import", "vendor", damaged.toString());

    assertEquals(0, lenient.exitCode(), lenient::toString);
    assertTrue(
        lenient
            .err()
            .contains(
                "goodhart: skipped "
                    + damaged
                    + ":1: data[0].results[0].amount.value is \"7\", expected a number"),
        lenient::toString);
    assertTrue(lenient.out().contains("1 unreadable records skipped"), lenient::toString);
    assertEquals(3, strict.exitCode(), strict::toString);
  }

  @Test
  void filesAndApiOptionsAreCheckedBeforeAnyWork() {
    CliHarness.Result none = cli.run("import", "vendor");
    CliHarness.Result unknown = cli.run("import", "vendor", "--from-api", "gemini");
    CliHarness.Result noKey = cli.run("import", "vendor", "--from-api", "openai");
    CliHarness.Result noOrg =
        cli.run("import", "vendor", "--from-api", "copilot", "--key-file", keyFile.toString());
    CliHarness.Result plainHttp =
        cli.run(
            "import",
            "vendor",
            "--from-api",
            "cursor",
            "--key-file",
            keyFile.toString(),
            "--api-url",
            "http://cursor.example.com");

    assertEquals(2, none.exitCode(), none::toString);
    assertTrue(none.err().contains("--from-api anthropic|openai|copilot|cursor"), none::toString);
    assertEquals(2, unknown.exitCode());
    assertTrue(
        unknown
            .err()
            .contains(
                "'gemini' is no vendor goodhart reads; use one of anthropic, openai, copilot, cursor"),
        unknown::toString);
    assertEquals(2, noKey.exitCode());
    assertTrue(
        noKey
            .err()
            .contains(
                "OpenAI's reports need a key: give it with --key-file FILE or OPENAI_ADMIN_KEY"),
        noKey::toString);
    assertEquals(2, noOrg.exitCode());
    assertTrue(noOrg.err().contains("--org NAME or --enterprise NAME"), noOrg::toString);
    assertEquals(2, plainHttp.exitCode());
    assertTrue(plainHttp.err().contains("would send the key unencrypted"), plainHttp::toString);
  }

  void serveAnthropic() {
    server.on(COSTS, FakeForge.json(VendorSamples.text("anthropic_cost_report_page1.json")));
    server.on(
        COSTS + "&page=page_MjAyNi0wOC0wNFQwMDowMDowMFo%3D",
        FakeForge.json(VendorSamples.text("anthropic_cost_report_page2.json")));
    server.on(
        "/v1/organizations/usage_report/messages?starting_at=2026-08-01T00%3A00%3A00Z&bucket_width=1d"
            + "&limit=31&group_by%5B%5D=model&group_by%5B%5D=workspace_id&group_by%5B%5D=api_key_id",
        FakeForge.json(VendorSamples.text("anthropic_usage_messages.json")));
    for (String day : List.of("2026-08-01", "2026-08-02")) {
      server.on(
          "/v1/organizations/usage_report/claude_code?starting_at=" + day + "&limit=1000",
          FakeForge.json(EMPTY));
    }
  }

  CliHarness.Result anthropic(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "import",
                "vendor",
                "--from-api",
                "anthropic",
                "--api-url",
                server.url().toString(),
                "--key-file",
                keyFile.toString()));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void theApiIsAskedWithTheKeyAndALaterImportResumes() {
    serveAnthropic();

    CliHarness.Result first = anthropic("--since", "2026-08-01");

    assertEquals(0, first.exitCode(), first::toString);
    assertTrue(
        first
            .out()
            .startsWith("Imported 10 rows of vendors' reports from Anthropic's API (5 requests):"),
        first::toString);
    assertTrue(first.out().contains("The next import starts from each report's last bucket."));
    assertEquals(KEY, server.requests().getFirst().header("x-api-key"));
    assertEquals(
        Optional.of(Instant.parse("2026-08-05T00:00:00Z")),
        stored(s -> s.vendorCursor(Vendor.ANTHROPIC, "cost_report", "")));
    neverShowsTheKey(first);

    server.forgetRequests();
    server.on(COSTS.replace("2026-08-01", "2026-08-05"), FakeForge.json(EMPTY));
    server.on(
        "/v1/organizations/usage_report/messages?starting_at=2026-08-02T00%3A00%3A00Z&bucket_width=1d"
            + "&limit=31&group_by%5B%5D=model&group_by%5B%5D=workspace_id&group_by%5B%5D=api_key_id",
        FakeForge.json(EMPTY));
    cli.variables.put("ANTHROPIC_ADMIN_KEY", "from-the-environment");
    CliHarness.Result second =
        cli.run(
            "import",
            "vendor",
            "--from-api",
            "anthropic",
            "--api-url",
            server.url().toString(),
            "--json");

    assertEquals(0, second.exitCode(), second::toString);
    assertEquals("from-the-environment", server.requests().getFirst().header("x-api-key"));
    assertTrue(
        server.requests().getFirst().target().contains("starting_at=2026-08-05T00%3A00%3A00Z"),
        server.requests().getFirst()::target);
    assertEquals("anthropic", second.json().get("vendor").asText());
  }

  @Test
  void aRefusedKeyIsExitCode4AndSaysWhatToCheck() {
    server.on(
        COSTS,
        FakeForge.status(
            401,
            "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));

    CliHarness.Result result = anthropic("--since", "2026-08-01");

    assertEquals(4, result.exitCode(), result::toString);
    assertTrue(
        result.err().startsWith("goodhart: the key was refused by Anthropic (401 at GET "),
        result::toString);
    assertTrue(result.err().contains("check --key-file / ANTHROPIC_ADMIN_KEY"), result::toString);
    neverShowsTheKey(result);
  }

  @Test
  void aRateLimitBeyondMaxWaitStopsWithExitCode4AndKeepsWhatWasStored() {
    serveAnthropic();
    server.on(
        "/v1/organizations/usage_report/messages?starting_at=2026-08-01T00%3A00%3A00Z&bucket_width=1d"
            + "&limit=31&group_by%5B%5D=model&group_by%5B%5D=workspace_id&group_by%5B%5D=api_key_id",
        FakeForge.status(429, "{}").with("Retry-After", "3600"));

    CliHarness.Result result = anthropic("--since", "2026-08-01", "--max-wait", "10m");

    assertEquals(4, result.exitCode(), result::toString);
    assertTrue(result.err().contains("longer than --max-wait 10m"), result::toString);
    assertEquals(8, rows(), "the cost report's rows stay");
  }

  @Test
  void spendShowsTheBillsBesideWhatUsageDailyObserved() {
    cli.write(
        ".claude/projects/-home-dev-work-alpha/s-1.jsonl",
        ClaudeLines.request("m-1", "r-1", "2026-08-01T09:00:00.000Z", 1_000_000, 20_000)
            + ClaudeLines.request("m-2", "r-2", "2026-08-01T23:59:00.000Z", 200_000, 1_000)
            + ClaudeLines.request("m-3", "r-3", "2026-08-02T00:01:00.000Z", 300_000, 3_000));
    assertEquals(
        0,
        cli.run(saved("anthropic_cost_report_page1.json", "cursor_usage_events_page1.json"))
            .exitCode());

    CliHarness.Result spend = cli.run("spend", "--json", "--until", "2026-08-03");
    CliHarness.Result daily = cli.run("usage", "daily", "--json", "--tz", "UTC");

    assertEquals(0, spend.exitCode(), spend::toString);
    JsonNode days = spend.json().get("days");
    assertEquals("2026-08-01", days.get(0).get("date").asText());
    assertEquals(3, days.size());
    JsonNode first = days.get(0);
    assertEquals("62.0347189", first.at("/billed/anthropic").asText());
    assertEquals("0.2420732", first.at("/billed/cursor").asText());
    assertTrue(first.at("/billed/openai").isNull());
    JsonNode rows = daily.json().get("daily");
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(rows.get(i).get("period").asText(), days.get(i).get("date").asText());
      assertEquals(
          0,
          rows.get(i)
              .get("totalCost")
              .decimalValue()
              .compareTo(days.get(i).get("observed").decimalValue()),
          "observed is usage daily's cost");
    }
    BigDecimal gap =
        new BigDecimal("62.0347189")
            .add(new BigDecimal("0.2420732"))
            .subtract(first.get("observed").decimalValue());
    assertEquals(0, gap.compareTo(first.get("gap").decimalValue()));
    assertEquals(
        List.of("days", "totals"),
        iterable(spend.json().fieldNames()),
        "the document's fields, exactly");
    assertEquals(List.of("date", "billed", "observed", "gap"), iterable(first.fieldNames()));
    assertEquals(
        List.of("billed", "observed", "gap"), iterable(spend.json().get("totals").fieldNames()));

    CliHarness.Result table =
        cli.run("spend", "--no-import", "--since", "2026-08-01", "--until", "2026-08-01");
    assertEquals(0, table.exitCode(), table::toString);
    assertTrue(
        table.out().contains("2026-08-01    $62.03         -         -     $0.24    $62.28"),
        table::toString);

    CliHarness.Result report = cli.run("report", "--json", "--no-scan", "--no-import");
    assertEquals(0, report.exitCode(), report::toString);
    assertEquals(
        "62.0347189", report.json().at("/spend/days/0/billed/anthropic").asText(), report.out());
    CliHarness.Result summary = cli.run("report", "--no-scan", "--no-import");
    assertTrue(summary.out().contains("Billed by vendors, 2026-08-01 to "), summary::toString);
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  @Test
  void spendWithoutBillsSaysHowToImportThem() {
    CliHarness.Result spend = cli.run("spend", "--no-import");

    assertEquals(0, spend.exitCode(), spend::toString);
    assertTrue(spend.out().contains("goodhart import vendor FILE..."), spend::toString);
  }
}
