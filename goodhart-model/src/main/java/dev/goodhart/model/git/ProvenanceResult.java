package dev.goodhart.model.git;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * Line provenance's results, kept so that a report whose facts have not changed reads them instead
 * of matching every line again: every session's credits, and each commit of the agent era's own
 * lines that carry information.
 *
 * @param fingerprint what the results were computed from (the agents' lines, the scans, the rules):
 *     results under another fingerprint are stale
 * @param informativeLines by repository id, then commit sha
 */
public record ProvenanceResult(
    String fingerprint,
    List<LineCredit> credits,
    Map<String, Map<String, Integer>> informativeLines) {
  public ProvenanceResult {
    requireNonNull(fingerprint, "fingerprint is null");
    credits = List.copyOf(requireNonNull(credits, "credits is null"));
    informativeLines = Map.copyOf(requireNonNull(informativeLines, "informativeLines is null"));
  }
}
