package dev.goodhart.ingest.github;

import static java.util.Objects.requireNonNull;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks GitHub's {@code X-Hub-Signature-256} header: {@code sha256=} and the lower-case hex
 * HMAC-SHA256 of the raw request body under the webhook's secret. Only the raw bytes as received
 * can be checked; a body parsed and written again no longer matches.
 */
public final class WebhookSignature {
  private static final String PREFIX = "sha256=";
  private static final int HEX_DIGITS = 64;

  private WebhookSignature() {}

  /**
   * Whether the header signs the body under the secret. A missing or malformed header is false,
   * never an exception: to the caller it is as unauthenticated as a wrong signature.
   */
  public static boolean verify(byte[] secret, byte[] body, @Nullable String signatureHeader) {
    requireNonNull(secret, "secret is null");
    requireNonNull(body, "body is null");
    if (secret.length == 0) {
      // An empty key is a webhook configured without a secret; the JDK refuses it anyway.
      return false;
    }
    byte[] claimed = signatureHeader == null ? null : decode(signatureHeader);
    // The HMAC is computed whatever the header holds, so that a malformed header takes as long to
    // refuse as a wrong one.
    byte[] expected = hmac(secret, body);
    return claimed != null && MessageDigest.isEqual(expected, claimed);
  }

  /**
   * The 32 bytes a well-formed header spells, or null. GitHub writes lower-case hex; upper-case is
   * the same number and is accepted. Surrounding spaces are not: no proxy adds them.
   */
  private static byte @Nullable [] decode(String header) {
    if (header.length() != PREFIX.length() + HEX_DIGITS || !header.startsWith(PREFIX)) {
      return null;
    }
    byte[] bytes = new byte[HEX_DIGITS / 2];
    for (int i = 0; i < bytes.length; i++) {
      int high = hexDigit(header.charAt(PREFIX.length() + 2 * i));
      int low = hexDigit(header.charAt(PREFIX.length() + 2 * i + 1));
      if (high < 0 || low < 0) {
        return null;
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }

  /** ASCII only: {@link Character#digit} would also take other scripts' digits. */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static byte[] hmac(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
