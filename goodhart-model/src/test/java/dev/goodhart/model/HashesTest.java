package dev.goodhart.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our MurmurHash3 x64 128 must be the published function: Guava's implementation is the oracle. */
class HashesTest {
  @Test
  void matchesGuavaForEveryLengthAroundTheBlockSize() {
    Random random = new Random(20261122);
    for (int length = 0; length <= 70; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      assertEquals(guava(data), ours(data), "length " + length);
    }
  }

  @Test
  void matchesGuavaOnKeysLikeTheStoreHashes() {
    for (String key :
        new String[] {"claude\u0000m:msg_A1|r:req_A1", "codex\u00000199|t:1,2,3,4,5", "é✓🙂"}) {
      byte[] data = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(guava(data), ours(data), key);
    }
  }

  private static String guava(byte[] data) {
    return Hashing.murmur3_128().hashBytes(data).toString();
  }

  private static String ours(byte[] data) {
    Hashes.Hash128 hash = Hashes.murmur3(data, 0, data.length, 0);
    ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(hash.high()).putLong(hash.low());
    return HashCode.fromBytes(bytes.array()).toString();
  }
}
