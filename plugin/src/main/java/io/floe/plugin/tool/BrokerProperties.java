package io.floe.plugin.tool;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A broker's {@code server.properties}, read for the keys the broker hands its remote storage
 * manager: those under {@code remote.log.storage.manager.impl.prefix} ({@code rsm.config.} by
 * default), with the prefix removed, exactly as Floe's {@code configure()} receives them.
 */
final class BrokerProperties {
  static final String PREFIX_KEY = "remote.log.storage.manager.impl.prefix";
  static final String DEFAULT_PREFIX = "rsm.config.";

  private final Path file;
  private final String prefix;
  private final Map<String, String> floeKeys;

  private BrokerProperties(Path file, String prefix, Map<String, String> floeKeys) {
    this.file = file;
    this.prefix = prefix;
    this.floeKeys = Map.copyOf(floeKeys);
  }

  /** @throws ToolException (bad input) when the file cannot be read or holds no key for Floe */
  static BrokerProperties read(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw ToolException.badInput("Cannot read configuration " + file + ": no such file");
    } catch (IOException | IllegalArgumentException e) {
      throw ToolException.badInput("Cannot read configuration " + file + ": " + e.getMessage(), e);
    }
    String prefix = properties.getProperty(PREFIX_KEY, DEFAULT_PREFIX);
    Map<String, String> floeKeys = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(prefix)) {
        floeKeys.put(key.substring(prefix.length()), properties.getProperty(key));
      }
    }
    if (floeKeys.isEmpty()) {
      throw ToolException.badInput("Cannot read configuration " + file + ": it has no " + prefix + "* keys, which the "
          + "broker passes to Floe (" + PREFIX_KEY + " is " + prefix + ")");
    }
    return new BrokerProperties(file, prefix, floeKeys);
  }

  Path file() {
    return file;
  }

  /** The prefix of Floe's keys in the file. */
  String prefix() {
    return prefix;
  }

  /** Floe's keys without their prefix, as the broker passes them. */
  Map<String, String> floeKeys() {
    return floeKeys;
  }
}
