package dev.goodhart.ingest.vendor;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.goodhart.model.Pseudonyms;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The vendor fixtures under {@code samples/vendor}, and the pseudonyms the tests read them with.
 */
public final class VendorSamples {
  public static final Pseudonyms PSEUDONYMS =
      Pseudonyms.withSecret("an organisation secret".getBytes(UTF_8));

  private VendorSamples() {}

  public static byte[] bytes(String name) {
    try (InputStream in = VendorSamples.class.getResourceAsStream("/samples/vendor/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), UTF_8);
  }

  /** Copies a sample into a folder, as a user's saved file. */
  public static Path copy(String name, Path folder) {
    try {
      return Files.write(folder.resolve(name), bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static VendorReader reader() {
    return new VendorReader(VendorFormats.load(), PSEUDONYMS);
  }
}
