package dev.goodhart.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a server listens and what it accepts.
 *
 * @param maxBodyBytes the largest request body accepted as sent
 * @param maxInflatedBytes the largest a gzip body may inflate to
 * @param queueFacts how many facts may wait for the writer before requests are refused with 503
 * @param acknowledgeTimeout how long a request waits for its facts to be committed
 * @param githubSecret the webhook secret GitHub signs deliveries with; null refuses GitHub's
 *     webhooks
 * @param minimumGroup the privacy floor: views of fewer people are suppressed
 * @param freshWait how long a read waits for figures that include the latest facts before it
 *     answers with the last ones computed, marked stale (and the new ones keep computing for the
 *     next read); null: a read always waits
 */
public record ServerConfig(
    String bind,
    int port,
    long maxBodyBytes,
    long maxInflatedBytes,
    int queueFacts,
    Duration acknowledgeTimeout,
    byte @Nullable [] githubSecret,
    int minimumGroup,
    @Nullable Duration freshWait) {
  public static final int DEFAULT_PORT = 4318;

  public ServerConfig {
    requireNonNull(bind, "bind is null");
    requireNonNull(acknowledgeTimeout, "acknowledgeTimeout is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (maxBodyBytes < 1024 || maxInflatedBytes < maxBodyBytes) {
      throw new IllegalArgumentException(
          "the body limits must be at least 1 KiB, the inflated one at least the sent one");
    }
    if (queueFacts < 1 || minimumGroup < 1) {
      throw new IllegalArgumentException("queueFacts and minimumGroup must be positive");
    }
    githubSecret = githubSecret == null ? null : githubSecret.clone();
    if (freshWait != null && freshWait.isNegative()) {
      throw new IllegalArgumentException("freshWait must not be negative: " + freshWait);
    }
  }

  /** Loopback, OTLP's HTTP port, 16 MiB bodies inflating to 128 MiB, 200,000 facts queued. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "127.0.0.1",
        DEFAULT_PORT,
        16L << 20,
        128L << 20,
        200_000,
        Duration.ofSeconds(30),
        null,
        5,
        null);
  }

  public ServerConfig withPort(String bind, int port) {
    return new ServerConfig(
        bind,
        port,
        maxBodyBytes,
        maxInflatedBytes,
        queueFacts,
        acknowledgeTimeout,
        githubSecret,
        minimumGroup,
        freshWait);
  }

  public ServerConfig withLimits(long maxBodyBytes, int queueFacts) {
    return new ServerConfig(
        bind,
        port,
        maxBodyBytes,
        maxBodyBytes * 8,
        queueFacts,
        acknowledgeTimeout,
        githubSecret,
        minimumGroup,
        freshWait);
  }

  public ServerConfig withGithubSecret(byte @Nullable [] secret) {
    return new ServerConfig(
        bind,
        port,
        maxBodyBytes,
        maxInflatedBytes,
        queueFacts,
        acknowledgeTimeout,
        secret,
        minimumGroup,
        freshWait);
  }

  public ServerConfig withFreshWait(@Nullable Duration freshWait) {
    return new ServerConfig(
        bind,
        port,
        maxBodyBytes,
        maxInflatedBytes,
        queueFacts,
        acknowledgeTimeout,
        githubSecret,
        minimumGroup,
        freshWait);
  }
}
