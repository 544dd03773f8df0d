package dev.goodhart.ingest.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.RecordSink;
import dev.goodhart.ingest.fuzz.Subject.Outcome;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A record in the middle of a larger buffer, as the importer hands records over. The bytes around
 * it spell the markers the parsers search for, so a parser that looks past its record's bounds
 * reads a different record and gives a different outcome.
 */
record PaddedRecord(byte[] buffer, int offset, int length) {
  private static final byte[] HOSTILE =
      "{\"usage\":{\"token_count\":\"tokens\",\"sessionId\":\"turn_context\"}}".getBytes(UTF_8);

  static PaddedRecord of(byte[] record, Random random) {
    int before = random.nextInt(40);
    int after = random.nextInt(40);
    byte[] buffer = new byte[before + record.length + after];
    int phase = random.nextInt(HOSTILE.length);
    for (int i = 0; i < buffer.length; i++) {
      buffer[i] = HOSTILE[(phase + i) % HOSTILE.length];
    }
    System.arraycopy(record, 0, buffer, before, record.length);
    return new PaddedRecord(buffer, before, record.length);
  }

  static PaddedRecord alone(byte[] record) {
    return new PaddedRecord(record, 0, record.length);
  }

  /** Parses the record; only a {@link BadRecordException} is caught, anything else goes through. */
  Outcome feedTo(RecordParser parser, long lineNumber) {
    List<UsageEvent> events = new ArrayList<>();
    List<SessionSignal> signals = new ArrayList<>();
    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(UsageEvent event) {
            events.add(event);
          }

          @Override
          public void signal(SessionSignal signal) {
            signals.add(signal);
          }
        };
    try {
      parser.parse(buffer, offset, length, lineNumber, sink);
      return Outcome.accepted(events, signals);
    } catch (BadRecordException e) {
      return Outcome.rejected(events, signals, e.getMessage());
    }
  }
}
