package dev.goodhart.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * How commands on the server's own machine reach a running {@code goodhart serve}, which holds the
 * store (DuckDB lets one process open it): every server makes, when it starts, a random admin
 * credential that lives only in its memory and is never stored, and {@code goodhart serve} writes
 * it with the server's address to {@value #FILE_NAME} in the data folder, readable and writable by
 * the owner alone (mode 600). Reading that file grants nothing its reader could not do already: the
 * same owner can open the store itself whenever the server is stopped. The file is removed when the
 * server stops; one left by a killed server names a credential no server accepts any more.
 */
public final class LocalAdmin {
  /** The file in the data folder. */
  public static final String FILE_NAME = "serve-admin.json";

  private static final String PREFIX = "ghl_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Where a running server listens, and the credential that manages it. */
  public record Endpoint(URI url, String token) {
    public Endpoint {
      requireNonNull(url, "url is null");
      requireNonNull(token, "token is null");
    }

    @Override
    public String toString() {
      return "Endpoint[url=" + url + "]"; // never the credential
    }
  }

  private LocalAdmin() {}

  /** A new credential: 32 random bytes. */
  static String newToken() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** Whether the presented bearer is the credential, in time that does not depend on where. */
  static boolean matches(String presented, String credential) {
    return presented.startsWith(PREFIX)
        && MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8),
            credential.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The address to reach a server listening on {@code bind}: loopback for the wildcard addresses,
   * else the address itself.
   */
  public static URI url(String bind, int port) {
    String host =
        switch (bind.strip()) {
          case "", "0.0.0.0", "::", "0:0:0:0:0:0:0:0", "[::]" -> "127.0.0.1";
          default -> bind.strip();
        };
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port);
  }

  /**
   * Writes the endpoint to the data folder, replacing any older file in one step, readable by the
   * owner alone.
   */
  public static void publish(Path dataDirectory, Endpoint endpoint) {
    Path file = dataDirectory.resolve(FILE_NAME);
    ObjectNode json = GoodhartServer.JSON.createObjectNode();
    json.put("url", endpoint.url().toString());
    json.put("token", endpoint.token());
    json.put("pid", ProcessHandle.current().pid());
    try {
      Files.createDirectories(dataDirectory);
      // Made with mode 600 from the first byte: never readable by others, not even for a moment.
      Path temporary =
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? Files.createTempFile(
                  dataDirectory,
                  ".serve-admin",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dataDirectory, ".serve-admin", ".tmp");
      Files.writeString(temporary, json.toString() + "\n", StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new GoodhartException(
          ErrorCode.IO_FAILURE,
          "cannot write '%s', which lets 'goodhart token' manage tokens while the server runs: %s"
              .formatted(file, e.getMessage()),
          e);
    }
  }

  /** Removes the file if it still names this credential (a newer server may have replaced it). */
  public static void withdraw(Path dataDirectory, String token) {
    Path file = dataDirectory.resolve(FILE_NAME);
    Optional<Endpoint> published = find(dataDirectory);
    if (published.isPresent() && published.get().token().equals(token)) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A file left behind names a credential no server accepts: harmless.
      }
    }
  }

  /** The endpoint a server published in this data folder, if there is a readable one. */
  public static Optional<Endpoint> find(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      JsonNode json = GoodhartServer.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      String url = json == null ? "" : json.path("url").asText("");
      String token = json == null ? "" : json.path("token").asText("");
      if (url.isEmpty() || !token.startsWith(PREFIX)) {
        return Optional.empty();
      }
      return Optional.of(new Endpoint(URI.create(url), token));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      throw new GoodhartException(
          ErrorCode.IO_FAILURE,
          "cannot read '%s' (written by goodhart serve): %s; stop and start the server to write it again"
              .formatted(file, e.getMessage()),
          e);
    }
  }
}
