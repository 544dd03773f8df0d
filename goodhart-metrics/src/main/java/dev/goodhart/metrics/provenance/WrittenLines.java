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
  private final Map<String, Long> writtenBySession = new HashMap<>();

  // Every occurrence in flat arrays (a hash's number, session, file, time), in order of arrival;
  // sealed, grouped by hash, latest first. An object per hash cost the index five allocations a
  // line, most of the time it took.
  private int[] hashOf = new int[1024];
  private int[] session = new int[1024];
  private int[] path = new int[1024];
  private long[] at = new long[1024];
  private boolean[] used = new boolean[0];
  private int size;

  /** Sealed: where each hash's occurrences begin; those of hash h end where h + 1's begin. */
  private int @Nullable [] starts;

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
    if (starts != null) {
      throw new IllegalStateException("the written lines were already looked up");
    }
    if (edit.path() == null || edit.hashes().length == 0) {
      return;
    }
    int sessionNumber = sessionIndex.computeIfAbsent(edit.session(), s -> add(sessions, s));
    int pathNumber = pathIndex.computeIfAbsent(edit.path(), p -> add(paths, p));
    long millis = edit.at().toEpochMilli();
    long[] lines = edit.hashes();
    if (size + lines.length > at.length) {
      int capacity = Math.max(size + lines.length, at.length * 2);
      hashOf = Arrays.copyOf(hashOf, capacity);
      session = Arrays.copyOf(session, capacity);
      path = Arrays.copyOf(path, capacity);
      at = Arrays.copyOf(at, capacity);
    }
    for (long hash : lines) {
      hashOf[size] = hashes.add(hash);
      session[size] = sessionNumber;
      path[size] = pathNumber;
      at[size] = millis;
      size++;
    }
    writtenBySession.merge(edit.session(), (long) lines.length, Long::sum);
  }

  private static int add(List<String> list, String value) {
    list.add(value);
    return list.size() - 1;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Lines written, per session: those of edits whose text the log carried. */
  public Map<String, Long> writtenBySession() {
    return writtenBySession;
  }

  /**
   * The number of a hash whose occurrences {@link #first} to {@link #end} are, latest first; -1
   * when no session wrote it.
   */
  int of(long hash) {
    if (starts == null) {
      seal();
    }
    return hashes.get(hash);
  }

  int first(int hash) {
    return starts[hash];
  }

  int end(int hash) {
    return starts[hash + 1];
  }

  /**
   * The first occurrence of the hash written at or before {@code millis}: they are latest first,
   * and a line many sessions wrote is looked up by many commits, most of them older than most
   * writes.
   */
  int firstAtOrBefore(int hash, long millis) {
    int low = first(hash);
    int high = end(hash);
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

  long at(int occurrence) {
    return at[occurrence];
  }

  int sessionOf(int occurrence) {
    return session[occurrence];
  }

  int pathOf(int occurrence) {
    return path[occurrence];
  }

  /** Whether a commit's line took the occurrence already. */
  boolean used(int occurrence) {
    return used[occurrence];
  }

  void use(int occurrence) {
    used[occurrence] = true;
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

  /** Groups the occurrences by hash (a counting sort), each group latest first. */
  private void seal() {
    int distinct = hashes.size();
    int[] begin = new int[distinct + 1];
    for (int i = 0; i < size; i++) {
      begin[hashOf[i] + 1]++;
    }
    for (int h = 0; h < distinct; h++) {
      begin[h + 1] += begin[h];
    }
    int[] next = Arrays.copyOf(begin, distinct);
    int[] s = new int[size];
    int[] p = new int[size];
    long[] t = new long[size];
    for (int i = 0; i < size; i++) {
      int place = next[hashOf[i]]++;
      s[place] = session[i];
      p[place] = path[i];
      t[place] = at[i];
    }
    session = s;
    path = p;
    at = t;
    hashOf = new int[0];
    used = new boolean[size];
    for (int h = 0; h < distinct; h++) {
      if (begin[h + 1] - begin[h] > 1) { // most lines were written once
        sortLatestFirst(begin[h], begin[h + 1]);
      }
    }
    starts = begin;
  }

  /**
   * Latest first; a tie by session, then file, by name: the edits arrive in no set order (the store
   * streams them unsorted, which needs no memory for a sort), and the result must not depend on it.
   */
  private void sortLatestFirst(int from, int to) {
    Integer[] order = new Integer[to - from];
    for (int i = 0; i < order.length; i++) {
      order[i] = from + i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          if (at[a] != at[b]) {
            return Long.compare(at[b], at[a]);
          }
          int bySession = sessions.get(session[a]).compareTo(sessions.get(session[b]));
          return bySession != 0 ? bySession : paths.get(path[a]).compareTo(paths.get(path[b]));
        });
    int[] s = new int[order.length];
    int[] p = new int[order.length];
    long[] t = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      s[i] = session[order[i]];
      p[i] = path[order[i]];
      t[i] = at[order[i]];
    }
    System.arraycopy(s, 0, session, from, s.length);
    System.arraycopy(p, 0, path, from, p.length);
    System.arraycopy(t, 0, at, from, t.length);
  }
}
