package dev.goodhart.model;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3 (x64, 128-bit): fast, well distributed, and stable across JVMs and machines, which
 * keys stored in files must be. Not a cryptographic hash; pseudonyms of people use HMAC instead.
 */
public final class Hashes {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private Hashes() {}

  /** The two 64-bit halves of the 128-bit hash. */
  public record Hash128(long high, long low) {}

  public static Hash128 murmur3(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return murmur3(bytes, 0, bytes.length, 0);
  }

  public static Hash128 murmur3(byte[] data, int offset, int length, long seed) {
    long h1 = seed;
    long h2 = seed;
    int blocks = length / 16;
    for (int i = 0; i < blocks; i++) {
      int at = offset + i * 16;
      long k1 = littleEndianLong(data, at);
      long k2 = littleEndianLong(data, at + 8);
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      h1 ^= k1;
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      h2 ^= k2;
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    long k1 = 0;
    long k2 = 0;
    int tail = offset + blocks * 16;
    int remaining = length & 15;
    for (int i = remaining - 1; i >= 8; i--) {
      k2 ^= (data[tail + i] & 0xffL) << ((i - 8) * 8);
    }
    if (remaining > 8) {
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      h2 ^= k2;
    }
    for (int i = Math.min(remaining, 8) - 1; i >= 0; i--) {
      k1 ^= (data[tail + i] & 0xffL) << (i * 8);
    }
    if (remaining > 0) {
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      h1 ^= k1;
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = mix(h1);
    h2 = mix(h2);
    h1 += h2;
    h2 += h1;
    return new Hash128(h1, h2);
  }

  private static long littleEndianLong(byte[] data, int at) {
    return (data[at] & 0xffL)
        | (data[at + 1] & 0xffL) << 8
        | (data[at + 2] & 0xffL) << 16
        | (data[at + 3] & 0xffL) << 24
        | (data[at + 4] & 0xffL) << 32
        | (data[at + 5] & 0xffL) << 40
        | (data[at + 6] & 0xffL) << 48
        | (data[at + 7] & 0xffL) << 56;
  }

  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
