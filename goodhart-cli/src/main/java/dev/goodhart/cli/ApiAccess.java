package dev.goodhart.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the imports from web APIs (forges, vendors) take from the command line, checked before any
 * work: a secret from a file or an environment variable (never printed), the API's address, and the
 * longest wait for a rate limit.
 */
final class ApiAccess {
  private static final Pattern SIMPLE_DURATION = Pattern.compile("([0-9]{1,9})\\s*(ms|s|m|h)?");

  private ApiAccess() {}

  /**
   * The secret in {@code file}, else in the environment variable, else null.
   *
   * @param option the option that names the file, for messages: {@code --token-file}
   * @param what the secret's name, for messages: {@code token}
   */
  static @Nullable String secret(
      CliContext context, @Nullable Path file, String option, String variable, String what) {
    if (file == null) {
      return context
          .environment
          .get(variable)
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .orElse(null);
    }
    String secret;
    try {
      secret = Files.readString(file).strip();
    } catch (IOException | RuntimeException e) {
      throw CliContext.usageError(
          "cannot read %s '%s' (%s); give a file holding the %s"
              .formatted(option, file, e.getClass().getSimpleName(), what));
    }
    if (secret.isEmpty() || secret.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x21)) {
      throw CliContext.usageError(
          "%s '%s' should hold one %s on one line, and nothing else".formatted(option, file, what));
    }
    return secret;
  }

  /** {@code --api-url}, checked: http(s), and https whenever a secret would travel. */
  static URI apiUrl(@Nullable String given, URI defaultUrl, @Nullable String secret, String what) {
    if (given == null) {
      return defaultUrl;
    }
    URI uri;
    try {
      uri = new URI(given.strip());
    } catch (URISyntaxException e) {
      throw CliContext.usageError("--api-url '%s' is not a URL".formatted(given));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw CliContext.usageError(
          "--api-url '%s' should be an http(s) address such as %s".formatted(given, defaultUrl));
    }
    if (scheme.equals("http") && secret != null && !loopback(uri.getHost())) {
      throw CliContext.usageError(
          "--api-url '%s' would send the %s unencrypted; use https".formatted(given, what));
    }
    return uri;
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  /** {@code --max-wait}: {@code 90s}, {@code 15m}, {@code 1h}, or ISO-8601 ({@code PT15M}). */
  static Duration maxWait(String given) {
    String text = given.strip().toLowerCase(Locale.ROOT);
    Matcher simple = SIMPLE_DURATION.matcher(text);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      String unit = simple.group(2) == null ? "s" : simple.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofSeconds(amount);
      };
    }
    try {
      Duration parsed = Duration.parse(given.strip().toUpperCase(Locale.ROOT));
      if (!parsed.isNegative()) {
        return parsed;
      }
    } catch (DateTimeParseException e) {
      // said below
    }
    throw CliContext.usageError(
        "--max-wait '%s' is no duration; write e.g. 90s, 15m or 1h".formatted(given));
  }
}
