package dev.goodhart.cli;

import dev.goodhart.model.TokenCounts;
import java.time.Instant;
import java.util.List;

/**
 * The format specification's sample logs placed where each agent keeps them, and the requests a
 * correct reader finds in them, worked out by hand from the samples and FORMATS.md's counting
 * rules.
 */
final class SampleLogs {
  private SampleLogs() {}

  /** One request as it should be counted. */
  record Expected(String source, Instant at, String session, String model, TokenCounts tokens) {}

  static void placeAll(CliHarness cli) {
    cli.sample(
        "claude_fixture_project-alpha_session-alpha_chat.jsonl",
        ".claude/projects/-home-dev-work-alpha/session-alpha.jsonl");
    cli.sample(
        "claude_synthetic_realistic_session.jsonl",
        ".claude/projects/-home-dev-work-alpha/11111111-aaaa-4aaa-8aaa-000000000001.jsonl");
    cli.sample(
        "claude_synthetic_subagent_with_sidechain_replay.jsonl",
        ".claude/projects/-home-dev-work-alpha/11111111-aaaa-4aaa-8aaa-000000000001/subagents/agent-1.jsonl");
    cli.sample(
        "codex_rollout_synthetic.jsonl",
        ".codex/sessions/2026/03/05/rollout-2026-03-05T10-00-00-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl");
    cli.sample(
        "gemini_chat_record_fixture.jsonl",
        ".gemini/tmp/abc123/chats/session-2026-05-17T11-07-abc.jsonl");
    cli.sample(
        "opencode_storage_message_fixture.json",
        ".local/share/opencode/storage/message/session-a/msg-1.json");
  }

  static final List<Expected> REQUESTS =
      List.of(
          // session-alpha: three requests, each with its own message id.
          new Expected(
              "claude",
              t("2026-01-09T10:00:00Z"),
              "session-alpha",
              "claude-sonnet-4-20250514",
              TokenCounts.of(100, 50, 10, 25)),
          new Expected(
              "claude",
              t("2026-01-09T12:30:00Z"),
              "session-alpha",
              "claude-opus-4-20250514",
              TokenCounts.of(200, 75, 20, 50)),
          new Expected(
              "claude",
              t("2026-01-10T09:15:00Z"),
              "session-alpha",
              "claude-sonnet-4-20250514",
              TokenCounts.of(300, 125, 40, 0)),
          // The realistic session: three content-block lines of one request.
          new Expected(
              "claude",
              t("2026-03-01T09:00:02Z"),
              "11111111-aaaa-4aaa-8aaa-000000000001",
              "claude-sonnet-4-5-20250929",
              TokenCounts.of(10, 420, 12_000, 8_000)),
          // The sub-agent file: its own request, and a replay whose original is not in these logs
          // (so it counts).
          new Expected(
              "claude",
              t("2026-03-02T11:02:37Z"),
              "11111111-aaaa-4aaa-8aaa-000000000002",
              "claude-haiku-4-5-20251001",
              TokenCounts.of(1_200, 80, 0, 3_000)),
          new Expected(
              "claude",
              t("2026-03-02T11:02:37Z"),
              "11111111-aaaa-4aaa-8aaa-000000000002",
              "claude-opus-4-1-20250805",
              TokenCounts.of(20, 2_000, 90_000, 15_000)),
          // Codex: last usage 10,000/2,000 cached; a repeat (ignored); growth of totals without
          // last usage.
          new Expected(
              "codex",
              t("2026-03-05T10:00:05Z"),
              "0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee",
              "gpt-5-codex",
              new TokenCounts(8_000, 500, 2_000, 0, 0, 200)),
          new Expected(
              "codex",
              t("2026-03-05T10:02:00Z"),
              "0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee",
              "gpt-5-codex",
              new TokenCounts(5_000, 800, 10_000, 0, 0, 400)),
          new Expected(
              "codex",
              t("2026-03-05T10:04:00Z"),
              "0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee",
              "gpt-5.1-codex-mini",
              new TokenCounts(7_000, 500, 8_000, 0, 0, 100)),
          // Gemini: input includes cached; tool prompt tokens are input; thoughts are output.
          new Expected(
              "gemini",
              t("2026-05-17T11:07:32Z"),
              "session-2026-05-17T11-07-abc",
              "gemini-3-flash-preview",
              new TokenCounts(15_327 - 11_526 + 7, 23 + 919, 11_526, 0, 0, 919)),
          new Expected(
              "opencode",
              t("2026-01-02T00:00:00Z"),
              "session-a",
              "claude-sonnet-4-20250514",
              TokenCounts.of(100, 50, 10, 20)));

  static TokenCounts total(List<Expected> requests) {
    TokenCounts sum = TokenCounts.ZERO;
    for (Expected request : requests) {
      sum = sum.plus(request.tokens());
    }
    return sum;
  }

  private static Instant t(String text) {
    return Instant.parse(text);
  }
}
