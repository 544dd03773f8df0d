package dev.goodhart.git.history;

import java.util.Arrays;

/**
 * A blob's fingerprint as git's rename detection takes it (diffcore-delta.c): the content cut into
 * chunks that end at a line feed or after 64 bytes, each chunk hashed into one of 107,927 buckets,
 * and the bytes per bucket counted. Two files are as similar as the bytes of the source that the
 * destination has in the same buckets, over the larger size ({@link #score}), on git's scale of 0
 * to 60,000. Rename choices hinge on exact scores, so the arithmetic is git's to the bit: 32-bit
 * accumulators, a CR before a LF skipped in text. git before 2.43.2 forgot a last chunk that has no
 * line feed and fewer than 64 bytes; {@code withTail} says whether to count it.
 */
final class SimilarityIndex {
  static final int MAX_SCORE = 60_000;
  private static final int HASH_BASE = 107_927;
  private static final int CHUNK = 64;
  private static final int BINARY_PROBE = 8000;

  private final long size;
  private final int[] hashes;
  private final long[] counts;

  private SimilarityIndex(long size, int[] hashes, long[] counts) {
    this.size = size;
    this.hashes = hashes;
    this.counts = counts;
  }

  /** The fingerprint of {@code content}. */
  static SimilarityIndex of(byte[] content, boolean withTail) {
    boolean text = !isBinary(content);
    int[] chunkHashes = new int[content.length / 8 + 16];
    int[] chunkLengths = new int[chunkHashes.length];
    int chunks = 0;
    int accum1 = 0;
    int accum2 = 0;
    int n = 0;
    for (int i = 0; i < content.length; i++) {
      int c = content[i] & 0xff;
      if (text && c == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
        continue;
      }
      int old1 = accum1;
      accum1 = (accum1 << 7) ^ (accum2 >>> 25);
      accum2 = (accum2 << 7) ^ (old1 >>> 25);
      accum1 += c;
      if (++n < CHUNK && c != '\n') {
        continue;
      }
      if (chunks == chunkHashes.length) {
        chunkHashes = Arrays.copyOf(chunkHashes, chunks * 2);
        chunkLengths = Arrays.copyOf(chunkLengths, chunks * 2);
      }
      chunkHashes[chunks] = hash(accum1, accum2);
      chunkLengths[chunks++] = n;
      n = 0;
      accum1 = 0;
      accum2 = 0;
    }
    if (withTail && n > 0) {
      if (chunks == chunkHashes.length) {
        chunkHashes = Arrays.copyOf(chunkHashes, chunks + 1);
        chunkLengths = Arrays.copyOf(chunkLengths, chunks + 1);
      }
      chunkHashes[chunks] = hash(accum1, accum2);
      chunkLengths[chunks++] = n;
    }
    return bucketed(content.length, chunkHashes, chunkLengths, chunks);
  }

  /** Whether git's diff takes the content for binary: a NUL in its first 8,000 bytes. */
  static boolean isBinary(byte[] content) {
    int probe = Math.min(content.length, BINARY_PROBE);
    for (int i = 0; i < probe; i++) {
      if (content[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** (accum1 + accum2 * 0x61) % HASHBASE, in git's unsigned 32-bit arithmetic. */
  private static int hash(int accum1, int accum2) {
    long sum = Integer.toUnsignedLong(accum1 + accum2 * 0x61);
    return (int) (sum % HASH_BASE);
  }

  /** The chunks' lengths summed per hash, sorted by hash. */
  private static SimilarityIndex bucketed(long size, int[] hashes, int[] lengths, int chunks) {
    long[] packed = new long[chunks];
    for (int i = 0; i < chunks; i++) {
      packed[i] = ((long) hashes[i] << 32) | lengths[i];
    }
    Arrays.sort(packed);
    int[] distinct = new int[chunks];
    long[] sums = new long[chunks];
    int buckets = 0;
    for (int i = 0; i < chunks; i++) {
      int hash = (int) (packed[i] >>> 32);
      long length = packed[i] & 0xffff_ffffL;
      if (buckets > 0 && distinct[buckets - 1] == hash) {
        sums[buckets - 1] += length;
      } else {
        distinct[buckets] = hash;
        sums[buckets++] = length;
      }
    }
    return new SimilarityIndex(
        size, Arrays.copyOf(distinct, buckets), Arrays.copyOf(sums, buckets));
  }

  long size() {
    return size;
  }

  /**
   * How much of {@code destination} comes from {@code source} (git's estimate_similarity): 0 when
   * the sizes are too far apart for {@code minimumScore}, else the bytes copied scaled to {@link
   * #MAX_SCORE} by the larger size.
   */
  static int score(SimilarityIndex source, SimilarityIndex destination, int minimumScore) {
    if (!sizesAllow(source.size, destination.size, minimumScore) || destination.size == 0) {
      return 0;
    }
    long max = Math.max(source.size, destination.size);
    return (int) (copied(source, destination) * MAX_SCORE / max);
  }

  /**
   * Whether files of these sizes can reach {@code minimumScore}: git does not score a pair whose
   * sizes differ by more than the score allows.
   */
  static boolean sizesAllow(long sourceSize, long destinationSize, int minimumScore) {
    long max = Math.max(sourceSize, destinationSize);
    long delta = max - Math.min(sourceSize, destinationSize);
    return max * (MAX_SCORE - minimumScore) >= delta * MAX_SCORE;
  }

  /** Per bucket, the smaller of the two byte counts, summed. */
  private static long copied(SimilarityIndex source, SimilarityIndex destination) {
    long copied = 0;
    int d = 0;
    for (int s = 0; s < source.hashes.length; s++) {
      int hash = source.hashes[s];
      while (d < destination.hashes.length && destination.hashes[d] < hash) {
        d++;
      }
      if (d < destination.hashes.length && destination.hashes[d] == hash) {
        copied += Math.min(source.counts[s], destination.counts[d]);
        d++;
      }
    }
    return copied;
  }
}
