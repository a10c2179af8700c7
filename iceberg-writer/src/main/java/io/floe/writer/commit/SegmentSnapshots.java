package io.floe.writer.commit;

import io.floe.translator.manifest.SegmentRef;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The snapshots that append segments: one append per segment, its summary naming the topic,
 * partition, segment id and offsets, which is how a retried upload finds that it already
 * committed.
 */
public final class SegmentSnapshots {
  public static final String TOPIC = "floe.topic";
  public static final String TOPIC_ID = "floe.topic-id";
  public static final String PARTITION = "floe.partition";
  public static final String SEGMENT_ID = "floe.segment-id";
  public static final String START_OFFSET = "floe.start-offset";
  public static final String END_OFFSET = "floe.end-offset";

  private SegmentSnapshots() {}

  /** The snapshot of the table that appended this segment, if it has one. */
  public static Optional<Snapshot> find(Table table, String segmentId) {
    return StreamSupport.stream(table.snapshots().spliterator(), false)
        .filter(snapshot -> segmentId.equals(snapshot.summary().get(SEGMENT_ID)))
        .findFirst();
  }

  /** Appends the segment's files in one commit; Iceberg retries it on conflicts with other writers. */
  public static void append(Table table, SegmentRef segment, List<DataFile> files) {
    AppendFiles append = table.newAppend()
        .set(TOPIC, segment.topic())
        .set(TOPIC_ID, segment.topicId())
        .set(PARTITION, Integer.toString(segment.partition()))
        .set(SEGMENT_ID, segment.segmentId())
        .set(START_OFFSET, Long.toString(segment.startOffset()))
        .set(END_OFFSET, Long.toString(segment.endOffset()));
    files.forEach(append::appendFile);
    append.commit();
  }
}
