package dev.goodhart.model.git;

import static java.util.Objects.requireNonNull;

/**
 * One reason to think a commit was written with an AI agent.
 *
 * @param kind what the evidence is: {@code co-author-trailer}, {@code author}, {@code
 *     generated-marker}, {@code session-trailer}, {@code message-prefix}, {@code git-ai-note},
 *     {@code agent-trace}, ...
 * @param detail the text it was found in (a trailer line, an author, a note's tool), for a person
 *     to check
 * @param confidence how sure the evidence makes goodhart, from 0 to 1
 */
public record AiEvidence(String kind, String detail, double confidence) {
  public AiEvidence {
    requireNonNull(kind, "kind is null");
    requireNonNull(detail, "detail is null");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
    }
  }
}
