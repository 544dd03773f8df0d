package dev.goodhart.ingest.forge;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A REST API goodhart reads through {@link ForgeClient}: a forge's, or a vendor's billing API. What
 * the client needs of it: how requests authenticate, and the words its messages use for the API and
 * its secret.
 */
public interface RemoteApi {
  /** The name for messages: {@code GitHub}, {@code Anthropic}. */
  String title();

  /** The environment variable the secret is read from when no file is given. */
  String tokenVariable();

  /** The headers every request carries: the API's own, and the secret's when there is one. */
  Map<String, String> headers(@Nullable String token);

  /** What the secret is called in messages: {@code token}, {@code key}. */
  default String credential() {
    return "token";
  }

  /** The option that gives the secret in a file: {@code --token-file}. */
  default String credentialOption() {
    return "--token-file";
  }

  /** What a {@code 403} that is no rate limit most likely means, as a clause. */
  String refusal();
}
