package io.floe.e2e.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the broker and log4j read back exactly as the harness meant them. */
class PropertiesFileTest {
  @TempDir
  Path dir;

  @Test
  void valuesWithBackslashesSpacesAndNonAsciiReadBackAsWritten() throws IOException {
    Map<String, String> entries = Map.of(
        "log.dirs", "C:\\kafka data\\ünïcødé",
        "rsm.config.dir", " leading space",
        "listeners", "PLAINTEXT://127.0.0.1:9092");

    Path file = PropertiesFile.write(dir.resolve("server.properties"), entries);

    Properties read = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      read.load(in); // as Kafka reads it: ISO-8859-1
    }
    assertEquals(entries, Map.copyOf(read));
  }

  @Test
  void keysAreSortedForAPersonReadingTheFile() throws IOException {
    Path file = PropertiesFile.write(dir.resolve("a.properties"), Map.of("b", "2", "c", "3", "a", "1"));

    assertEquals(List.of("a=1", "b=2", "c=3"), Files.readAllLines(file));
  }
}
