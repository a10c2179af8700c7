package io.floe.writer.commit;

import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.segment.AbortedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
  /**
   * On the Kafka view's commit of a segment that aborts transactions: each as {@code
   * <producer>:<first offset>-<marker offset>}, comma-separated. A later copy of the same offsets
   * by a broker that left an abort out of its transaction index finds it here.
   */
  public static final String ABORTED_TRANSACTIONS = "floe.aborted-transactions";

  private static final Pattern ABORT = Pattern.compile("(-?\\d+):(\\d+)-(\\d+)");

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

  /**
   * The aborted transactions the Kafka view's commits of the partition recorded, newest first, back
   * to its latest commit that ends before {@code from}: those of every copy that can hold offsets
   * from there on.
   */
  public static List<AbortedTransaction> abortsFrom(Table table, int partition, long from) {
    SnapshotRef head = table.refs().get(KafkaViewBranch.NAME);
    List<AbortedTransaction> aborts = new ArrayList<>();
    if (head == null) {
      return aborts;
    }
    String kafkaPartition = Integer.toString(partition);
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(head.snapshotId(), table::snapshot)) {
      Map<String, String> summary = snapshot.summary();
      String end = summary.get(END_OFFSET);
      if (!kafkaPartition.equals(summary.get(PARTITION)) || end == null) {
        continue;
      }
      if (Long.parseLong(end) < from) {
        break;
      }
      Optional.ofNullable(summary.get(ABORTED_TRANSACTIONS)).ifPresent(text -> aborts.addAll(parse(text)));
    }
    return aborts;
  }

  /** The update with the aborted transactions of the segment it commits, if it has any. */
  static <T extends SnapshotUpdate<T>> T recordAborts(T update, List<AbortedTransaction> aborted) {
    return aborted.isEmpty() ? update : update.set(ABORTED_TRANSACTIONS, aborted.stream()
        .map(t -> t.producerId() + ":" + t.firstOffset() + "-" + t.lastOffset()).collect(Collectors.joining(",")));
  }

  private static List<AbortedTransaction> parse(String text) {
    List<AbortedTransaction> aborts = new ArrayList<>();
    for (String entry : text.split(",")) {
      Matcher matcher = ABORT.matcher(entry);
      if (matcher.matches()) {
        aborts.add(new AbortedTransaction(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
            Long.parseLong(matcher.group(3))));
      }
    }
    return aborts;
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
