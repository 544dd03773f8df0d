package dev.goodhart.server;

import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.TokenCounts;
import dev.goodhart.model.UsageEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one journal record: a request's usage events and signals, after mapping, so the
 * journal holds only what the store would (pseudonyms, no prompt text). The layout leaves room at
 * the front for the journal's frame ({@link IngestJournal#HEADER} bytes: length, checksum and
 * sequence), which the journal fills in when it writes the record; the request thread that mapped
 * the facts encodes them, so the one journal thread only copies bytes.
 *
 * <p>Numbers are variable-length (zig-zag for signed ones), strings UTF-8 with their length plus
 * one, zero meaning null. Decoding checks every length against what is left, so a damaged record
 * fails with a {@link JournalFormatException} instead of allocating or reading past its end.
 */
final class JournalCodec {
  private static final int VERSION = 1;
  private static final SessionSignal.Kind[] KINDS = SessionSignal.Kind.values();

  private JournalCodec() {}

  /** The usage facts and signals of one record. */
  record Facts(List<UsageEvent> events, List<SessionSignal> signals) {
    int size() {
      return events.size() + signals.size();
    }
  }

  /** A record's bytes, with {@link IngestJournal#HEADER} bytes of frame left at the front. */
  static byte[] encode(List<UsageEvent> events, List<SessionSignal> signals) {
    Writer out = new Writer(IngestJournal.HEADER + 64 + events.size() * 160 + signals.size() * 160);
    out.at = IngestJournal.HEADER;
    out.varint(VERSION);
    out.varint(events.size());
    for (UsageEvent event : events) {
      writeEvent(out, event);
    }
    out.varint(signals.size());
    for (SessionSignal signal : signals) {
      writeSignal(out, signal);
    }
    return out.bytes();
  }

  /** Decodes the facts of a record body ({@code bytes[from, to)}, the frame left out). */
  static Facts decode(byte[] bytes, int from, int to) {
    Reader in = new Reader(bytes, from, to);
    int version = in.bounded(255);
    if (version != VERSION) {
      throw new JournalFormatException(
          "a journal record of version " + version + ", not " + VERSION);
    }
    int eventCount = in.items();
    List<UsageEvent> events = new ArrayList<>(eventCount);
    for (int i = 0; i < eventCount; i++) {
      events.add(valid(() -> readEvent(in)));
    }
    int signalCount = in.items();
    List<SessionSignal> signals = new ArrayList<>(signalCount);
    for (int i = 0; i < signalCount; i++) {
      signals.add(valid(() -> readSignal(in)));
    }
    if (in.at != to) {
      throw new JournalFormatException((to - in.at) + " bytes after a record's last fact");
    }
    return new Facts(events, signals);
  }

  /** A fact the model's own checks refuse is a damaged record too. */
  private static <T> T valid(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException | ArithmeticException | NullPointerException e) {
      throw new JournalFormatException(
          "a journal record holds a fact that is not valid: " + e.getMessage());
    }
  }

  private static void writeEvent(Writer out, UsageEvent event) {
    out.text(event.source());
    out.text(event.eventKey());
    out.text(event.dedupGroup());
    out.varint(event.sidechain() ? 1 : 0);
    out.time(event.timestamp());
    out.text(event.sessionId());
    out.text(event.project());
    out.text(event.cwd());
    out.text(event.gitBranch());
    out.text(event.machineId());
    out.text(event.provider());
    out.text(event.model());
    out.varint(event.fast() ? 1 : 0);
    TokenCounts tokens = event.tokens();
    out.varint(tokens.input());
    out.varint(tokens.output());
    out.varint(tokens.cacheRead());
    out.varint(tokens.cacheWrite5m());
    out.varint(tokens.cacheWrite1h());
    out.varint(tokens.reasoning());
    out.decimal(event.reportedCostUsd());
  }

  private static UsageEvent readEvent(Reader in) {
    String source = in.required("source");
    String eventKey = in.required("event key");
    String dedupGroup = in.text();
    boolean sidechain = in.flag();
    Instant timestamp = in.time();
    String sessionId = in.required("session id");
    String project = in.text();
    String cwd = in.text();
    String gitBranch = in.text();
    String machineId = in.required("machine id");
    String provider = in.text();
    String model = in.required("model");
    boolean fast = in.flag();
    TokenCounts tokens =
        new TokenCounts(in.count(), in.count(), in.count(), in.count(), in.count(), in.count());
    BigDecimal cost = in.decimal();
    return new UsageEvent(
        source,
        eventKey,
        dedupGroup,
        sidechain,
        timestamp,
        sessionId,
        project,
        cwd,
        gitBranch,
        machineId,
        provider,
        model,
        fast,
        tokens,
        cost);
  }

  private static void writeSignal(Writer out, SessionSignal signal) {
    out.text(signal.source());
    out.text(signal.signalKey());
    out.text(signal.sessionId());
    out.text(signal.machineId());
    out.time(signal.timestamp());
    out.varint(signal.kind().ordinal());
    out.text(signal.cwd());
    out.text(signal.gitBranch());
    out.text(signal.repositoryUrl());
    out.text(signal.commitRef());
    out.text(signal.commitBranch());
    out.signed(signal.lines());
    out.text(signal.textHash());
    out.signed(signal.textLength());
  }

  private static SessionSignal readSignal(Reader in) {
    String source = in.required("source");
    String signalKey = in.required("signal key");
    String sessionId = in.required("session id");
    String machineId = in.required("machine id");
    Instant timestamp = in.time();
    int kind = in.bounded(KINDS.length - 1);
    String cwd = in.text();
    String gitBranch = in.text();
    String repositoryUrl = in.text();
    String commitRef = in.text();
    String commitBranch = in.text();
    long lines = in.signed();
    String textHash = in.text();
    long textLength = in.signed();
    if (textLength != (int) textLength) {
      throw new JournalFormatException("a journal signal's text length is out of range");
    }
    return new SessionSignal(
        source,
        signalKey,
        sessionId,
        machineId,
        timestamp,
        KINDS[kind],
        cwd,
        gitBranch,
        repositoryUrl,
        commitRef,
        commitBranch,
        lines,
        textHash,
        (int) textLength);
  }

  /** A growing byte array. */
  private static final class Writer {
    private byte[] buffer;
    private int at;

    Writer(int capacity) {
      buffer = new byte[capacity];
    }

    byte[] bytes() {
      return at == buffer.length ? buffer : Arrays.copyOf(buffer, at);
    }

    private void reserve(int bytes) {
      if (buffer.length - at < bytes) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, at + bytes));
      }
    }

    void varint(long value) {
      reserve(10);
      long rest = value;
      while ((rest & ~0x7FL) != 0) {
        buffer[at++] = (byte) ((rest & 0x7F) | 0x80);
        rest >>>= 7;
      }
      buffer[at++] = (byte) rest;
    }

    void signed(long value) {
      varint((value << 1) ^ (value >> 63));
    }

    void time(Instant instant) {
      signed(instant.getEpochSecond());
      varint(instant.getNano());
    }

    void text(@Nullable String value) {
      if (value == null) {
        varint(0);
        return;
      }
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length + 1L);
      reserve(utf8.length);
      System.arraycopy(utf8, 0, buffer, at, utf8.length);
      at += utf8.length;
    }

    /** Null, or the scale and the unscaled digits (as a number when they fit one). */
    void decimal(@Nullable BigDecimal value) {
      if (value == null) {
        varint(0);
        return;
      }
      BigInteger unscaled = value.unscaledValue();
      if (unscaled.bitLength() < 63) {
        varint(1);
        signed(value.scale());
        signed(unscaled.longValue());
        return;
      }
      varint(2);
      signed(value.scale());
      byte[] digits = unscaled.toByteArray();
      varint(digits.length);
      reserve(digits.length);
      System.arraycopy(digits, 0, buffer, at, digits.length);
      at += digits.length;
    }
  }

  /** Reads what {@link Writer} wrote, checking every length against the record's end. */
  private static final class Reader {
    private final byte[] bytes;
    private final int end;
    private int at;

    Reader(byte[] bytes, int from, int to) {
      this.bytes = bytes;
      this.at = from;
      this.end = to;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (at >= end) {
          throw new JournalFormatException("a journal record ends inside a number");
        }
        byte b = bytes[at++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new JournalFormatException("a journal record holds a number longer than 10 bytes");
    }

    long signed() {
      long raw = varint();
      return (raw >>> 1) ^ -(raw & 1);
    }

    /** A count that must be between 0 and {@code max}. */
    int bounded(long max) {
      long value = varint();
      if (value < 0 || value > max) {
        throw new JournalFormatException(
            "a journal record holds " + value + " where at most " + max + " fits");
      }
      return (int) value;
    }

    /** A count of facts: each takes more than one byte, so none can outnumber the bytes left. */
    int items() {
      return withinRest(0);
    }

    /** A length read here, at most the bytes left after it plus {@code extra}. */
    int withinRest(int extra) {
      long value = varint();
      if (value < 0 || value > (long) (end - at) + extra) {
        throw new JournalFormatException(
            "a journal record holds a length of " + value + " with " + (end - at) + " bytes left");
      }
      return (int) value;
    }

    long count() {
      long value = varint();
      if (value < 0) {
        throw new JournalFormatException("a journal record holds a negative token count");
      }
      return value;
    }

    boolean flag() {
      return bounded(1) == 1;
    }

    Instant time() {
      long seconds = signed();
      int nanos = bounded(999_999_999L);
      try {
        return Instant.ofEpochSecond(seconds, nanos);
      } catch (java.time.DateTimeException e) {
        throw new JournalFormatException("a journal record holds a time out of range");
      }
    }

    @Nullable String text() {
      int length = withinRest(1);
      if (length == 0) {
        return null;
      }
      String value = new String(bytes, at, length - 1, StandardCharsets.UTF_8);
      at += length - 1;
      return value;
    }

    String required(String what) {
      String value = text();
      if (value == null) {
        throw new JournalFormatException("a journal record has no " + what);
      }
      return value;
    }

    @Nullable BigDecimal decimal() {
      int kind = bounded(2);
      if (kind == 0) {
        return null;
      }
      long scale = signed();
      if (scale != (int) scale) {
        throw new JournalFormatException("a journal record holds a decimal scale out of range");
      }
      if (kind == 1) {
        return BigDecimal.valueOf(signed(), (int) scale);
      }
      int length = withinRest(0);
      if (length > 64) {
        throw new JournalFormatException(
            "a journal record holds a decimal of " + length + " bytes");
      }
      if (length == 0) {
        throw new JournalFormatException("a journal record holds a decimal with no digits");
      }
      byte[] digits = Arrays.copyOfRange(bytes, at, at + length);
      at += length;
      return new BigDecimal(new BigInteger(digits), (int) scale);
    }
  }
}
