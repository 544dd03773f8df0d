package dev.goodhart.ingest;

/** Hears how an import goes: for progress bars and for reporting bad records as they are found. */
public interface ImportListener {
  ImportListener SILENT = new ImportListener() {};

  /** Reading starts: this many files and bytes are new or changed. */
  default void started(int files, long bytes) {}

  /** This many more bytes were read. */
  default void progressed(long bytes) {}

  /** A record, file or folder could not be read and was skipped. Called from reader threads. */
  default void badRecord(BadRecord record) {}

  default void finished(ImportSummary summary) {}
}
