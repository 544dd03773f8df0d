package dev.goodhart.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The machine whose logs are being read: an id that is a stable hash (so the raw machine id never
 * reaches the store) and a label for people.
 */
public record Machine(String id, String label) {
  public Machine {
    requireNonNull(id, "id is null");
    requireNonNull(label, "label is null");
  }

  /** This machine: the hash of the OS's machine id where there is one, else of the host name. */
  public static Machine local(Environment environment) {
    String host = hostName(environment);
    for (Path file : List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"))) {
      try {
        String machineId = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!machineId.isEmpty()) {
          return new Machine(hash("machine-id:" + machineId), host);
        }
      } catch (IOException | SecurityException e) {
        // not Linux, or not readable: fall back to the host name
      }
    }
    return new Machine(hash("host:" + host), host);
  }

  /** Another machine, named by the user on {@code import usage --from-dir DIR --machine NAME}. */
  public static Machine named(String name) {
    return new Machine(hash("named:" + name.trim()), name.trim());
  }

  private static String hostName(Environment environment) {
    return environment
        .get("HOSTNAME")
        .or(
            () -> {
              try {
                return java.util.Optional.of(Files.readString(Path.of("/etc/hostname")).trim());
              } catch (IOException | SecurityException e) {
                return java.util.Optional.empty();
              }
            })
        .filter(name -> !name.isBlank())
        .orElse("localhost");
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
