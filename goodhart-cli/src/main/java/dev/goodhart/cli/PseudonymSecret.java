package dev.goodhart.cli;

import dev.goodhart.model.ErrorCode;
import dev.goodhart.model.GoodhartException;
import dev.goodhart.model.Pseudonyms;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The secret people's pseudonyms are made with: 32 random bytes in the data folder, readable by its
 * owner only, made on first use. An organisation that wants the same pseudonyms on every machine
 * gives each the same file.
 */
final class PseudonymSecret {
  static final String FILE = "pseudonym.key";

  private PseudonymSecret() {}

  static Pseudonyms in(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return Pseudonyms.withSecret(Files.readAllBytes(file));
    } catch (IOException | IllegalArgumentException e) {
      throw new GoodhartException(
          ErrorCode.IO_FAILURE,
          "cannot read the pseudonym secret '%s': %s; delete it to make a new one (pseudonyms will change)"
              .formatted(file, e.getMessage()),
          e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Files.createDirectories(file.getParent());
    try {
      Files.write(file, secret, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      return; // another process made it first
    }
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the folder's own permissions apply
    }
  }
}
