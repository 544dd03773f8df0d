package dev.goodhart.ingest.vendor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.goodhart.ingest.forge.ForgeListener;
import dev.goodhart.ingest.forge.ForgeProblem;
import dev.goodhart.ingest.forge.JsonItems;
import dev.goodhart.model.Pseudonyms;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads vendors' answers, saved or just received, value by value: a saved file may hold one answer,
 * several pages one after another ({@code {...}{...}}, or an array of them) or NDJSON rows; each
 * value is recognised by its shape and read by its format. Where the text breaks, reading goes on
 * at the next line that starts an object or an array, as for the forges' saved files.
 */
public final class VendorReader {
  /** Hears each value read, and the places where the text breaks. */
  public interface Handler {
    void page(VendorPage page);

    /** Text that is no JSON. */
    void broken(ForgeProblem problem);
  }

  private final VendorFormats formats;
  private final Pseudonyms pseudonyms;

  public VendorReader(VendorFormats formats, Pseudonyms pseudonyms) {
    this.formats = requireNonNull(formats, "formats is null");
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms is null");
  }

  /**
   * Reads an API's answer.
   *
   * @param where the request, for messages: {@code GET https://...}
   * @param expected the format the request asks for; null to recognise each value
   */
  public void read(byte[] body, String where, @Nullable VendorFormat expected, Handler handler) {
    JsonItems.read(
        body,
        new JsonItems.Handler() {
          @Override
          public void item(JsonNode item, long line, int index) {
            handler.page(page(item, line > 1 ? where + " line " + line : where, true, expected));
          }

          @Override
          public void broken(long line, String reason) {
            handler.broken(
                new ForgeProblem(where, line > 1 ? reason + " on line " + line : reason));
          }
        });
  }

  /** Reads a saved file; problems name the file and line. */
  public void read(Path file, Handler handler, @Nullable ForgeListener progress)
      throws IOException {
    JsonItems.read(
        file,
        new JsonItems.Handler() {
          @Override
          public void item(JsonNode item, long line, int index) {
            handler.page(page(item, file + ":" + line, false, null));
          }

          @Override
          public void broken(long line, String reason) {
            handler.broken(new ForgeProblem(file + ":" + line, reason));
          }
        },
        progress);
  }

  /** One value, read by the expected format or the one that recognises it. */
  VendorPage page(JsonNode value, String where, boolean fromApi, @Nullable VendorFormat expected) {
    VendorPage page = new VendorPage(where, fromApi, pseudonyms);
    VendorFormat format = expected != null ? expected : formats.recognise(value).orElse(null);
    if (format == null) {
      VendorFormats.unknown(value).ifPresent(page::problem);
      return page;
    }
    page.format(format);
    format.read(value, page);
    return page;
  }

  /** Reads one value for tests and tools that hold it already. */
  public VendorPage page(JsonNode value, String where) {
    return page(value, where, false, null);
  }
}
