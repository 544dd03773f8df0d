package dev.goodhart.ingest.gemini;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.model.TokenCounts;

/**
 * Token counts in the Gemini API's convention ({@code usageMetadata}: {@code promptTokenCount},
 * {@code candidatesTokenCount}, {@code cachedContentTokenCount}, {@code thoughtsTokenCount}, {@code
 * toolUsePromptTokenCount}, {@code totalTokenCount}), which Gemini CLI's recordings copy under
 * shorter names and its forks (Qwen Code) write as they are. The prompt includes cached tokens;
 * tool-use prompt tokens are input on top of it. Thinking tokens are apart from the candidates in
 * Gemini's own answers but inside them when a fork converts an OpenAI-compatible answer, whose
 * completion tokens include reasoning: the total tells which, since it adds every part once.
 */
public final class GeminiTokenCounts {
  /** Where thinking tokens are when the total does not say. */
  public enum Thoughts {
    /** Gemini's own answers: thinking is billed as output on top of the candidates. */
    APART_FROM_CANDIDATES,
    /** Answers converted from OpenAI's shape: completion tokens already include reasoning. */
    INSIDE_CANDIDATES
  }

  private GeminiTokenCounts() {}

  /**
   * Goodhart's counts: input without cache reads, output with thinking, thinking kept as reasoning.
   * A record that gives only a total counts it as output, as ccusage does, so that token totals
   * agree.
   *
   * @param promptField the record's name of the prompt count, for messages
   * @param cachedField the record's name of the cached count
   */
  public static TokenCounts of(
      long prompt,
      long candidates,
      long cached,
      long thoughts,
      long toolPrompt,
      long total,
      Thoughts unlessTotalSays,
      String promptField,
      String cachedField)
      throws BadRecordException {
    if (cached > prompt) {
      throw new BadRecordException(
          "field '%s' (%d) exceeds '%s' (%d), which includes it"
              .formatted(cachedField, cached, promptField, prompt));
    }
    if (prompt == 0 && candidates == 0 && thoughts == 0 && toolPrompt == 0) {
      return new TokenCounts(0, total, 0, 0, 0, 0);
    }
    long input = prompt - cached + toolPrompt;
    if (thoughtsApart(prompt, candidates, thoughts, toolPrompt, total, unlessTotalSays)) {
      return new TokenCounts(input, candidates + thoughts, cached, 0, 0, thoughts);
    }
    return new TokenCounts(input, candidates, cached, 0, 0, Math.min(thoughts, candidates));
  }

  private static boolean thoughtsApart(
      long prompt,
      long candidates,
      long thoughts,
      long toolPrompt,
      long total,
      Thoughts unlessTotalSays) {
    if (thoughts > 0 && total > 0) {
      long withoutThoughts = prompt + candidates + toolPrompt;
      if (total == withoutThoughts + thoughts) {
        return true;
      }
      if (total == withoutThoughts) {
        return false;
      }
    }
    return unlessTotalSays == Thoughts.APART_FROM_CANDIDATES;
  }
}
