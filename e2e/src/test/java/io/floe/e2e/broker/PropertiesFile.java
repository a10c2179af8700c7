package io.floe.e2e.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Writes a {@code .properties} file sorted by key, so that a person reading a failed test's work
 * directory finds each setting, and escaped by {@link Properties} itself, as Kafka and log4j read
 * such files with it (in ISO-8859-1).
 */
final class PropertiesFile {
  private PropertiesFile() {
  }

  static Path write(Path file, Map<String, String> entries) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(entries).forEach((key, value) -> text.append(escaped(key, value)));
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static String escaped(String key, String value) {
    Properties one = new Properties();
    one.setProperty(key, value);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      one.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String stored = out.toString(StandardCharsets.ISO_8859_1);
    // store() starts with a date comment
    return stored.substring(stored.indexOf('\n') + 1);
  }
}
