package io.floe.plugin.kafka;

import io.floe.translator.manifest.KafkaIndexes;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.typing.KeyTyper;
import io.floe.translator.typing.ValueTyper;
import io.floe.writer.SegmentUpload;
import io.floe.writer.classic.ClassicUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.server.log.remote.storage.LogSegmentData;
import org.apache.kafka.server.log.remote.storage.RemoteLogSegmentMetadata;

/** The broker's segment types turned into Floe's, at the edge. */
public final class Segments {
  private Segments() {}

  public static SegmentRef ref(RemoteLogSegmentMetadata metadata) {
    TopicIdPartition partition = metadata.remoteLogSegmentId().topicIdPartition();
    return new SegmentRef(partition.topic(), partition.topicId().toString(), partition.partition(),
        metadata.remoteLogSegmentId().id().toString(), metadata.startOffset(), metadata.endOffset());
  }

  /**
   * The upload of a segment, with its indexes read into memory (they are small next to the
   * segment), its values typed by {@code values} and its keys by {@code keys}.
   */
  public static SegmentUpload upload(RemoteLogSegmentMetadata metadata, LogSegmentData data, ValueTyper values,
      KeyTyper keys) {
    KafkaIndexes indexes = new KafkaIndexes(
        read(data.offsetIndex()),
        read(data.timeIndex()),
        data.transactionIndex().map(Segments::read),
        read(data.producerSnapshotIndex()),
        bytes(data.leaderEpochIndex()));
    return new SegmentUpload(ref(metadata), data.logSegment(), indexes, values, keys);
  }

  /** The upload of a classic segment: its files as the broker wrote them, to be copied as they are. */
  public static ClassicUpload classic(RemoteLogSegmentMetadata metadata, LogSegmentData data) {
    return new ClassicUpload(ref(metadata), data.logSegment(), data.offsetIndex(), data.timeIndex(),
        data.transactionIndex(), data.producerSnapshotIndex(), bytes(data.leaderEpochIndex()));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
