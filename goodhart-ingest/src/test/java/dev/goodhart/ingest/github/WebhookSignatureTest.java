package dev.goodhart.ingest.github;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the example in GitHub's "Validating webhook deliveries". */
class WebhookSignatureTest {
  static final byte[] SECRET = "It's a Secret to Everybody".getBytes(UTF_8);
  static final byte[] BODY = "Hello, World!".getBytes(UTF_8);
  static final String SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void githubsDocumentedExampleVerifies() {
    assertTrue(WebhookSignature.verify(SECRET, BODY, SIGNATURE));
  }

  @Test
  void anotherSecretDoesNot() {
    assertFalse(
        WebhookSignature.verify("It's a Secret to Nobody".getBytes(UTF_8), BODY, SIGNATURE));
  }

  @Test
  void aTamperedBodyDoesNot() {
    assertFalse(WebhookSignature.verify(SECRET, "Hello, World?".getBytes(UTF_8), SIGNATURE));
    assertFalse(WebhookSignature.verify(SECRET, "Hello, World! ".getBytes(UTF_8), SIGNATURE));
    assertFalse(WebhookSignature.verify(SECRET, new byte[0], SIGNATURE));
  }

  @Test
  void upperCaseHexIsTheSameSignature() {
    String upper = "sha256=" + SIGNATURE.substring("sha256=".length()).toUpperCase(Locale.ROOT);

    assertTrue(WebhookSignature.verify(SECRET, BODY, upper));
  }

  @Test
  void anEmptySecretVerifiesNothing() {
    assertFalse(WebhookSignature.verify(new byte[0], BODY, SIGNATURE));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "sha256=",
        // the digest without its prefix
        "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        // the old SHA-1 header's prefix
        "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        // prefix in upper case
        "SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        // one digit short, one digit long
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e170",
        // surrounding space
        " sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17 ",
        // a non-hex letter, and Arabic-Indic digits that Character.digit would read as 7 and 5
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043g17",
        "sha256=\u0667\u06655107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
      })
  void aMissingOrMalformedHeaderIsFalse(String header) {
    assertFalse(WebhookSignature.verify(SECRET, BODY, header));
  }
}
