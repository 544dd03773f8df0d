package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import dev.goodhart.ingest.WebhookPayloadException;
import dev.goodhart.ingest.forge.ForgeProblem;
import dev.goodhart.ingest.json.JsonField;
import dev.goodhart.ingest.json.JsonPayload;
import dev.goodhart.model.Pseudonyms;
import dev.goodhart.model.billing.VendorUsage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What was read of one JSON value of a vendor's answer: its rows, the rows that could not be read,
 * where its report goes on (the next page, download links) and the latest bucket it covers.
 */
public final class VendorPage {
  /** Reads one row of a page: what it makes of it, or null for nothing. */
  @FunctionalInterface
  public interface RowReader<T> {
    @Nullable T read(JsonField row) throws WebhookPayloadException;
  }

  private final String where;
  private final boolean fromApi;
  private final Pseudonyms pseudonyms;
  private final List<VendorUsage> rows = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<URI> downloads = new ArrayList<>();
  private @Nullable VendorFormat format;
  private @Nullable String nextPage;
  private @Nullable Instant lastBucket;
  private @Nullable String ignored;

  /**
   * @param where the file and line, or the request, the value came from: the start of every
   *     problem's message
   * @param fromApi whether the value is an API's answer (so links in it may be followed) rather
   *     than a saved file
   */
  public VendorPage(String where, boolean fromApi, Pseudonyms pseudonyms) {
    this.where = requireNonNull(where, "where is null");
    this.fromApi = fromApi;
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms is null");
  }

  public String where() {
    return where;
  }

  public boolean fromApi() {
    return fromApi;
  }

  /** People's pseudonyms: every e-mail address, login or user id is stored as one. */
  public Pseudonyms pseudonyms() {
    return pseudonyms;
  }

  /** The pseudonym of a vendor's user id or login, under the vendor's prefix. */
  public @Nullable String person(String prefix, @Nullable String id) {
    return id == null ? null : pseudonyms.of(prefix + id);
  }

  /**
   * Reads one row with a payload of its own, so that a bad row's problems are its own and name its
   * whole path ({@code data[3].results[2].amount}). Returns what the reader made of the row; null
   * when it found a problem, which is reported, the row skipped.
   */
  public <T> @Nullable T row(
      com.fasterxml.jackson.databind.JsonNode node, String path, RowReader<T> reader) {
    JsonPayload payload = new JsonPayload("the row");
    try {
      T value = reader.read(payload.at(node, path));
      payload.check();
      return value;
    } catch (WebhookPayloadException e) {
      // Each problem names its whole path already: the subject would only repeat it.
      StringBuilder message = new StringBuilder();
      for (WebhookPayloadException.Problem problem : e.problems()) {
        message.append(message.isEmpty() ? "" : "; ").append(problem.describe());
      }
      if (e.problemCount() > e.problems().size()) {
        message.append("; and ").append(e.problemCount() - e.problems().size()).append(" more");
      }
      problem(message.toString());
      return null;
    }
  }

  public void add(VendorUsage row) {
    rows.add(requireNonNull(row, "row is null"));
  }

  /** Something of the value could not be read; the rest is. */
  public void problem(String reason) {
    problems.add(requireNonNull(reason, "reason is null"));
  }

  /** The value is of a known kind that holds nothing to store, for this reason. */
  public void ignore(String reason) {
    ignored = requireNonNull(reason, "reason is null");
  }

  /** A bucket the value covers, with rows or without: an API import resumes from the latest. */
  public void bucket(Instant start) {
    if (lastBucket == null || start.isAfter(lastBucket)) {
      lastBucket = start;
    }
  }

  /** The vendor's token for the next page of the report, when there is one. */
  public void next(String token) {
    nextPage = requireNonNull(token, "token is null");
  }

  /** A link the answer gives to the report's data (Copilot's signed NDJSON files). */
  public void download(URI link) {
    downloads.add(requireNonNull(link, "link is null"));
  }

  void format(VendorFormat format) {
    this.format = format;
  }

  /** The format the value was read as; null when none recognised it. */
  public @Nullable VendorFormat format() {
    return format;
  }

  public List<VendorUsage> rows() {
    return List.copyOf(rows);
  }

  /** The problems, each with where it was found. */
  public List<ForgeProblem> problems() {
    return problems.stream().map(problem -> new ForgeProblem(where, problem)).toList();
  }

  public List<URI> downloads() {
    return List.copyOf(downloads);
  }

  public @Nullable String nextPage() {
    return nextPage;
  }

  public @Nullable Instant lastBucket() {
    return lastBucket;
  }

  /** Why the value holds nothing to store, when it is of such a kind; else null. */
  public @Nullable String ignored() {
    return ignored;
  }
}
