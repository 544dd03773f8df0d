package dev.goodhart.ingest.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.goodhart.ingest.LogFile;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.ingest.UsageSource;
import java.util.Random;

/** A whole-file parser, fed the document once inside a larger buffer and once alone. */
final class DocumentSubject implements Subject {
  private final UsageSource source;
  private final LogFile file;

  DocumentSubject(UsageSource source, String relativePath) {
    this.source = source;
    this.file = new ParserHarness(source, relativePath).file();
  }

  @Override
  public Outcome read(byte[] input, Random random) {
    Outcome padded = PaddedRecord.of(input, random).feedTo(source.newParser(file, ""), 1);
    Outcome alone = PaddedRecord.alone(input).feedTo(source.newParser(file, ""), 1);
    assertEquals(alone, padded, "the document's place in its buffer changed the outcome");
    return padded;
  }
}
