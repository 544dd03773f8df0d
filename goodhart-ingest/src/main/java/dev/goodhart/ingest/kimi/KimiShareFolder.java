package dev.goodhart.ingest.kimi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.goodhart.ingest.BadRecordException;
import dev.goodhart.ingest.json.JsonRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What Kimi CLI's share folder says about its sessions that their wire files do not: the model (the
 * wire never names it, so the configured default is the best knowledge there is: {@code
 * default_model} in {@code config.toml}, resolved through its {@code [models.<name>]} table to the
 * provider's model name; the older {@code config.json} alike), and the working directory of each
 * session group (a group folder is the MD5 of the directory's path, which {@code kimi.json} lists).
 * Read once per share folder and change of its files; anything unreadable falls back, since the
 * usage itself does not depend on it.
 */
final class KimiShareFolder {
  /** Kimi's own fallback, and what ccusage assumes. */
  static final String DEFAULT_MODEL = "kimi-for-coding";

  private static final Map<Path, KimiShareFolder> LOADED = new ConcurrentHashMap<>();

  private final long configModified;
  private final long metadataModified;
  private final String model;
  private final Map<String, String> workDirsByGroup;

  private KimiShareFolder(
      long configModified,
      long metadataModified,
      String model,
      Map<String, String> workDirsByGroup) {
    this.configModified = configModified;
    this.metadataModified = metadataModified;
    this.model = model;
    this.workDirsByGroup = workDirsByGroup;
  }

  /** The share folder {@code folder} (the parent of {@code sessions/}), read again when changed. */
  static KimiShareFolder of(Path folder) {
    long config = modified(folder.resolve("config.toml")) ^ modified(folder.resolve("config.json"));
    long metadata = modified(folder.resolve("kimi.json"));
    KimiShareFolder known = LOADED.get(folder);
    if (known != null && known.configModified == config && known.metadataModified == metadata) {
      return known;
    }
    KimiShareFolder read =
        new KimiShareFolder(config, metadata, readModel(folder), readWorkDirs(folder));
    LOADED.put(folder, read);
    return read;
  }

  String model() {
    return model;
  }

  /** The working directory whose sessions a group folder holds, if {@code kimi.json} lists it. */
  @Nullable String workDir(String group) {
    return workDirsByGroup.get(group);
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String readModel(Path folder) {
    String model = null;
    try {
      Path toml = folder.resolve("config.toml");
      if (Files.isRegularFile(toml)) {
        model = KimiToml.defaultModel(Files.readString(toml, StandardCharsets.UTF_8));
      }
      Path json = folder.resolve("config.json");
      if (model == null && Files.isRegularFile(json)) {
        model = defaultModelOfJson(Files.readAllBytes(json));
      }
    } catch (IOException | RuntimeException e) {
      model = null; // a config being written, or of another shape: the fallback model counts
    }
    return model != null && !model.isBlank() ? model : DEFAULT_MODEL;
  }

  /** {@code {"default_model": "k", "models": {"k": {"model": "..."}}}}, or a bare {@code model}. */
  private static @Nullable String defaultModelOfJson(byte[] bytes) {
    String alias = null;
    String bare = null;
    Map<String, String> models = new LinkedHashMap<>();
    try (JsonParser parser = JsonRecords.parser(bytes, 0, bytes.length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("default_model") && value == JsonToken.VALUE_STRING) {
          alias = parser.getText();
        } else if (field.equals("model") && value == JsonToken.VALUE_STRING) {
          bare = parser.getText();
        } else if (field.equals("models") && value == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() == JsonToken.START_OBJECT) {
              while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isModel = parser.currentName().equals("model");
                if (parser.nextToken() == JsonToken.VALUE_STRING && isModel) {
                  models.put(name, parser.getText());
                } else {
                  parser.skipChildren();
                }
              }
            } else {
              parser.skipChildren();
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException | BadRecordException e) {
      return null;
    }
    if (alias != null) {
      return models.getOrDefault(alias, alias);
    }
    return bare;
  }

  private static Map<String, String> readWorkDirs(Path folder) {
    Map<String, String> groups = new LinkedHashMap<>();
    Path metadata = folder.resolve("kimi.json");
    if (!Files.isRegularFile(metadata)) {
      return groups;
    }
    try {
      byte[] bytes = Files.readAllBytes(metadata);
      readWorkDirs(bytes, groups);
    } catch (IOException | BadRecordException | RuntimeException e) {
      return groups; // a file being written: the groups read so far serve
    }
    return groups;
  }

  private static void readWorkDirs(byte[] bytes, Map<String, String> groups)
      throws IOException, BadRecordException {
    try (JsonParser parser = JsonRecords.parser(bytes, 0, bytes.length)) {
      JsonRecords.startObject(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        if (parser.nextToken() == JsonToken.START_ARRAY && field.equals("work_dirs")) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            String path = null;
            String kaos = "local";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String name = parser.currentName();
              JsonToken value = parser.nextToken();
              if (value == JsonToken.VALUE_STRING && name.equals("path")) {
                path = parser.getText();
              } else if (value == JsonToken.VALUE_STRING && name.equals("kaos")) {
                kaos = parser.getText();
              } else {
                parser.skipChildren();
              }
            }
            if (path != null) {
              groups.put(groupOf(path, kaos), path);
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    }
  }

  /** Kimi CLI's folder name for a working directory: the MD5 of its path, prefixed off-machine. */
  static String groupOf(String path, String kaos) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(path.getBytes(StandardCharsets.UTF_8));
      String hash = HexFormat.of().formatHex(digest);
      return kaos.equals("local") ? hash : kaos + "_" + hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
