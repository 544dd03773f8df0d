package dev.goodhart.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request's body within limits: the bytes sent (checked against Content-Length before
 * reading, and while reading when the body is chunked) and, for gzip, the bytes it inflates to, so
 * that a small compressed body cannot fill the memory.
 */
final class RequestBody {
  private final long maxSent;
  private final long maxInflated;

  RequestBody(long maxSent, long maxInflated) {
    this.maxSent = maxSent;
    this.maxInflated = maxInflated;
  }

  byte[] read(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxSent) {
      throw tooLarge(declared);
    }
    byte[] sent;
    try (InputStream in = ctx.req().getInputStream()) {
      sent = readAtMost(in, maxSent, this::tooLarge);
    } catch (IOException e) {
      throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
    }
    String encoding = encoding(ctx.header("Content-Encoding"));
    return switch (encoding) {
      case "", "identity" -> sent;
      case "gzip", "x-gzip" -> gunzip(sent);
      default ->
          throw ApiException.unsupportedMediaType(
              "Content-Encoding '%s' is not supported; send the body as is or gzip-compressed"
                  .formatted(encoding));
    };
  }

  private byte[] gunzip(byte[] compressed) {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
      return readAtMost(
          in,
          maxInflated,
          size ->
              ApiException.tooLarge(
                  "the gzip body inflates to more than %,d bytes, the server's limit; send smaller batches"
                      .formatted(maxInflated)));
    } catch (ZipException e) {
      throw ApiException.badRequest(
          "the body is marked 'Content-Encoding: gzip' but is not valid gzip: " + e.getMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("the gzip body is cut short or corrupt: " + e.getMessage());
    }
  }

  interface Refusal {
    ApiException of(long size);
  }

  private static byte[] readAtMost(InputStream in, long limit, Refusal refusal) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int read;
    while ((read = in.read(buffer)) >= 0) {
      total += read;
      if (total > limit) {
        throw refusal.of(total);
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private ApiException tooLarge(long size) {
    return ApiException.tooLarge(
        "the request body has %s bytes; the server accepts at most %,d (--max-body); send smaller batches"
            .formatted(size < 0 ? "more than the limit of" : "%,d".formatted(size), maxSent));
  }

  private static String encoding(@Nullable String header) {
    return header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
  }
}
