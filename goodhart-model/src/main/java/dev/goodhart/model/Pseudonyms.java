package dev.goodhart.model;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * People as pseudonyms: an HMAC-SHA256 of their e-mail address under the organisation's secret, so
 * that the store can tell people apart and count them without holding who they are. The same
 * address gives the same pseudonym under the same secret, whatever its case.
 */
public final class Pseudonyms {
  private final byte[] secret;
  // A history has few authors and many commits; an HMAC per commit was a tenth of a scan's time.
  private final Map<String, String> known = new ConcurrentHashMap<>();

  private Pseudonyms(byte[] secret) {
    this.secret = secret.clone();
  }

  public static Pseudonyms withSecret(byte[] secret) {
    requireNonNull(secret, "secret is null");
    if (secret.length < 16) {
      throw new IllegalArgumentException("a pseudonym secret has at least 16 bytes");
    }
    return new Pseudonyms(secret);
  }

  /** {@code p_} and 16 hex digits. */
  public String of(String email) {
    requireNonNull(email, "email is null");
    return known.computeIfAbsent(email, this::digest);
  }

  private String digest(String email) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] digest =
          mac.doFinal(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return "p_" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
