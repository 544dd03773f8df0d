package dev.goodhart.metrics.provenance;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every line the sessions' agents wrote, as hashes, indexed by hash: for each hash, each time a
 * session wrote it (into which file, when), latest first. Each such occurrence can be matched by
 * one line of one commit: a session never gets more lines than it wrote.
 */
public final class WrittenLines {
  private final List<String> sessions = new ArrayList<>();
  private final Map<String, Integer> sessionIndex = new HashMap<>();
  private final List<String> paths = new ArrayList<>();
  private final Map<String, Integer> pathIndex = new HashMap<>();
  private final LongIndex hashes = new LongIndex();
  private final List<Occurrences> byHash = new ArrayList<>();
  private final Map<String, Long> writtenBySession = new HashMap<>();
  private boolean sealed;

  /** One edit of a session: the file, the moment, the hashes of the lines it wrote. */
  public record Edit(String session, @Nullable String path, Instant at, long[] hashes) {
    public Edit {
      requireNonNull(session, "session is null");
      requireNonNull(at, "at is null");
      hashes = hashes.clone();
    }
  }

  /** Adds an edit; call before the first lookup. */
  public void add(Edit edit) {
    if (sealed) {
      throw new IllegalStateException("the written lines were already looked up");
    }
    if (edit.path() == null || edit.hashes().length == 0) {
      return;
    }
    int session = sessionIndex.computeIfAbsent(edit.session(), s -> add(sessions, s));
    int path = pathIndex.computeIfAbsent(edit.path(), p -> add(paths, p));
    long at = edit.at().toEpochMilli();
    for (long hash : edit.hashes()) {
      int id = hashes.add(hash);
      if (id == byHash.size()) {
        byHash.add(new Occurrences());
      }
      byHash.get(id).add(session, path, at);
    }
    writtenBySession.merge(edit.session(), (long) edit.hashes().length, Long::sum);
  }

  private static int add(List<String> list, String value) {
    list.add(value);
    return list.size() - 1;
  }

  boolean isEmpty() {
    return byHash.isEmpty();
  }

  /** Lines written, per session: those of edits whose text the log carried. */
  public Map<String, Long> writtenBySession() {
    return writtenBySession;
  }

  /** The occurrences of a hash, latest first; null when no session wrote it. */
  @Nullable Occurrences of(long hash) {
    if (!sealed) {
      byHash.forEach(occurrences -> occurrences.sortLatestFirst(sessions, paths));
      sealed = true;
    }
    int id = hashes.get(hash);
    return id < 0 ? null : byHash.get(id);
  }

  String session(int index) {
    return sessions.get(index);
  }

  int sessions() {
    return sessions.size();
  }

  String path(int index) {
    return paths.get(index);
  }

  int pathCount() {
    return paths.size();
  }

  /** The times one hash was written: by whom, where, when, and whether a commit's line took it. */
  static final class Occurrences {
    int[] session = new int[2];
    int[] path = new int[2];
    long[] at = new long[2];
    boolean[] used = new boolean[2];
    int size;

    void add(int sessionIndex, int pathIndex, long millis) {
      if (size == at.length) {
        session = Arrays.copyOf(session, size * 2);
        path = Arrays.copyOf(path, size * 2);
        at = Arrays.copyOf(at, size * 2);
        used = Arrays.copyOf(used, size * 2);
      }
      session[size] = sessionIndex;
      path[size] = pathIndex;
      at[size] = millis;
      size++;
    }

    /**
     * The first occurrence written at or before {@code millis}: they are latest first, and a line
     * many sessions wrote is looked up by many commits, most of them older than most writes.
     */
    int firstAtOrBefore(long millis) {
      int low = 0;
      int high = size;
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (at[middle] > millis) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      return low;
    }

    /**
     * Latest first; a tie by session, then file, by name: the edits arrive in no set order (the
     * store streams them unsorted, which needs no memory for a sort), and the result must not
     * depend on it.
     */
    void sortLatestFirst(List<String> sessionNames, List<String> pathNames) {
      if (size < 2) { // most lines were written once
        used = new boolean[size];
        return;
      }
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(
          order,
          (a, b) -> {
            if (at[a] != at[b]) {
              return Long.compare(at[b], at[a]);
            }
            int bySession = sessionNames.get(session[a]).compareTo(sessionNames.get(session[b]));
            return bySession != 0
                ? bySession
                : pathNames.get(path[a]).compareTo(pathNames.get(path[b]));
          });
      int[] s = new int[size];
      int[] p = new int[size];
      long[] t = new long[size];
      for (int i = 0; i < size; i++) {
        s[i] = session[order[i]];
        p[i] = path[order[i]];
        t[i] = at[order[i]];
      }
      session = s;
      path = p;
      at = t;
      used = new boolean[size];
    }
  }
}
