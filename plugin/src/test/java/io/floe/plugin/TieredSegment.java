package io.floe.plugin;

import io.floe.translator.KafkaSegment;
import io.floe.translator.KafkaSegments;
import io.floe.translator.SampleRecords;
import io.floe.translator.format.BatchHeader;
import io.floe.translator.segment.BatchFrame;
import io.floe.translator.segment.SegmentReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.server.log.remote.storage.LogSegmentData;
import org.apache.kafka.server.log.remote.storage.RemoteLogSegmentId;
import org.apache.kafka.server.log.remote.storage.RemoteLogSegmentMetadata;
import org.apache.kafka.server.log.remote.storage.RemoteStorageManager.IndexType;
import org.apache.kafka.storage.internals.log.OffsetIndex;
import org.apache.kafka.storage.internals.log.ProducerStateEntry;
import org.apache.kafka.storage.internals.log.ProducerStateManager;
import org.apache.kafka.storage.internals.log.TimeIndex;

/**
 * A segment file with the indexes the broker tiers along with it, written by Kafka's own log
 * classes (an offset and a time index entry per batch, as {@code index.interval.bytes=1} makes
 * them), and the metadata the broker passes for one upload attempt.
 */
record TieredSegment(RemoteLogSegmentMetadata metadata, LogSegmentData data) {
  static final Uuid TOPIC_ID = Uuid.fromString("mN3i4d2pQ-6VXqWq8JkRvw");

  /**
   * A segment with a batch of every kind ({@link KafkaSegments#everyKind}) in a directory of its
   * own under {@code dir}, as partition {@code partition} of {@code topic} tiers it; its end offset
   * lies a few offsets past its last record, as after compaction or a trailing marker.
   */
  static TieredSegment everyKind(Path dir, String topic, int partition, long baseOffset) {
    Path segment = KafkaSegments.everyKind(dir.resolve(topic + "-" + partition + "-" + Uuid.randomUuid()));
    long lastOffset = ServedBytes.batches(segment).stream().flatMap(batch -> batch.rows().stream())
        .mapToLong(row -> row.offset()).max().orElseThrow();
    return of(segment, topic, partition, baseOffset, lastOffset + 3);
  }

  /** A segment of {@code megabytes} one-record batches of 1 MiB of random bytes, which no codec shrinks. */
  static TieredSegment incompressible(Path dir, String topic, int partition, int megabytes) {
    Random random = new Random(42);
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(topic + "-" + partition + "-" + Uuid.randomUuid()))) {
      for (int i = 0; i < megabytes; i++) {
        byte[] value = new byte[1024 * 1024];
        random.nextBytes(value);
        segment.plain(Compression.NONE, new SimpleRecord(SampleRecords.T0 + i, SampleRecords.key(i), value));
      }
      file = segment.path();
    }
    return of(file, topic, partition, 0, megabytes - 1);
  }

  static TieredSegment of(Path segment, String topic, int partition, long baseOffset, long endOffset) {
    return of(segment, topic, partition, baseOffset, endOffset, Map.of());
  }

  /**
   * A segment that follows others whose transactions {@code openBefore} are still open where it
   * starts (producer id to first transactional offset): its transaction index reaches back to them.
   */
  static TieredSegment of(Path segment, String topic, int partition, long baseOffset, long endOffset,
      Map<Long, Long> openBefore) {
    return attempt(segment, new TopicIdPartition(TOPIC_ID, new TopicPartition(topic, partition)), baseOffset, endOffset,
        Uuid.randomUuid(), openBefore);
  }

  /** Another upload attempt of the same segment, with the id the broker gives each attempt. */
  TieredSegment retriedWithId(Uuid id) {
    return attempt(data.logSegment(), metadata.topicIdPartition(), metadata.startOffset(), metadata.endOffset(), id,
        Map.of());
  }

  private static TieredSegment attempt(Path segment, TopicIdPartition partition, long baseOffset, long endOffset, Uuid id,
      Map<Long, Long> openBefore) {
    Path dir = segment.getParent();
    String name = String.format("%020d", baseOffset);
    File offsetIndex = dir.resolve(name + ".index").toFile();
    File timeIndex = dir.resolve(name + ".timeindex").toFile();
    File snapshot = dir.resolve(String.format("%020d.snapshot", endOffset + 1)).toFile();
    long maxTimestamp = -1;
    try {
      if (!offsetIndex.exists()) {
        maxTimestamp = writeIndexes(segment, baseOffset, offsetIndex, timeIndex);
        ProducerStateManager.writeSnapshot(snapshot, Map.of(4242L,
            new ProducerStateEntry(4242L, (short) 3, 11, 1_767_225_600_000L, OptionalLong.of(baseOffset))), true);
      }
      int size = (int) Files.size(segment);
      ByteBuffer leaderEpochs = ByteBuffer.wrap(("0\n1\n7 " + baseOffset + "\n").getBytes(StandardCharsets.UTF_8));
      RemoteLogSegmentMetadata metadata = new RemoteLogSegmentMetadata(new RemoteLogSegmentId(partition, id),
          baseOffset, endOffset, maxTimestamp, 1, System.currentTimeMillis(), size, Map.of(7, baseOffset));
      return new TieredSegment(metadata, new LogSegmentData(segment, offsetIndex.toPath(), timeIndex.toPath(),
          SegmentTransactions.writeIndex(segment, baseOffset, openBefore), snapshot.toPath(), leaderEpochs));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long writeIndexes(Path segment, long baseOffset, File offsetFile, File timeFile) throws IOException {
    long maxTimestamp = -1;
    OffsetIndex offsets = new OffsetIndex(offsetFile, baseOffset, 1024 * 1024);
    TimeIndex times = new TimeIndex(timeFile, baseOffset, 1024 * 1024);
    try (SegmentReader reader = new SegmentReader(segment)) {
      while (reader.hasNext()) {
        BatchFrame frame = reader.next();
        boolean v2 = frame.magic() >= 2;
        long lastOffset = v2 ? BatchHeader.read(frame.view()).lastOffset() : frame.offset();
        long batchMax = v2 ? BatchHeader.read(frame.view()).maxTimestamp() : -1;
        offsets.append(lastOffset, (int) frame.position());
        if (batchMax > maxTimestamp) {
          maxTimestamp = batchMax;
          times.maybeAppend(batchMax, lastOffset);
        }
      }
    }
    offsets.trimToValidSize();
    times.trimToValidSize();
    offsets.close();
    times.close();
    return maxTimestamp;
  }

  Path segmentFile() {
    return data.logSegment();
  }

  /** The bytes of one of the indexes as the broker hands them over; a segment that aborts nothing has no transaction index. */
  byte[] originalIndex(IndexType type) throws IOException {
    return switch (type) {
      case OFFSET -> Files.readAllBytes(data.offsetIndex());
      case TIMESTAMP -> Files.readAllBytes(data.timeIndex());
      case PRODUCER_SNAPSHOT -> Files.readAllBytes(data.producerSnapshotIndex());
      case LEADER_EPOCH -> {
        ByteBuffer epochs = data.leaderEpochIndex().duplicate();
        byte[] bytes = new byte[epochs.remaining()];
        epochs.get(bytes);
        yield bytes;
      }
      case TRANSACTION -> Files.readAllBytes(data.transactionIndex().orElseThrow(
          () -> new IllegalArgumentException("The segment has no transaction index")));
    };
  }
}
