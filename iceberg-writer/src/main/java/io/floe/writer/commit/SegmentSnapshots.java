package io.floe.writer.commit;

import io.floe.translator.manifest.SegmentRef;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The snapshots that commit segments: one per segment and ref, its summary naming the topic,
 * partition, segment id and offsets, which is how a retried upload finds that it already
 * committed to a ref, and how an operator reads a table's history.
 */
public final class SegmentSnapshots {
  public static final String TOPIC = "floe.topic";
  public static final String TOPIC_ID = "floe.topic-id";
  public static final String PARTITION = "floe.partition";
  public static final String SEGMENT_ID = "floe.segment-id";
  public static final String START_OFFSET = "floe.start-offset";
  public static final String END_OFFSET = "floe.end-offset";

  private SegmentSnapshots() {}

  /** The snapshot of {@code ref}'s history that committed this segment, if it has one. */
  public static Optional<Snapshot> find(Table table, String ref, String segmentId) {
    SnapshotRef head = table.refs().get(ref);
    if (head == null) {
      return Optional.empty();
    }
    return StreamSupport.stream(SnapshotUtil.ancestorsOf(head.snapshotId(), table::snapshot).spliterator(), false)
        .filter(snapshot -> segmentId.equals(snapshot.summary().get(SEGMENT_ID)))
        .findFirst();
  }

  /** The update with the segment's summary properties. */
  static <T extends SnapshotUpdate<T>> T describe(T update, SegmentRef segment) {
    return update
        .set(TOPIC, segment.topic())
        .set(TOPIC_ID, segment.topicId())
        .set(PARTITION, Integer.toString(segment.partition()))
        .set(SEGMENT_ID, segment.segmentId())
        .set(START_OFFSET, Long.toString(segment.startOffset()))
        .set(END_OFFSET, Long.toString(segment.endOffset()));
  }
}
