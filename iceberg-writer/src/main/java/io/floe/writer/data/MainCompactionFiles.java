package io.floe.writer.data;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.iceberg.io.FileIO;

/**
 * The data files Floe's compaction of {@code main} writes: named as no upload names its files, and
 * saying in their footer whose segments' rows they hold, so that the Kafka view's re-pointing reads
 * only those segments' manifests for them rather than every manifest of the topic.
 */
public final class MainCompactionFiles {
  private static final String PREFIX = "main-compaction-";
  /** The footer key: the ids of the segments whose rows the file holds, one a line. */
  private static final String SEGMENTS_KEY = "floe.main-compaction.segments";

  private MainCompactionFiles() {}

  /** A new compacted file's name. */
  public static String newName() {
    return PREFIX + UUID.randomUUID() + ".parquet";
  }

  /** The footer of a compacted file holding the rows of {@code segmentIds}. */
  public static Map<String, String> footer(Set<String> segmentIds) {
    return Map.of(SEGMENTS_KEY, String.join("\n", segmentIds));
  }

  /**
   * The segments whose rows the data file at {@code location} holds, as far as its name or footer
   * says: an upload's file holds its segment's rows, a compacted file those its footer names.
   * Empty when neither says (another engine's file): any segment's may be there.
   */
  public static Optional<Set<String>> segmentsIn(FileIO io, String location) {
    Optional<String> uploaded = AttemptFiles.segmentOf(location);
    if (uploaded.isPresent()) {
      return Optional.of(Set.of(uploaded.get()));
    }
    if (!location.substring(location.lastIndexOf('/') + 1).startsWith(PREFIX)) {
      return Optional.empty();
    }
    return Optional.ofNullable(FooterProperties.of(io.newInputFile(location)).get(SEGMENTS_KEY))
        .map(lines -> Arrays.stream(lines.split("\n")).collect(Collectors.toCollection(LinkedHashSet::new)));
  }
}
