package dev.goodhart.ingest.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.ingest.RecordParser;
import dev.goodhart.ingest.UsageSource;
import dev.goodhart.model.SessionSignal;
import dev.goodhart.model.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A JSON lines parser fed as the importer feeds it. The malformed line comes after a few valid
 * ones, which give stateful parsers (Codex, Gemini) a session, a model and a running total to get
 * wrong; a valid line follows, read both by the same parser and by a new one resumed from its saved
 * state. Two properties ride along: the line's place in its buffer does not change the outcome, and
 * a resumed parser reads on exactly like the one it replaces.
 *
 * <p>Every case's line also goes to one long-lived parser, between valid lines, for the whole run:
 * its state is built from thousands of odd lines, as a long session's would be. A failure there
 * depends on the cases before it, so it reproduces only by running the corpus up to it.
 */
final class JsonLinesSubject implements Subject {
  private final UsageSource source;
  private final LogFile file;
  private final List<byte[]> validLines;
  private RecordParser longLived;
  private long longLivedLines;

  JsonLinesSubject(UsageSource source, String relativePath, List<String> validLines) {
    this.source = source;
    this.file = new ParserHarness(source, relativePath).file();
    this.validLines =
        validLines.stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
    this.longLived = source.newParser(file, "");
  }

  @Override
  public Outcome read(byte[] input, Random random) {
    List<UsageEvent> events = new ArrayList<>();
    List<SessionSignal> signals = new ArrayList<>();
    RecordParser parser = source.newParser(file, "");
    long lineNumber = 0;
    int earlier = random.nextInt(4);
    int first = random.nextInt(validLines.size());
    for (int i = 0; i < earlier; i++) {
      byte[] line = validLines.get((first + i) % validLines.size());
      Outcome valid = PaddedRecord.alone(line).feedTo(parser, ++lineNumber);
      events.addAll(valid.events());
      signals.addAll(valid.signals());
    }

    String before = parser.state();
    lineNumber++;
    Outcome malformed = PaddedRecord.of(input, random).feedTo(parser, lineNumber);
    RecordParser twin = source.newParser(file, before);
    Outcome alone = PaddedRecord.alone(input).feedTo(twin, lineNumber);
    assertEquals(alone, malformed, "the line's place in its buffer changed the outcome");
    assertEquals(twin.state(), parser.state(), "the line's place in its buffer changed the state");
    events.addAll(malformed.events());
    signals.addAll(malformed.signals());

    RecordParser resumed = source.newParser(file, parser.state());
    PaddedRecord next = PaddedRecord.alone(validLines.get(random.nextInt(validLines.size())));
    lineNumber++;
    Outcome carriedOn = next.feedTo(parser, lineNumber);
    Outcome afterResume = next.feedTo(resumed, lineNumber);
    assertEquals(carriedOn, afterResume, "a parser resumed from state() read the next line apart");
    assertEquals(parser.state(), resumed.state(), "a resumed parser's state drifted");
    events.addAll(carriedOn.events());
    signals.addAll(carriedOn.signals());

    Outcome longLivedInput = PaddedRecord.alone(input).feedTo(longLived, ++longLivedLines);
    events.addAll(longLivedInput.events());
    signals.addAll(longLivedInput.signals());
    next = PaddedRecord.alone(validLines.get(random.nextInt(validLines.size())));
    Outcome longLivedNext = next.feedTo(longLived, ++longLivedLines);
    events.addAll(longLivedNext.events());
    signals.addAll(longLivedNext.signals());
    if (longLivedLines % 1_000 == 0) {
      longLived = source.newParser(file, longLived.state()); // as the next import resumes
    }
    return new Outcome(events, signals, malformed.rejection());
  }

  /** A parser started from {@code state}, which may be damaged, fed every valid line. */
  Outcome resume(String state) {
    RecordParser parser = source.newParser(file, state);
    List<UsageEvent> events = new ArrayList<>();
    List<SessionSignal> signals = new ArrayList<>();
    @Nullable String rejection = null;
    long lineNumber = 0;
    for (byte[] line : validLines) {
      Outcome outcome = PaddedRecord.alone(line).feedTo(parser, ++lineNumber);
      events.addAll(outcome.events());
      signals.addAll(outcome.signals());
      if (outcome.isRejected()) {
        rejection = outcome.rejection();
      }
    }
    return new Outcome(events, signals, rejection);
  }

  /** The state after each valid line, read in order: the seeds of damaged states. */
  List<String> statesAlongTheValidLines() {
    RecordParser parser = source.newParser(file, "");
    List<String> states = new ArrayList<>();
    long lineNumber = 0;
    for (byte[] line : validLines) {
      PaddedRecord.alone(line).feedTo(parser, ++lineNumber);
      states.add(parser.state());
    }
    return states;
  }
}
