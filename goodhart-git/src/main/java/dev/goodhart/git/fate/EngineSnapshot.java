package dev.goodhart.git.fate;

import static java.util.Objects.requireNonNull;

import dev.goodhart.git.history.FollowedPaths;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Where a walk ended, so that the next scan of the branch walks only the commits that are new: the
 * head's tree with every line's owner, every commit's counts, and the lines followed one by one
 * with their fate so far. Kept in a file of its own beside the store (binary, about four bytes a
 * line at the head plus eighty a commit, plus about thirty a followed line).
 */
public final class EngineSnapshot {
  private static final int FORMAT = 3;
  private static final HexFormat HEX = HexFormat.of();

  private final String head;
  private final List<String> shas;
  private final long[] written;
  private final long[] aiWritten;
  private final Map<String, FileLines> headTree;
  private final ChainLedger.State ledger;
  private final Following following;
  private final Map<Integer, TrackedLines.Commit> trackedCommits;

  /**
   * What the walk followed line by line: the lines of commits made since {@code linesSince} (none
   * when null) in the files of {@code paths}; {@code walkedUntil} is the latest commit time it saw.
   * Kept first in the file, so that whether a walk can go on from it is read without the rest.
   */
  public record Following(@Nullable Instant linesSince, FollowedPaths paths, Instant walkedUntil) {
    public Following {
      requireNonNull(paths, "paths is null");
      requireNonNull(walkedUntil, "walkedUntil is null");
    }
  }

  EngineSnapshot(
      String head,
      List<String> shas,
      long[] written,
      long[] aiWritten,
      Map<String, FileLines> headTree,
      ChainLedger.State ledger,
      @Nullable Instant linesSince,
      FollowedPaths paths,
      Map<Integer, TrackedLines.Commit> trackedCommits) {
    this.head = requireNonNull(head, "head is null");
    this.shas = List.copyOf(shas);
    this.written = written;
    this.aiWritten = aiWritten;
    this.headTree = Map.copyOf(headTree);
    this.ledger = ledger;
    long latest = Long.MIN_VALUE;
    for (int i = 0; i < ledger.commits(); i++) {
      latest = Math.max(latest, ledger.committedAt()[i]);
    }
    this.following =
        new Following(
            linesSince,
            paths,
            latest == Long.MIN_VALUE ? Instant.EPOCH : Instant.ofEpochSecond(latest));
    this.trackedCommits = trackedCommits;
  }

  /** Commits made since then were followed line by line; null: none were. */
  public @Nullable Instant linesSince() {
    return following.linesSince();
  }

  /** What the walk followed line by line. */
  public Following following() {
    return following;
  }

  Map<Integer, TrackedLines.Commit> trackedCommits() {
    return trackedCommits;
  }

  /** The sha of the commit the walk ended at. */
  public String head() {
    return head;
  }

  List<String> shas() {
    return shas;
  }

  long[] written() {
    return written;
  }

  long[] aiWritten() {
    return aiWritten;
  }

  Map<String, FileLines> headTree() {
    return headTree;
  }

  ChainLedger.State ledger() {
    return ledger;
  }

  /**
   * Every text file's lines at the head by the commit that owns them (path, then sha, then lines):
   * what {@code git blame} of each file counts, for tools that compare the two file by file.
   */
  public Map<String, Map<String, Long>> ownersAtHead() {
    Map<String, Map<String, Long>> byPath = new TreeMap<>();
    headTree.forEach(
        (path, file) -> {
          if (file.hasLines()) {
            Map<String, Long> owners = new TreeMap<>();
            for (int token : file.tokens()) {
              owners.merge(shas.get(FileLines.owner(token)), 1L, Long::sum);
            }
            byPath.put(path, owners);
          }
        });
    return byPath;
  }

  /** Writes the snapshot to {@code file}, replacing it whole (a crash leaves the old one). */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
      write(out);
    }
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void write(DataOutputStream out) throws IOException {
    out.writeInt(FORMAT);
    out.writeLong(
        following.linesSince() == null ? Long.MIN_VALUE : following.linesSince().getEpochSecond());
    out.writeBoolean(following.paths().all());
    out.writeInt(following.paths().firstWritten().size());
    for (Map.Entry<String, Instant> path : following.paths().firstWritten().entrySet()) {
      out.writeUTF(path.getKey());
      out.writeLong(path.getValue().toEpochMilli());
    }
    out.writeLong(following.walkedUntil().getEpochSecond());
    sha(out, head);
    int commits = shas.size();
    out.writeInt(commits);
    for (String sha : shas) {
      sha(out, sha);
    }
    longs(out, written, commits);
    longs(out, aiWritten, commits);
    longs(out, ledger.committedAt(), commits);
    longs(out, ledger.onBranch(), commits);
    longs(out, ledger.aiOnBranch(), commits);
    longs(out, ledger.shipped(), commits);
    longs(out, ledger.reworked(), commits);
    out.writeInt(ledger.alive().length);
    for (long[] answers : ledger.alive()) {
      longs(out, answers, commits);
    }
    out.writeInt(ledger.deaths().size());
    for (Map.Entry<Integer, TreeMap<Integer, Long>> owner : ledger.deaths().entrySet()) {
      out.writeInt(owner.getKey());
      out.writeInt(owner.getValue().size());
      for (Map.Entry<Integer, Long> day : owner.getValue().entrySet()) {
        out.writeInt(day.getKey());
        out.writeLong(day.getValue());
      }
    }
    out.writeInt(headTree.size());
    for (Map.Entry<String, FileLines> file : headTree.entrySet()) {
      out.writeUTF(file.getKey());
      out.writeUTF(file.getValue().blob());
      out.writeBoolean(file.getValue().hasLines());
      int[] tokens = file.getValue().tokens();
      out.writeInt(tokens.length);
      ints(out, tokens, tokens.length);
      int[] ordinals = file.getValue().ordinals();
      out.writeBoolean(ordinals != null);
      if (ordinals != null) {
        ints(out, ordinals, ordinals.length);
      }
    }
    out.writeInt(trackedCommits.size());
    for (Map.Entry<Integer, TrackedLines.Commit> entry : trackedCommits.entrySet()) {
      TrackedLines.Commit commit = entry.getValue();
      out.writeInt(entry.getKey());
      sha(out, commit.sha);
      out.writeInt(commit.files.size());
      for (TrackedLines.File file : commit.files) {
        out.writeUTF(file.path());
        out.writeBoolean(file.renamedFrom() != null);
        if (file.renamedFrom() != null) {
          out.writeUTF(file.renamedFrom());
        }
        out.writeInt(file.positions().length);
        ints(out, file.positions(), file.positions().length);
        longs(out, file.hashes(), file.hashes().length);
      }
      longs(out, commit.entered, commit.count);
      longs(out, commit.left, commit.count);
      out.writeInt(commit.gaps.length);
      longs(out, commit.gaps, commit.gaps.length);
    }
  }

  /**
   * Reads a snapshot; an unreadable or foreign file is an {@link IOException}, after which the
   * caller scans the whole history again.
   */
  public static EngineSnapshot read(Path file) throws IOException {
    try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(new DataInputStream(stream));
    } catch (RuntimeException e) {
      throw new IOException("damaged line-fate snapshot " + file + ": " + e, e);
    }
  }

  /** What the walk of the snapshot in {@code file} followed, read without the rest of the file. */
  public static Following readFollowing(Path file) throws IOException {
    try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 12)) {
      DataInputStream in = new DataInputStream(stream);
      checkFormat(in);
      return header(in);
    } catch (RuntimeException e) {
      throw new IOException("damaged line-fate snapshot " + file + ": " + e, e);
    }
  }

  private static void checkFormat(DataInputStream in) throws IOException {
    if (in.readInt() != FORMAT) {
      throw new IOException("a line-fate snapshot of another format");
    }
  }

  private static Following header(DataInputStream in) throws IOException {
    long since = in.readLong();
    boolean all = in.readBoolean();
    Map<String, Instant> written = new HashMap<>();
    for (int count = in.readInt(); count > 0; count--) {
      written.put(in.readUTF(), Instant.ofEpochMilli(in.readLong()));
    }
    Instant walkedUntil = Instant.ofEpochSecond(in.readLong());
    return new Following(
        since == Long.MIN_VALUE ? null : Instant.ofEpochSecond(since),
        all ? FollowedPaths.ALL : FollowedPaths.of(written),
        walkedUntil);
  }

  private static EngineSnapshot read(DataInputStream in) throws IOException {
    checkFormat(in);
    Following header = header(in);
    String head = sha(in);
    int commits = in.readInt();
    List<String> shas = new ArrayList<>(commits);
    for (int i = 0; i < commits; i++) {
      shas.add(sha(in));
    }
    long[] written = longs(in, commits);
    long[] aiWritten = longs(in, commits);
    long[] committedAt = longs(in, commits);
    long[] onBranch = longs(in, commits);
    long[] aiOnBranch = longs(in, commits);
    long[] shipped = longs(in, commits);
    long[] reworked = longs(in, commits);
    long[][] alive = new long[in.readInt()][];
    for (int h = 0; h < alive.length; h++) {
      alive[h] = longs(in, commits);
    }
    Map<Integer, TreeMap<Integer, Long>> deaths = new HashMap<>();
    for (int owners = in.readInt(); owners > 0; owners--) {
      int owner = in.readInt();
      TreeMap<Integer, Long> days = new TreeMap<>();
      for (int entries = in.readInt(); entries > 0; entries--) {
        days.put(in.readInt(), in.readLong());
      }
      deaths.put(owner, days);
    }
    Map<String, FileLines> tree = new HashMap<>();
    for (int files = in.readInt(); files > 0; files--) {
      String path = in.readUTF();
      String blob = in.readUTF();
      boolean hasLines = in.readBoolean();
      int[] tokens = ints(in, in.readInt());
      int[] ordinals = in.readBoolean() ? ints(in, tokens.length) : null;
      tree.put(
          path,
          new FileLines(blob, tokens.length == 0 ? FileLines.NONE : tokens, ordinals, hasLines));
    }
    Map<Integer, TrackedLines.Commit> tracked = new TreeMap<>();
    for (int count = in.readInt(); count > 0; count--) {
      int owner = in.readInt();
      String sha = sha(in);
      List<TrackedLines.File> files = new ArrayList<>();
      int lines = 0;
      for (int fileCount = in.readInt(); fileCount > 0; fileCount--) {
        String path = in.readUTF();
        String renamedFrom = in.readBoolean() ? in.readUTF() : null;
        int n = in.readInt();
        int[] positions = ints(in, n);
        long[] hashes = longs(in, n);
        files.add(new TrackedLines.File(path, renamedFrom, lines, positions, hashes));
        lines += n;
      }
      long[] entered = longs(in, lines);
      long[] left = longs(in, lines);
      long[] gaps = longs(in, in.readInt());
      tracked.put(owner, TrackedLines.restoreCommit(sha, files, entered, left, gaps));
    }
    return new EngineSnapshot(
        head,
        shas,
        written,
        aiWritten,
        tree,
        new ChainLedger.State(
            commits, committedAt, onBranch, aiOnBranch, shipped, reworked, alive, deaths),
        header.linesSince(),
        header.paths(),
        tracked);
  }

  private static void sha(DataOutputStream out, String sha) throws IOException {
    out.write(HEX.parseHex(sha));
  }

  private static String sha(DataInputStream in) throws IOException {
    byte[] bytes = new byte[20];
    in.readFully(bytes);
    return HEX.formatHex(bytes);
  }

  // Arrays go through a byte buffer whole: a writeLong per value cost a history's scan 20 ms in
  // the stream's locking alone. Big-endian, as DataOutputStream writes single numbers.

  private static void longs(DataOutputStream out, long[] values, int count) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(count * Long.BYTES);
    bytes.asLongBuffer().put(values, 0, count);
    out.write(bytes.array());
  }

  private static long[] longs(DataInputStream in, int count) throws IOException {
    long[] values = new long[count];
    ByteBuffer.wrap(in.readNBytes(checkedSize(count, Long.BYTES))).asLongBuffer().get(values);
    return values;
  }

  private static void ints(DataOutputStream out, int[] values, int count) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(count * Integer.BYTES);
    bytes.asIntBuffer().put(values, 0, count);
    out.write(bytes.array());
  }

  private static int[] ints(DataInputStream in, int count) throws IOException {
    int[] values = new int[count];
    ByteBuffer.wrap(in.readNBytes(checkedSize(count, Integer.BYTES))).asIntBuffer().get(values);
    return values;
  }

  /** The bytes of {@code count} numbers; a damaged count is an error, not a huge allocation. */
  private static int checkedSize(int count, int width) throws IOException {
    if (count < 0 || count > Integer.MAX_VALUE / width) {
      throw new IOException("a damaged line-fate snapshot: an array of " + count + " numbers");
    }
    return count * width;
  }
}
