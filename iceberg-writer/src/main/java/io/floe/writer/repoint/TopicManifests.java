package io.floe.writer.repoint;

import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.data.MainCompactionFiles;
import io.floe.writer.manifest.ManifestStore;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Table;

/**
 * The manifests of a topic's segments, as one listing of the manifest store found them, and which
 * of them can list a given data file, so that a pass reads only those: a file an upload wrote is
 * listed by its own segment's manifest alone (compactions never name their files after a segment),
 * a copy of files only the Kafka view holds and a file of Floe's compaction of {@code main} by the
 * segments their footers name, and any other file (another engine's compaction's) by any segment's.
 */
final class TopicManifests {
  private final Table table;
  private final ManifestStore store;
  private final String topic;
  private final List<SegmentRef> listed;

  private TopicManifests(Table table, ManifestStore store, String topic, List<SegmentRef> listed) {
    this.table = table;
    this.store = store;
    this.topic = topic;
    this.listed = listed;
  }

  /** Lists the topic's manifests now. */
  static TopicManifests list(Table table, ManifestStore store, String topic) {
    return new TopicManifests(table, store, topic, store.segments(topic));
  }

  String location(SegmentRef segment) {
    return store.location(segment);
  }

  /** The segments whose manifests may list one of {@code files}. */
  List<SegmentRef> listing(Set<String> files) {
    Set<SegmentRef> readers = new LinkedHashSet<>();
    for (String file : files) {
      Optional<List<SegmentRef>> some = readers(file);
      if (some.isEmpty()) {
        return listed;
      }
      readers.addAll(some.get());
    }
    return List.copyOf(readers);
  }

  /**
   * The listed segments that alone may list {@code file}: its upload's, or those the footer of a
   * copy or of a file of Floe's compaction names; empty if any segment may.
   */
  Optional<List<SegmentRef>> readers(String file) {
    Optional<Set<String>> named;
    if (KafkaOnlyCompaction.isCopy(file)) {
      Set<String> copied = new HashSet<>();
      KafkaOnlyCompaction.segmentsOf(table, file, topic).forEach(segment -> copied.add(segment.segmentId()));
      named = Optional.of(copied);
    } else {
      named = MainCompactionFiles.segmentsIn(table.io(), file);
    }
    return named.map(ids -> listed.stream().filter(segment -> ids.contains(segment.segmentId())).toList());
  }

  /** The segment's manifest if it is an Iceberg segment's and still there. */
  Optional<SegmentManifest> read(SegmentRef segment) {
    return store.read(segment).filter(SegmentManifest.class::isInstance).map(SegmentManifest.class::cast);
  }

  void write(SegmentManifest manifest) {
    store.write(manifest);
  }
}
