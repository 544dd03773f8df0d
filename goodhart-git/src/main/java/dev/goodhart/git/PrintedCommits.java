package dev.goodhart.git;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Looks up, in one repository, the commits agent sessions printed: an abbreviated sha resolves to
 * the full one when the repository holds that commit, whatever branch it is on (or none: git keeps
 * a commit an amend or a rebase replaced until it collects garbage). And {@code git patch-id
 * --stable} of commits, which is the same for the same change made again under another sha.
 */
public final class PrintedCommits {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{4,64}");

  /** How many commits one {@code git log -p} takes at a time: a command line has limits. */
  private static final int BATCH = 200;

  private PrintedCommits() {}

  /**
   * The full sha of every printed sha the repository holds a commit for, by printed sha; an
   * ambiguous or unknown one is absent. One {@code git cat-file} for all of them.
   */
  public static Map<String, String> fullShas(Git git, Collection<String> refs) {
    List<String> asked = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    StringBuilder input = new StringBuilder();
    for (String ref : refs) {
      String hex = ref.toLowerCase(Locale.ROOT);
      if (HEX.matcher(hex).matches() && seen.add(hex)) {
        asked.add(hex);
        input.append(hex).append("^{commit}\n");
      }
    }
    Map<String, String> shas = new LinkedHashMap<>();
    if (asked.isEmpty()) {
      return shas;
    }
    String[] answers =
        new String(
                git.runWithInput(
                    input.toString().getBytes(StandardCharsets.US_ASCII),
                    "cat-file",
                    "--batch-check=%(objectname) %(objecttype)"),
                StandardCharsets.UTF_8)
            .split("\n");
    for (int i = 0; i < asked.size() && i < answers.length; i++) {
      String[] parts = answers[i].strip().split(" ");
      if (parts.length == 2 && parts[1].equals("commit") && parts[0].startsWith(asked.get(i))) {
        shas.put(asked.get(i), parts[0]);
      }
    }
    return shas;
  }

  /** When each commit was committed, by sha: {@code git log}, a few hundred at a time. */
  public static Map<String, Instant> commitTimes(Git git, Collection<String> shas) {
    Map<String, Instant> times = new LinkedHashMap<>();
    if (shas.isEmpty()) {
      return times;
    }
    List<String> all = List.copyOf(shas);
    for (int from = 0; from < all.size(); from += BATCH) {
      List<String> args = new ArrayList<>(List.of("log", "--no-walk=unsorted", "--format=%H %ct"));
      args.addAll(all.subList(from, Math.min(all.size(), from + BATCH)));
      for (String line : git.run(args.toArray(String[]::new)).split("\n")) {
        String[] parts = line.strip().split(" ");
        if (parts.length == 2) {
          times.put(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])));
        }
      }
    }
    return times;
  }

  /**
   * {@code git patch-id --stable} of each commit, by sha: a hash of its diff against its parent
   * with line numbers and white space left out. A merge (no single diff) or an empty commit has
   * none.
   */
  public static Map<String, String> patchIds(Git git, Collection<String> shas) {
    Map<String, String> ids = new LinkedHashMap<>();
    if (shas.isEmpty()) {
      return ids; // git log without a commit would show the head's
    }
    List<String> all = List.copyOf(shas);
    for (int from = 0; from < all.size(); from += BATCH) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "log",
                  "-p",
                  "--no-walk=unsorted",
                  "--no-color",
                  "--no-ext-diff",
                  "--no-textconv",
                  "--format=commit %H"));
      args.addAll(all.subList(from, Math.min(all.size(), from + BATCH)));
      byte[] patches = git.runWithInput(new byte[0], args.toArray(String[]::new));
      if (patches.length == 0) {
        continue;
      }
      String output =
          new String(git.runWithInput(patches, "patch-id", "--stable"), StandardCharsets.UTF_8);
      for (String line : output.split("\n")) {
        String[] parts = line.strip().split(" ");
        if (parts.length == 2) {
          ids.put(parts[1], parts[0]);
        }
      }
    }
    return ids;
  }

  /** Whether a printed text is a sha git could have printed (at least 7 hex digits). */
  public static boolean looksLikeSha(@Nullable String ref) {
    return ref != null && ref.length() >= 7 && HEX.matcher(ref.toLowerCase(Locale.ROOT)).matches();
  }
}
