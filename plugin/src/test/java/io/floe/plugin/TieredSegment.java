package io.floe.plugin;

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
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.server.log.remote.storage.LogSegmentData;
import org.apache.kafka.server.log.remote.storage.RemoteLogSegmentId;
import org.apache.kafka.server.log.remote.storage.RemoteLogSegmentMetadata;
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

  static TieredSegment of(Path segment, String topic, int partition, long baseOffset, long endOffset) {
    return attempt(segment, new TopicIdPartition(TOPIC_ID, new TopicPartition(topic, partition)), baseOffset, endOffset,
        Uuid.randomUuid());
  }

  /** Another upload attempt of the same segment, with the id the broker gives each attempt. */
  TieredSegment retriedWithId(Uuid id) {
    return attempt(data.logSegment(), metadata.topicIdPartition(), metadata.startOffset(), metadata.endOffset(), id);
  }

  private static TieredSegment attempt(Path segment, TopicIdPartition partition, long baseOffset, long endOffset, Uuid id) {
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
          Optional.empty(), snapshot.toPath(), leaderEpochs));
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
}
