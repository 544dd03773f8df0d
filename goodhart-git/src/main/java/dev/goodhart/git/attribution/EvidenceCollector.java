package dev.goodhart.git.attribution;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.git.AiEvidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers what the rules find in one commit and makes the {@link Attribution}: repeats merged (a
 * squash body lists the same co-author once per squashed commit), evidence ordered strongest first,
 * ties in the order found.
 */
final class EvidenceCollector {
  private record Finding(String agent, AiEvidence evidence) {
    Finding {
      requireNonNull(agent, "agent is null");
      requireNonNull(evidence, "evidence is null");
    }
  }

  private record Place(String kind, String detail) {}

  private final Map<Place, Finding> findings = new LinkedHashMap<>();
  private final Set<String> sessionIds = new LinkedHashSet<>();

  /** Adds a finding; the same kind and detail found again keeps the higher confidence. */
  void add(String agent, String kind, String detail, double confidence) {
    // Rounded so that 0.9 - 0.05 is 0.85, not 0.8500000000000001, in reports and comparisons.
    double rounded = Math.round(Math.clamp(confidence, 0.0, 1.0) * 100) / 100.0;
    Finding finding = new Finding(agent, new AiEvidence(kind, detail, rounded));
    findings.merge(
        new Place(kind, detail),
        finding,
        (old, found) -> found.evidence().confidence() > old.evidence().confidence() ? found : old);
  }

  void addSession(String sessionId) {
    if (!sessionId.isBlank()) {
      sessionIds.add(sessionId.strip());
    }
  }

  Attribution attribution() {
    if (findings.isEmpty() && sessionIds.isEmpty()) {
      return Attribution.NONE;
    }
    List<Finding> ordered = new ArrayList<>(findings.values());
    // List.sort is stable: among equal confidences the first found stays first.
    ordered.sort(
        Comparator.comparingDouble((Finding finding) -> finding.evidence().confidence())
            .reversed());
    String agent = ordered.isEmpty() ? null : ordered.getFirst().agent();
    return new Attribution(
        agent, ordered.stream().map(Finding::evidence).toList(), List.copyOf(sessionIds));
  }
}
