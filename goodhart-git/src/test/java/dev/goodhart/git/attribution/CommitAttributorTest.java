package dev.goodhart.git.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.goodhart.model.git.AiEvidence;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommitAttributorTest {
  private static final String JANE = "Jane Doe";
  private static final String JANE_EMAIL = "jane@example.com";

  private final CommitAttributor attributor = new CommitAttributor();

  @Test
  void claudeCodeCoAuthorTrailer() {
    Attribution attribution =
        attribute(
            """
            Retry the upstream fetch on connection resets

            The API drops idle connections after 60 s; one retry covers it.

            Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>
            """);

    assertAttribution(
        "claude-code",
        List.of(
            evidence(
                "co-author-trailer",
                "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>",
                0.9)),
        attribution);
    assertEquals(List.of(), attribution.sessionIds());
  }

  @Test
  void claudeCodeGeneratedMarkerOfTheEarlierBuilds() {
    Attribution current =
        attribute(
            """
            Add a --dry-run flag to the importer

            🤖 Generated with [Claude Code](https://claude.com/claude-code)

            Co-Authored-By: Claude <noreply@anthropic.com>
            """);
    Attribution older =
        attribute(
            "Fix the flaky clock test\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n");

    assertAttribution(
        "claude-code",
        List.of(
            evidence("co-author-trailer", "Co-Authored-By: Claude <noreply@anthropic.com>", 0.9),
            evidence(
                "generated-marker",
                "🤖 Generated with [Claude Code](https://claude.com/claude-code)",
                0.8)),
        current);
    assertAttribution(
        "claude-code",
        List.of(
            evidence(
                "generated-marker",
                "🤖 Generated with [Claude Code](https://claude.ai/code)",
                0.8)),
        older);
  }

  @Test
  void claudeCodeSessionTrailerNamesTheSession() {
    Attribution attribution =
        attribute(
            """
            Split the report writer by format

            Co-Authored-By: Claude <noreply@anthropic.com>
            Claude-Session: https://claude.ai/code/session_011CUbXXw9oFz5VbwV2F1dQz
            """);

    assertEquals("claude-code", attribution.aiAgent());
    assertEquals(
        List.of("https://claude.ai/code/session_011CUbXXw9oFz5VbwV2F1dQz"),
        attribution.sessionIds());
    assertEquals(
        evidence(
            "session-trailer",
            "Claude-Session: https://claude.ai/code/session_011CUbXXw9oFz5VbwV2F1dQz",
            0.9),
        attribution.evidence().get(1));
  }

  @Test
  void copilotCodingAgentCommitsAsItsBotWithALogsLink() {
    Attribution attribution =
        attribute(
            "copilot-swe-agent[bot]",
            "198982749+Copilot@users.noreply.github.com",
            "GitHub",
            "noreply@github.com",
            """
            Initial plan

            Co-authored-by: octocat <583231+octocat@users.noreply.github.com>
            Agent-Logs-Url: https://github.com/acme/widgets/sessions/0b6a0c2e-5f0e-4a53-9d1c-2f3c1e9b7a10
            """);

    assertAttribution(
        "copilot",
        List.of(
            evidence(
                "author",
                "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
                1.0),
            evidence(
                "session-trailer",
                "Agent-Logs-Url: https://github.com/acme/widgets/sessions/"
                    + "0b6a0c2e-5f0e-4a53-9d1c-2f3c1e9b7a10",
                0.9)),
        attribution);
    assertEquals(
        List.of("https://github.com/acme/widgets/sessions/0b6a0c2e-5f0e-4a53-9d1c-2f3c1e9b7a10"),
        attribution.sessionIds());
  }

  @Test
  void copilotCodingAgentSquashedOntoMainBecomesACoAuthor() {
    Attribution attribution =
        attribute(
            """
            Fix the race in the cache warm-up (#842)

            * Initial plan

            * Guard the warm-up with a latch

            Co-authored-by: octocat <583231+octocat@users.noreply.github.com>

            * Add a regression test

            Agent-Logs-Url: https://github.com/acme/widgets/sessions/0b6a0c2e-5f0e-4a53-9d1c-2f3c1e9b7a10

            ---------

            Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>
            Co-authored-by: octocat <583231+octocat@users.noreply.github.com>
            """);

    assertAttribution(
        "copilot",
        List.of(
            evidence(
                "co-author-trailer",
                "Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
                0.9),
            evidence(
                "session-trailer",
                "Agent-Logs-Url: https://github.com/acme/widgets/sessions/"
                    + "0b6a0c2e-5f0e-4a53-9d1c-2f3c1e9b7a10",
                0.85)),
        attribution);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>",
        "Co-authored-by: Copilot <copilot@github.com>",
        "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>"
      })
  void copilotInVsCodeAndTheCliCoAuthors(String trailer) {
    Attribution attribution = attribute("Rename the store's flush\n\n" + trailer + "\n");

    assertAttribution("copilot", List.of(evidence("co-author-trailer", trailer, 0.9)), attribution);
  }

  @Test
  void cursorTrailerFooterAndCloudAgentLink() {
    Attribution trailer =
        attribute("Handle empty pages\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n");
    Attribution madeWith = attribute("Handle empty pages\n\nMade-with: Cursor\n");
    Attribution footer =
        attribute(
            """
            Handle empty pages (#77)

            Empty pages now end the walk instead of throwing.

            https://cursor.com/agents/bc-2f7c9a3e-1d4b-4e8a-9f6c-5b2a7d1e3c4f

            Made with [Cursor](https://cursor.com)
            """);

    assertAttribution(
        "cursor",
        List.of(
            evidence("co-author-trailer", "Co-authored-by: Cursor <cursoragent@cursor.com>", 0.9)),
        trailer);
    assertAttribution(
        "cursor", List.of(evidence("generated-marker", "Made-with: Cursor", 0.8)), madeWith);
    assertAttribution(
        "cursor",
        List.of(
            evidence(
                "session-trailer",
                "https://cursor.com/agents/bc-2f7c9a3e-1d4b-4e8a-9f6c-5b2a7d1e3c4f",
                0.85),
            evidence("generated-marker", "Made with [Cursor](https://cursor.com)", 0.8)),
        footer);
    assertEquals(
        List.of("https://cursor.com/agents/bc-2f7c9a3e-1d4b-4e8a-9f6c-5b2a7d1e3c4f"),
        footer.sessionIds());
  }

  @Test
  void aiderNameSuffixPrefixAndCoAuthor() {
    Attribution suffix =
        attribute(
            "Jane Doe (aider)",
            JANE_EMAIL,
            "Jane Doe (aider)",
            JANE_EMAIL,
            "aider: Add type hints to the parser module\n");
    Attribution coAuthor =
        attribute(
            """
            feat: Add type hints to the parser module

            Co-authored-by: aider (anthropic/claude-sonnet-4-20250514) <aider@aider.chat>
            """);

    assertAttribution(
        "aider",
        List.of(
            evidence("author", "Jane Doe (aider) <jane@example.com>", 0.9),
            evidence("committer", "Jane Doe (aider) <jane@example.com>", 0.9),
            evidence("message-prefix", "aider: Add type hints to the parser module", 0.7)),
        suffix);
    assertAttribution(
        "aider",
        List.of(
            evidence(
                "co-author-trailer",
                "Co-authored-by: aider (anthropic/claude-sonnet-4-20250514) <aider@aider.chat>",
                0.9)),
        coAuthor);
  }

  @ParameterizedTest
  @ValueSource(strings = {"noreply@aider.chat", "noreply@aider.dev"})
  void aiderCoAuthorAddressesOfTheDocsAndTheFirstRelease(String address) {
    assertEquals(
        "aider", attribute("Fix\n\nCo-authored-by: aider (gpt-4o) <" + address + ">\n").aiAgent());
  }

  @Test
  void codexAndGeminiOnlyByWeakSigns() {
    Attribution openAiAddress = attribute("Fix\n\nCo-authored-by: Codex <noreply@openai.com>\n");
    Attribution codexName = attribute("Fix\n\nCo-authored-by: OpenAI Codex <bot@example.com>\n");
    Attribution geminiName =
        attribute("Fix\n\nCo-authored-by: Gemini CLI <gemini-cli@example.com>\n");
    Attribution geminiGenerated = attribute("Fix\n\nGenerated-by: Gemini 2.5 Pro\n");

    assertAttribution(
        "codex",
        List.of(evidence("co-author-trailer", "Co-authored-by: Codex <noreply@openai.com>", 0.6)),
        openAiAddress);
    assertAttribution(
        "codex",
        List.of(
            evidence("co-author-trailer", "Co-authored-by: OpenAI Codex <bot@example.com>", 0.5)),
        codexName);
    assertAttribution(
        "gemini",
        List.of(
            evidence(
                "co-author-trailer", "Co-authored-by: Gemini CLI <gemini-cli@example.com>", 0.5)),
        geminiName);
    assertAttribution(
        "gemini",
        List.of(evidence("assisted-by-trailer", "Generated-by: Gemini 2.5 Pro", 0.8)),
        geminiGenerated);
  }

  @Test
  void opencodeAndDevin() {
    Attribution opencode =
        attribute("Add the export command\n\nCo-Authored-By: opencode <noreply@opencode.ai>\n");
    Attribution devin =
        attribute(
            "devin-ai-integration[bot]",
            "158243242+devin-ai-integration[bot]@users.noreply.github.com",
            "devin-ai-integration[bot]",
            "158243242+devin-ai-integration[bot]@users.noreply.github.com",
            "Add pagination to the list endpoint\n");

    assertAttribution(
        "opencode",
        List.of(
            evidence("co-author-trailer", "Co-Authored-By: opencode <noreply@opencode.ai>", 0.9)),
        opencode);
    assertEquals("devin", devin.aiAgent());
    assertEquals(
        List.of(1.0, 0.95), devin.evidence().stream().map(AiEvidence::confidence).toList());
  }

  @Test
  void assistedByAndGeneratedByTrailers() {
    assertAttribution(
        "claude-code",
        List.of(
            evidence(
                "assisted-by-trailer", "Assisted-by: Claude:claude-3-opus coccinelle sparse", 0.8)),
        attribute(
            "mm: fix a leak in the slab allocator\n\n"
                + "Assisted-by: Claude:claude-3-opus coccinelle sparse\n"
                + "Signed-off-by: Jane Doe <jane@example.com>\n"));
    assertAttribution(
        "copilot",
        List.of(evidence("assisted-by-trailer", "Generated-by: GitHub Copilot", 0.8)),
        attribute("Add the tests\n\nGenerated-by: GitHub Copilot\n"));
    assertAttribution(
        "ai",
        List.of(evidence("assisted-by-trailer", "Assisted-by: an LLM chat assistant", 0.7)),
        attribute("Add the tests\n\nAssisted-by: an LLM chat assistant\n"));
    assertAttribution(
        "ai",
        List.of(evidence("assisted-by-trailer", "Generated-by: ChatGPT", 0.6)),
        attribute("Add the tests\n\nGenerated-by: ChatGPT\n"));
    // A person's help, in the key's older sense.
    assertSame(
        Attribution.NONE,
        attribute("Add the tests\n\nAssisted-by: Jane Cursor <jane.cursor@example.com>\n"));
  }

  @Test
  void aSquashBodyWithSeveralAgentsAndPeople() {
    Attribution attribution =
        attribute(
            """
            Add the usage report (#311)

            * Add the report skeleton

            🤖 Generated with [Claude Code](https://claude.com/claude-code)

            Co-Authored-By: Claude <noreply@anthropic.com>

            * Fill in the totals

            Co-Authored-By: Claude <noreply@anthropic.com>

            * Polish the table

            Co-authored-by: Cursor <cursoragent@cursor.com>

            ---------

            Co-authored-by: Jane Doe <jane@example.com>
            Co-authored-by: John Roe <1234+jroe@users.noreply.github.com>
            """);

    // Body co-author lines count 0.05 less than the trailer block; repeats are kept once; equal
    // confidences keep the order of the message.
    assertAttribution(
        "claude-code",
        List.of(
            evidence("co-author-trailer", "Co-Authored-By: Claude <noreply@anthropic.com>", 0.85),
            evidence("co-author-trailer", "Co-authored-by: Cursor <cursoragent@cursor.com>", 0.85),
            evidence(
                "generated-marker",
                "🤖 Generated with [Claude Code](https://claude.com/claude-code)",
                0.8)),
        attribution);
  }

  @Test
  void theStrongestEvidenceDecidesTheAgent() {
    Attribution attribution =
        attribute(
            """
            Add the cache

            🤖 Generated with [Claude Code](https://claude.com/claude-code)

            Co-authored-by: Cursor <cursoragent@cursor.com>
            Co-Authored-By: Claude <noreply@anthropic.com>
            """);

    // Two trailers at 0.9: the first in the message wins.
    assertEquals("cursor", attribution.aiAgent());
    assertEquals(
        List.of("co-author-trailer", "co-author-trailer", "generated-marker"),
        attribution.evidence().stream().map(AiEvidence::kind).toList());
  }

  @Test
  void trailerParsingEdgeCases() {
    // CRLF line ends and trailing blank lines.
    assertEquals(
        0.9,
        attribute(
                "Fix\r\n\r\nBody\r\n\r\nCo-Authored-By: Claude <noreply@anthropic.com>\r\n\r\n\r\n")
            .evidence()
            .getFirst()
            .confidence());
    // A cherry-pick line below the trailers leaves them in the block.
    assertEquals(
        0.9,
        attribute(
                "Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"
                    + "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n")
            .evidence()
            .getFirst()
            .confidence());
    // A folded trailer: only the block joins continuation lines.
    Attribution folded = attribute("Fix\n\nCo-Authored-By: Claude\n <noreply@anthropic.com>\n");
    assertAttribution(
        "claude-code",
        List.of(
            evidence("co-author-trailer", "Co-Authored-By: Claude <noreply@anthropic.com>", 0.9)),
        folded);
    // Text in the last paragraph makes it no block; the line still counts, as body text.
    assertEquals(
        0.85,
        attribute("Fix\n\nThanks for the review!\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
            .evidence()
            .getFirst()
            .confidence());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docs: explain how to use Claude Code\n\nClaude Code adds a Co-Authored-By trailer to"
            + " each commit; see the docs.\n",
        "fix cursor position after paste\n",
        "Bump copilot-language-server to 1.290.0\n",
        "Compare aider, Codex and Gemini CLI in the README\n\nAll three can commit for you.\n",
        "Explain the trailer\n\nClaude writes `Co-Authored-By: Claude <noreply@anthropic.com>`.\n",
        "Quote the marker\n\n> 🤖 Generated with [Claude Code](https://claude.com/claude-code) is"
            + " what it writes\n",
        "Mention aider: the tool\n",
        "Add a page about Made with [Cursor](https://cursor.com) badges\n",
        "Merge the gemini branch\n\nCo-authored-by: Gemini Lee <gemini.lee@example.com>\n",
        "Pair on the parser\n\nCo-authored-by: Jane Doe <jane@example.com>\n"
            + "Co-authored-by: John Roe <1234+jroe@users.noreply.github.com>\n"
            + "Co-authored-by: Ann Claude <ann@anthropic.com>\n",
        "Fix the build\n\nSigned-off-by: Jane Doe <jane@example.com>\n",
        "Port the tokenizer\n\nCo-authored-by: Sam Altman-Fan <claude@openai.com>\n",
        ""
      })
  void mentionsAndPeopleAreNoEvidence(String message) {
    assertSame(Attribution.NONE, attribute(message));
  }

  @Test
  void humanIdentitiesAreNoEvidence() {
    assertSame(
        Attribution.NONE,
        attribute("Claude Shannon", "claude@example.com", "GitHub", "noreply@github.com", "Fix\n"));
    assertSame(
        Attribution.NONE,
        attribute("Devin Smith", "devin@example.com", "Cursor Fan", "cursor@example.com", "Fix\n"));
  }

  @Test
  void aGitAiNoteAndAgentTraceRecordsJoinTheMessagesEvidence()
      throws MalformedAttributionDataException {
    GitAiNote note = GitAiNote.parse(GitAiNoteTest.SPEC_EXAMPLE);
    AgentTraceRecord record = AgentTraceRecords.parseRecord(AgentTraceRecordsTest.SPEC_EXAMPLE);
    CommitText commit =
        new CommitText(
            JANE,
            JANE_EMAIL,
            JANE,
            JANE_EMAIL,
            "Add the parser\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n");

    Attribution attribution = attributor.attribute(commit, note, List.of(record));

    assertAttribution(
        "claude-code",
        List.of(
            evidence(
                "git-ai-note",
                "refs/notes/ai s_c9883b05a2487d tool claude id conv_abc123: 23 lines",
                1.0),
            evidence(
                "git-ai-note",
                "refs/notes/ai abcd1234abcd1234 tool cursor id"
                    + " 6ef2299e-a67f-432b-aa80-3d2fb4d28999: 50 lines",
                1.0),
            evidence(
                "agent-trace",
                "agent trace 550e8400-e29b-41d4-a716-446655440000 tool cursor: 26 ai, 0 mixed lines",
                0.95),
            evidence("co-author-trailer", "Co-authored-by: Cursor <cursoragent@cursor.com>", 0.9)),
        attribution);
    assertEquals(
        List.of(
            "conv_abc123",
            "6ef2299e-a67f-432b-aa80-3d2fb4d28999",
            "https://api.cursor.com/v1/conversations/12345"),
        attribution.sessionIds());
  }

  @Test
  void humanOnlyNotesAndTracesAreNoEvidence() throws MalformedAttributionDataException {
    GitAiNote humanNote = GitAiNote.parse("a.txt\n  h_31dce776f88375 1-3\n---\n{}\n");
    AgentTraceRecord humanTrace =
        AgentTraceRecords.parseRecord(
            AgentTraceRecordsTest.SPEC_EXAMPLE.replace("\"type\":\"ai\"", "\"type\":\"human\""));

    assertSame(
        Attribution.NONE,
        attributor.attribute(
            new CommitText(JANE, JANE_EMAIL, JANE, JANE_EMAIL, "Fix\n"),
            humanNote,
            List.of(humanTrace)));
  }

  @Test
  void mixedTraceLinesCountLessThanAiLines() throws MalformedAttributionDataException {
    AgentTraceRecord mixed =
        AgentTraceRecords.parseRecord(
            AgentTraceRecordsTest.SPEC_EXAMPLE.replace("\"type\":\"ai\"", "\"type\":\"mixed\""));

    Attribution attribution =
        attributor.attribute(
            new CommitText(JANE, JANE_EMAIL, JANE, JANE_EMAIL, "Fix\n"), null, List.of(mixed));

    assertEquals("cursor", attribution.aiAgent());
    assertEquals(0.85, attribution.evidence().getFirst().confidence());
  }

  private Attribution attribute(String message) {
    return attribute(JANE, JANE_EMAIL, JANE, JANE_EMAIL, message);
  }

  private Attribution attribute(
      String author, String authorEmail, String committer, String committerEmail, String message) {
    return attributor.attribute(
        new CommitText(author, authorEmail, committer, committerEmail, message));
  }

  private static AiEvidence evidence(String kind, String detail, double confidence) {
    return new AiEvidence(kind, detail, confidence);
  }

  private static void assertAttribution(
      String agent, List<AiEvidence> evidence, Attribution attribution) {
    assertEquals(evidence, attribution.evidence());
    assertEquals(agent, attribution.aiAgent());
  }
}
