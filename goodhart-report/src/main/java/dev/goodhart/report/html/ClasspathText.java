package dev.goodhart.report.html;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** UTF-8 text files that ship inside goodhart's jars. */
final class ClasspathText {
  private ClasspathText() {}

  static Optional<String> read(String path) {
    try (InputStream in = ClasspathText.class.getClassLoader().getResourceAsStream(path)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read '" + path + "' from the classpath", e);
    }
  }

  /** A file of goodhart's own; missing means a broken build, not a user mistake. */
  static String require(String path) {
    return read(path)
        .orElseThrow(
            () ->
                new GoodhartException(
                    ErrorCode.INTERNAL_ERROR,
                    "resource '" + path + "' is missing from the classpath; rebuild goodhart"));
  }
}
