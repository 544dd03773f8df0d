package dev.goodhart.server;

import static java.util.Objects.requireNonNull;

import dev.goodhart.model.access.ApiToken;
import dev.goodhart.model.access.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API tokens: {@code ght_<id>_<secret>}, where the id names the token in lists and the secret is 32
 * random bytes. Only the SHA-256 of the whole token is stored; a high-entropy secret needs no slow
 * hash. The plain token is shown once, when it is made.
 */
public final class ApiTokens {
  private static final Pattern FORMAT = Pattern.compile("ght_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private ApiTokens() {}

  /** A new token and its stored form. */
  public record Created(String token, ApiToken stored) {}

  public static Created create(Set<Scope> scopes, String name, Instant now) {
    requireNonNull(name, "name is null");
    StringBuilder id = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token =
        "ght_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new Created(token, new ApiToken(id.toString(), hash(token), scopes, name, now, null));
  }

  /** The id of a token in the right format, else empty. */
  public static Optional<String> idOf(String token) {
    Matcher matcher = FORMAT.matcher(token);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /**
   * Whether the presented token is the stored one, in time that does not depend on where they
   * differ.
   */
  public static boolean matches(String presented, ApiToken stored) {
    return MessageDigest.isEqual(
        hash(presented).getBytes(StandardCharsets.US_ASCII),
        stored.secretHash().getBytes(StandardCharsets.US_ASCII));
  }

  static String hash(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
