package io.floe.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The closed segments of a partition that hold offsets before an end offset, as they are on the
 * broker's disk before tiering: what the broker will copy to remote storage.
 */
public record LocalSegments(int count, long bytes) {
  private static final String SEGMENT_SUFFIX = ".log";

  /** The segments of {@code partitionDir} that start before {@code end}, without the active (last) one. */
  static LocalSegments before(Path partitionDir, long end) {
    List<Path> segments = segments(partitionDir);
    List<Path> closed = segments.subList(0, Math.max(0, segments.size() - 1)).stream()
        .filter(segment -> baseOffset(segment) < end).toList();
    long bytes = 0;
    for (Path segment : closed) {
      try {
        bytes += Files.size(segment);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot measure segment " + segment + ": " + e.getMessage(), e);
      }
    }
    return new LocalSegments(closed.size(), bytes);
  }

  /** The base offset of the partition's active (last) segment. */
  public static long activeBaseOffset(Path partitionDir) {
    List<Path> segments = segments(partitionDir);
    if (segments.isEmpty()) {
      throw new IllegalStateException("Cannot find the active segment of " + partitionDir + ": it has no segment");
    }
    return baseOffset(segments.get(segments.size() - 1));
  }

  private static List<Path> segments(Path partitionDir) {
    try (Stream<Path> files = Files.list(partitionDir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(SEGMENT_SUFFIX))
          .sorted(Comparator.comparingLong(LocalSegments::baseOffset)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the segments in " + partitionDir + ": " + e.getMessage(), e);
    }
  }

  /** A segment file is named for its base offset: {@code 00000000000000012345.log}. */
  private static long baseOffset(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length()));
  }
}
