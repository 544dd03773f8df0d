package dev.goodhart.ingest.forge;

import static java.util.Objects.requireNonNull;

/**
 * Something of a forge's answer or a saved file that could not be read: reported, counted and
 * skipped (fatal under {@code --strict}); what was stored before stays.
 *
 * @param where the request ({@code GET https://...}) or the file and line ({@code pulls.json:12})
 * @param reason what is wrong, in the house shape: the rule, the value in quotes, the remedy
 */
public record ForgeProblem(String where, String reason) {
  public ForgeProblem {
    requireNonNull(where, "where is null");
    requireNonNull(reason, "reason is null");
  }

  /** {@code where: reason}. */
  public String message() {
    return where + ": " + reason;
  }
}
