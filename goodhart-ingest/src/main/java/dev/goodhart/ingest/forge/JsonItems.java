package dev.goodhart.ingest.forge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.goodhart.ingest.json.JsonPayload;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The objects of a forge's or a vendor's answer or of a saved file, one at a time: a page is a JSON array of
 * them; {@code gh api --paginate} writes its pages one after another ({@code [...][...]}), and with
 * {@code --slurp} as an array of arrays; a JSON lines file has one object a line. All of these are
 * read the same way, so that no reader has to know which it got. Only one object is held at a time.
 *
 * <p>Where the text breaks, the rest of its line is lost: reading goes on at the next line that
 * starts with {@code {} or {@code [}, which in JSON lines is the next record and in pretty-printed
 * pages the next page.
 */
public final class JsonItems {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(200)
                          .maxNumberLength(100)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          // Vendors' answers carry money as JSON numbers: kept as written, never as binary floats.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /** Hears the items and the places where the text breaks. */
  public interface Handler {
    /**
     * @param line the 1-based line the item starts on
     * @param index the item's place among all items read, from 0
     */
    void item(JsonNode item, long line, int index);

    /** The text breaks here, or holds something that is no item; reading goes on after it. */
    void broken(long line, String reason);
  }

  /** Opens the text at a byte offset. */
  private interface Source {
    InputStream open(long offset) throws IOException;
  }

  private JsonItems() {}

  /** Reads a page held in memory. */
  public static void read(byte[] text, Handler handler) {
    try {
      read(
          offset ->
              new ByteArrayInputStream(
                  text,
                  (int) Math.min(offset, text.length),
                  text.length - (int) Math.min(offset, text.length)),
          handler,
          null);
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array does no I/O", e);
    }
  }

  /**
   * Reads a file.
   *
   * @param progress hears how many more bytes were read, may be null
   */
  public static void read(Path file, Handler handler, @Nullable ForgeListener progress)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      read(
          offset -> {
            channel.position(offset);
            return Channels.newInputStream(channel);
          },
          handler,
          progress);
    }
  }

  private static void read(Source source, Handler handler, @Nullable ForgeListener progress)
      throws IOException {
    long offset = 0;
    long lineBase = 0;
    int[] index = {0};
    while (true) {
      CountingStream in = new CountingStream(source.open(offset), progress);
      JsonParser parser = null;
      JsonLocation broke = null;
      String reason;
      try {
        // Jackson reads the first bytes here to tell the encoding, and may refuse them.
        parser = MAPPER.createParser(in);
        values(parser, handler, lineBase, index);
        return;
      } catch (JsonProcessingException e) {
        broke = parser == null ? null : parser.currentLocation();
        reason = "not JSON (" + complaint(e.getOriginalMessage()) + ")";
      } catch (CharConversionException e) {
        // Text that announced UTF-16 or UTF-32 and is not: Jackson's decoder says so.
        broke = parser == null ? null : parser.currentLocation();
        reason = "not JSON text (" + complaint(e.getMessage()) + ")";
      } catch (NumberFormatException | ArithmeticException e) {
        // A number kept as a decimal whose exponent no decimal can hold (1e-2147483648).
        broke = parser == null ? null : parser.currentLocation();
        reason = "a number out of range (" + complaint(e.getMessage()) + ")";
      } finally {
        if (parser != null) {
          parser.close();
        }
      }
      long brokeLine = broke == null ? 1 : Math.max(1, broke.getLineNr());
      long column = broke == null ? 1 : Math.max(1, broke.getColumnNr());
      long line = lineBase + brokeLine;
      handler.broken(line, reason + " at column " + column);
      long brokeAt = offset + (broke == null ? 0 : Math.max(0, broke.getByteOffset()));
      long[] restart = nextStart(source, offset, lineBase + 1, brokeAt);
      if (restart == null) {
        return;
      }
      offset = restart[0];
      lineBase = restart[1] - 1;
    }
  }

  private static void values(JsonParser parser, Handler handler, long lineBase, int[] index)
      throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != null) {
      if (token == JsonToken.START_OBJECT) {
        item(parser, handler, lineBase, index);
      } else if (token == JsonToken.START_ARRAY) {
        array(parser, handler, lineBase, index, 1);
      } else {
        handler.broken(
            lineBase + parser.currentTokenLocation().getLineNr(),
            "a JSON object or array of objects, not " + shown(parser));
      }
    }
  }

  private static void array(
      JsonParser parser, Handler handler, long lineBase, int[] index, int depth)
      throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new com.fasterxml.jackson.core.io.JsonEOFException(
            parser, null, "the text ends inside an array");
      }
      if (token == JsonToken.START_OBJECT) {
        item(parser, handler, lineBase, index);
      } else if (token == JsonToken.START_ARRAY && depth < 2) {
        array(parser, handler, lineBase, index, depth + 1); // gh api --paginate --slurp
      } else {
        handler.broken(
            lineBase + parser.currentTokenLocation().getLineNr(),
            "an object in the array, not " + shown(parser));
        parser.skipChildren();
      }
    }
  }

  private static void item(JsonParser parser, Handler handler, long lineBase, int[] index)
      throws IOException {
    long line = lineBase + parser.currentTokenLocation().getLineNr();
    JsonNode item = MAPPER.readTree(parser);
    handler.item(item, line, index[0]++);
  }

  private static String shown(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "the string " + JsonPayload.quote(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
      case VALUE_TRUE, VALUE_FALSE -> parser.getText();
      case VALUE_NULL -> "null";
      default -> String.valueOf(token);
    };
  }

  /**
   * The offset and line of the first line that starts with an object or an array at or after the
   * byte the parser broke on ({@code brokeAt} is just past it), or null when there is none. Lines
   * are counted from where this parser started, not taken from the parser: it may have stopped past
   * a newline it has not counted yet.
   */
  private static long @Nullable [] nextStart(Source source, long from, long line, long brokeAt)
      throws IOException {
    // Closing the file's stream would close its channel, which the next parser reads again.
    try (InputStream in = new BufferedInputStream(new CountingStream(source.open(from), null))) {
      long offset = from;
      boolean lineStart = false;
      int b;
      while ((b = in.read()) >= 0) {
        if (lineStart && offset >= brokeAt - 1 && offset > from && (b == '{' || b == '[')) {
          return new long[] {offset, line};
        }
        lineStart = b == '\n';
        if (lineStart) {
          line++;
        }
        offset++;
      }
      return null;
    }
  }

  private static String complaint(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return "broken";
    }
    int cut = message.indexOf('\n');
    String first = cut > 0 ? message.substring(0, cut) : message;
    for (String tail : new String[] {" (start marker at", " at [Source"}) {
      int at = first.indexOf(tail);
      if (at > 0) {
        first = first.substring(0, at);
      }
    }
    if (first.length() > 120) {
      first = first.substring(0, 117) + "...";
    }
    // Jackson quotes the bad token as it found it: keep the quote, lose what could hide in it.
    String quoted = JsonPayload.quote(first);
    return quoted.substring(1, quoted.length() - 1);
  }

  /** Counts bytes for a progress bar; the parser reads ahead, so the count runs a little early. */
  private static final class CountingStream extends InputStream {
    private final InputStream in;
    private final @Nullable ForgeListener progress;

    CountingStream(InputStream in, @Nullable ForgeListener progress) {
      this.in = in;
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0 && progress != null) {
        progress.bytesRead(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = in.read(buffer, offset, length);
      if (read > 0 && progress != null) {
        progress.bytesRead(read);
      }
      return read;
    }

    @Override
    public void close() {
      // The channel belongs to the caller, who reopens it at another offset after a break.
    }
  }
}
