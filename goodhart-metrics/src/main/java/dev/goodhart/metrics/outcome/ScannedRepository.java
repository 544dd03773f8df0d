package dev.goodhart.metrics.outcome;

import dev.goodhart.model.git.CommitFact;
import dev.goodhart.model.git.PrintedCommit;
import dev.goodhart.model.git.RepositoryRef;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** A scanned repository with its commits, indexed by sha for abbreviated lookups. */
final class ScannedRepository {
  /** git abbreviates to at least 7 hex digits; fewer could name many commits. */
  static final int MIN_ABBREVIATION = 7;

  private final RepositoryRef ref;
  private final List<CommitFact> commits;
  private final TreeMap<String, CommitFact> bySha = new TreeMap<>();
  private final List<CommitFact> byTime;
  private final long[] times;

  /** The commits contained in a production deployment; null when none is known for it. */
  private final @Nullable Set<String> deployed;

  private RepositoryEvidence evidence = RepositoryEvidence.NONE;
  private @Nullable Map<String, Integer> mergedIn;

  ScannedRepository(RepositoryRef ref, List<CommitFact> commits) {
    this(ref, commits, List.of());
  }

  /**
   * With the shas of its successful production deployments: a commit is contained in one when it is
   * the deployed commit or one of its ancestors among the scanned commits.
   */
  ScannedRepository(RepositoryRef ref, List<CommitFact> commits, Collection<String> deployedHeads) {
    this.ref = ref;
    this.commits = List.copyOf(commits);
    commits.forEach(commit -> bySha.put(commit.sha(), commit));
    this.byTime = commits.stream().sorted(Comparator.comparing(CommitFact::committedAt)).toList();
    this.times = byTime.stream().mapToLong(c -> c.committedAt().toEpochMilli()).toArray();
    this.deployed = deployedHeads.isEmpty() ? null : ancestors(deployedHeads);
  }

  /** Adds what the repository says of commits that reached the branch under another sha. */
  ScannedRepository withEvidence(
      List<PrintedCommit> printed, Map<String, String> patchIds, List<PullRequest> pullRequests) {
    this.evidence = new RepositoryEvidence(printed, patchIds, pullRequests, bySha);
    return this;
  }

  RepositoryEvidence evidence() {
    return evidence;
  }

  /** The branch commit with this full sha, if any. */
  @Nullable CommitFact commit(String sha) {
    return bySha.get(sha);
  }

  Map<String, CommitFact> bySha() {
    return bySha;
  }

  /**
   * The pull request a branch commit came in by: its own message's number (a squash or merge), the
   * forge's word, or the number of the merge that brought it to the first-parent chain.
   */
  @Nullable Integer pullRequestNumber(String sha) {
    CommitFact commit = bySha.get(sha);
    if (commit != null && commit.prNumber() != null) {
      return commit.prNumber();
    }
    Integer forge = commit == null ? null : evidence.pullRequestNumber(commit);
    if (forge != null) {
      return forge;
    }
    return mergedIn().get(sha);
  }

  /** For commits of merged branches: the pull request number of the merge that brought them. */
  private Map<String, Integer> mergedIn() {
    if (mergedIn == null) {
      Map<String, Integer> numbers = new java.util.HashMap<>();
      for (CommitFact merge : commits) {
        if (!merge.onFirstParentChain() || !merge.isMerge() || merge.prNumber() == null) {
          continue;
        }
        Deque<String> next = new ArrayDeque<>(merge.parents().subList(1, merge.parents().size()));
        while (!next.isEmpty()) {
          CommitFact commit = bySha.get(next.removeLast());
          if (commit == null || commit.onFirstParentChain() || numbers.containsKey(commit.sha())) {
            continue;
          }
          numbers.put(commit.sha(), merge.prNumber());
          next.addAll(commit.parents());
        }
      }
      mergedIn = numbers;
    }
    return mergedIn;
  }

  private Set<String> ancestors(Collection<String> heads) {
    Set<String> reached = new HashSet<>();
    Deque<String> next = new ArrayDeque<>();
    for (String head : heads) {
      resolve(head).ifPresent(commit -> next.add(commit.sha()));
    }
    while (!next.isEmpty()) {
      String sha = next.removeLast();
      CommitFact commit = bySha.get(sha);
      if (commit != null && reached.add(sha)) {
        next.addAll(commit.parents());
      }
    }
    return reached;
  }

  /**
   * Whether a commit of this repository is still waiting for production: deployments of the
   * repository are known, and none contains it. Without known deployments, the default branch is
   * where a commit ships.
   */
  boolean awaitingDeployment(CommitFact commit) {
    return deployed != null && !deployed.contains(commit.sha());
  }

  /**
   * The commits made from {@code from} to {@code to}, both included, in time order: a session's
   * window is a few hours of a history of years, so it is looked up, not scanned.
   */
  List<CommitFact> committedBetween(Instant from, Instant to) {
    int first = firstAtOrAfter(from.toEpochMilli());
    int end = firstAtOrAfter(to.toEpochMilli() + 1);
    return byTime.subList(first, Math.max(first, end));
  }

  private int firstAtOrAfter(long millis) {
    int low = 0;
    int high = times.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (times[middle] < millis) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  RepositoryRef ref() {
    return ref;
  }

  List<CommitFact> commits() {
    return commits;
  }

  /** The one commit whose sha starts with {@code ref}; empty when none or several do. */
  Optional<CommitFact> resolve(String abbreviated) {
    String prefix = abbreviated.toLowerCase(Locale.ROOT);
    if (prefix.length() < MIN_ABBREVIATION) {
      return Optional.empty();
    }
    String first = bySha.ceilingKey(prefix);
    if (first == null || !first.startsWith(prefix)) {
      return Optional.empty();
    }
    String next = bySha.higherKey(first);
    if (next != null && next.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.of(bySha.get(first));
  }

  /** Whether a working directory lies in this repository's folder. */
  boolean contains(String cwd) {
    String root = trimSlash(ref.path());
    String folder = trimSlash(cwd);
    return folder.equals(root) || folder.startsWith(root + "/");
  }

  /** Whether a remote URL names this repository, however it is spelled (ssh, https, .git). */
  boolean hasRemote(String url) {
    return ref.remoteUrl() != null && normaliseRemote(ref.remoteUrl()).equals(normaliseRemote(url));
  }

  static String normaliseRemote(String url) {
    String u = url.trim().toLowerCase(Locale.ROOT);
    u = u.replaceFirst("^[a-z+]+://", "").replaceFirst("^[^@/]+@", "");
    u = u.replaceFirst(":(?!\\d+/)", "/").replaceFirst(":\\d+/", "/");
    u = trimSlash(u);
    return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
  }

  private static String trimSlash(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
