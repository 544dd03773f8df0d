package dev.goodhart.ingest;

import java.util.List;

/**
 * What an import did.
 *
 * @param filesUnchanged files skipped because they had not changed since the last import
 * @param filesRead files parsed, wholly or from where the last import stopped
 * @param eventsRead usage events parsed (before the store merged copies of one request)
 * @param badRecords records, files and folders that could not be read
 * @param examples the first bad records, for the report; {@code badRecords} counts them all
 */
public record ImportSummary(
    int filesFound,
    int filesUnchanged,
    int filesRead,
    long bytesRead,
    long eventsRead,
    long badRecords,
    List<BadRecord> examples) {
  public ImportSummary {
    examples = List.copyOf(examples);
  }
}
