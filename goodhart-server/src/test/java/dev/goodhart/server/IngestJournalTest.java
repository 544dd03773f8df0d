package dev.goodhart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal gives back what was forced to it, stops at damage, and lets stored segments go. */
class IngestJournalTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.123456789Z");

  @TempDir Path folder;

  private static UsageEvent event(String key, BigDecimal cost) {
    return new UsageEvent(
        "claude-code",
        key,
        null,
        false,
        T0,
        "s-é-1",
        null,
        "/work/ü",
        "main",
        "person:abc",
        "anthropic",
        "claude-sonnet-4-5",
        true,
        new TokenCounts(1, 2, 3, 4, 5, 6),
        cost);
  }

  private static SessionSignal signal() {
    return SessionSignal.commit(
        new SessionSignal.Context("claude-code", "s-1", "person:abc", T0, "/w", "main", null),
        "otel:c:1",
        "abcdef1",
        "main");
  }

  private static byte[] record(int events) {
    List<UsageEvent> list = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      list.add(event("otel:req_" + i, i % 2 == 0 ? null : new BigDecimal("0.0123")));
    }
    return JournalCodec.encode(list, List.of(signal()));
  }

  private List<JournalCodec.Facts> reopen(List<String> log) throws IOException {
    List<JournalCodec.Facts> replayed = new ArrayList<>();
    IngestJournal.open(folder, 1 << 20, replayed::add, log).close();
    return replayed;
  }

  @Test
  void factsComeBackAsTheyWereWritten() {
    List<UsageEvent> events =
        List.of(
            event("a", null),
            event("b", new BigDecimal("0.000000000000000001")),
            event("c", new BigDecimal("123456789012345678901234567890.123456789")),
            event("d", new BigDecimal("1E+3")));
    byte[] bytes = JournalCodec.encode(events, List.of(signal()));
    JournalCodec.Facts facts = JournalCodec.decode(bytes, IngestJournal.HEADER, bytes.length);
    assertEquals(events, facts.events());
    assertEquals(List.of(signal()), facts.signals());
  }

  @Test
  void whatWasForcedIsReplayedAfterACrashAndStoredSegmentsGo() throws IOException {
    IngestJournal journal = IngestJournal.open(folder, 4096, facts -> {}, new ArrayList<>());
    long last = 0;
    for (int i = 0; i < 20; i++) {
      last = journal.append(List.of(record(10), record(3)));
    }
    assertEquals(40, last);
    assertTrue(journal.segments().size() > 2, "small segments roll: " + journal.segments());
    journal.stored(20);
    long left = journal.segments().size();
    journal.close(); // as a crash leaves it: nothing marked stored beyond 20

    List<String> log = new ArrayList<>();
    List<JournalCodec.Facts> replayed = reopen(log);
    assertTrue(replayed.size() >= 20 && replayed.size() < 40, "only unstored segments: " + left);
    assertEquals(3, replayed.getLast().events().size(), "the last record, whole");
    assertTrue(log.getFirst().contains("stored again"), log.toString());
  }

  @Test
  void aCleanCloseWithEverythingStoredLeavesNothing() throws IOException {
    IngestJournal journal = IngestJournal.open(folder, 4096, facts -> {}, new ArrayList<>());
    long last = journal.append(List.of(record(5)));
    journal.stored(last);
    journal.close(true);
    assertEquals(List.of(), reopen(new ArrayList<>()));
  }

  @Test
  void aTornLastRecordIsDroppedAndWhatCameBeforeKept() throws IOException {
    IngestJournal journal = IngestJournal.open(folder, 1 << 20, facts -> {}, new ArrayList<>());
    journal.append(List.of(record(4), record(4), record(4)));
    Path segment = journal.segments().getFirst();
    journal.close();
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(file.length() - 7);
    }
    List<String> log = new ArrayList<>();
    assertEquals(2, reopen(log).size());
    assertTrue(
        log.toString().contains("bytes of torn or damaged records were dropped"), log.toString());
  }

  @Test
  void aDamagedRecordEndsItsSegmentAndIsReported() throws IOException {
    IngestJournal journal = IngestJournal.open(folder, 1 << 20, facts -> {}, new ArrayList<>());
    byte[] one = record(4);
    journal.append(List.of(one, record(4), record(4)));
    Path segment = journal.segments().getFirst();
    journal.close();
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      long inSecond = 4 + one.length + IngestJournal.HEADER + 5;
      file.seek(inSecond);
      int b = file.read();
      file.seek(inSecond);
      file.write(b ^ 0x20);
    }
    List<String> log = new ArrayList<>();
    assertEquals(1, reopen(log).size());
    assertTrue(log.toString().contains("checksum does not match"), log.toString());
  }

  @Test
  void aForeignFileIsSkipped() throws IOException {
    Files.createDirectories(folder.resolve(IngestJournal.FOLDER));
    Files.writeString(folder.resolve(IngestJournal.FOLDER).resolve("journal-1.log"), "hello");
    List<String> log = new ArrayList<>();
    assertEquals(List.of(), reopen(log));
    assertTrue(log.toString().contains("not a goodhart journal segment"), log.toString());
  }

  /** Every cut or mutation of a record decodes or fails as damage, never with another error. */
  @Test
  void damagedRecordsFailAsDamage() {
    byte[] good = record(6);
    SplittableRandom random = new SplittableRandom(11);
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = good.clone();
      int end = bytes.length;
      switch (random.nextInt(3)) {
        case 0 -> end = IngestJournal.HEADER + random.nextInt(bytes.length - IngestJournal.HEADER);
        case 1 -> {
          for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
            int at = IngestJournal.HEADER + random.nextInt(bytes.length - IngestJournal.HEADER);
            bytes[at] = (byte) random.nextInt(256);
          }
        }
        default -> {
          int at = IngestJournal.HEADER + random.nextInt(bytes.length - IngestJournal.HEADER);
          bytes[at] = (byte) 0xFF;
          if (at + 1 < bytes.length) {
            bytes[at + 1] = (byte) 0xFF;
          }
        }
      }
      try {
        JournalCodec.decode(bytes, IngestJournal.HEADER, end);
      } catch (JournalFormatException e) {
        refused++;
      }
    }
    assertTrue(refused > 10_000, "most damage is noticed: " + refused);
    byte[] empty = new byte[IngestJournal.HEADER];
    assertThrows(
        JournalFormatException.class, () -> JournalCodec.decode(empty, empty.length, empty.length));
  }
}
