package dev.goodhart.git.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentNamesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # tool field, as git-ai and Agent Trace write it | goodhart's name
          claude         | claude-code
          claude-code    | claude-code
          Cursor         | cursor
          github-copilot | copilot
          codex          | codex
          gemini-cli     | gemini
          opencode       | opencode
          ' Windsurf '   | windsurf
          amp            | amp
          ''             | ai
          """)
  void mapsToolFieldsToAgentNames(String tool, String agent) {
    assertEquals(agent, AgentNames.fromToolName(tool));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # free text                          | the agent it names, if any
          Claude:claude-3-opus coccinelle       | claude-code
          GitHub Copilot (claude-sonnet-4)      | copilot
          an LLM                                |
          ChatGPT                               |
          cursorless                            |
          Devin                                 | devin
          """)
  void namesAnAgentOnlyByAWholeWord(String text, String agent) {
    assertEquals(Optional.ofNullable(agent), AgentNames.namedIn(text));
  }
}
