package io.floe.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The bytes of the files under a directory, by kind of file. */
record StoredBytes(Map<String, Long> byKind) {

  StoredBytes {
    byKind = Map.copyOf(byKind);
  }

  /**
   * Sums the regular files under {@code dir} that {@code counted} takes, by the kind {@code kindOf}
   * gives; both see the file's path relative to {@code dir}.
   */
  static StoredBytes under(Path dir, Predicate<Path> counted, Function<Path, String> kindOf) {
    Map<String, Long> byKind = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> counted.test(dir.relativize(f))).toList()) {
        byKind.merge(kindOf.apply(dir.relativize(file)), Files.size(file), Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure the files under " + dir + ": " + e.getMessage(), e);
    }
    return new StoredBytes(byKind);
  }

  long total() {
    return byKind.values().stream().mapToLong(Long::longValue).sum();
  }
}
