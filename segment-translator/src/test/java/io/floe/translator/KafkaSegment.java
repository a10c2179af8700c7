package io.floe.translator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.BufferSupplier;

/**
 * A real segment file written by Kafka's own code: batches built by the producer-side
 * {@link MemoryRecordsBuilder} (or the log cleaner's {@code filterTo}) and appended with the log's
 * {@link FileRecords}, at consecutive offsets as a partition leader assigns them.
 */
public final class KafkaSegment implements AutoCloseable {
  public static final int LEADER_EPOCH = 7;
  public static final long PRODUCER_ID = 4242L;
  public static final short PRODUCER_EPOCH = 3;

  private final Path file;
  private final FileRecords records;
  private long nextOffset;
  private int leaderEpoch = LEADER_EPOCH;

  private KafkaSegment(Path file, long baseOffset) {
    this.file = file;
    this.nextOffset = baseOffset;
    try {
      this.records = FileRecords.open(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new segment {@code <dir>/orders-3/<baseOffset>.log}, named as the broker names them. */
  public static KafkaSegment create(Path dir, long baseOffset) {
    Path partition = dir.resolve("orders-3");
    try {
      Files.createDirectories(partition);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KafkaSegment(partition.resolve(String.format("%020d.log", baseOffset)), baseOffset);
  }

  public static KafkaSegment create(Path dir) {
    return create(dir, 0L);
  }

  public Path path() {
    return file;
  }

  /** Batches from here on are written under leader epoch {@code epoch}, as after a leader election. */
  public KafkaSegment withLeaderEpoch(int epoch) {
    this.leaderEpoch = epoch;
    return this;
  }

  public long nextOffset() {
    return nextOffset;
  }

  /** A plain batch, CreateTime, no producer id. */
  public KafkaSegment plain(Compression compression, SimpleRecord... batch) {
    return append(builder(RecordBatch.CURRENT_MAGIC_VALUE, compression, TimestampType.CREATE_TIME,
        RecordBatch.NO_TIMESTAMP, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH,
        RecordBatch.NO_SEQUENCE, false), batch);
  }

  /** A batch whose timestamps the broker set on append (topic config LogAppendTime). */
  public KafkaSegment logAppendTime(Compression compression, long appendTime, SimpleRecord... batch) {
    return append(builder(RecordBatch.CURRENT_MAGIC_VALUE, compression, TimestampType.LOG_APPEND_TIME,
        appendTime, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, false), batch);
  }

  /** A batch of an idempotent producer. */
  public KafkaSegment idempotent(Compression compression, int baseSequence, SimpleRecord... batch) {
    return append(builder(RecordBatch.CURRENT_MAGIC_VALUE, compression, TimestampType.CREATE_TIME,
        RecordBatch.NO_TIMESTAMP, PRODUCER_ID, PRODUCER_EPOCH, baseSequence, false), batch);
  }

  /** A batch of a transactional producer. */
  public KafkaSegment transactional(Compression compression, int baseSequence, SimpleRecord... batch) {
    return transactional(PRODUCER_ID, compression, baseSequence, batch);
  }

  /** A batch of the transactional producer {@code producerId}. */
  public KafkaSegment transactional(long producerId, Compression compression, int baseSequence, SimpleRecord... batch) {
    return append(builder(RecordBatch.CURRENT_MAGIC_VALUE, compression, TimestampType.CREATE_TIME,
        RecordBatch.NO_TIMESTAMP, producerId, PRODUCER_EPOCH, baseSequence, true), batch);
  }

  /** The commit or abort marker the transaction coordinator writes. */
  public KafkaSegment marker(ControlRecordType type, long timestamp) {
    return marker(PRODUCER_ID, type, timestamp);
  }

  /** The commit or abort marker of a transaction of {@code producerId}. */
  public KafkaSegment marker(long producerId, ControlRecordType type, long timestamp) {
    MemoryRecords marker = MemoryRecords.withEndTransactionMarker(nextOffset, timestamp, leaderEpoch,
        producerId, PRODUCER_EPOCH, new EndTransactionMarker(type, 11));
    return append(marker, 1);
  }

  /** A batch of an old magic (v0 or v1), as brokers before 0.11 wrote them. */
  public KafkaSegment legacy(byte magic, Compression compression, SimpleRecord... batch) {
    TimestampType type = magic == RecordBatch.MAGIC_VALUE_V0 ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME;
    MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(64 * 1024), magic, compression, type,
        nextOffset, RecordBatch.NO_TIMESTAMP, RecordBatch.NO_PARTITION_LEADER_EPOCH);
    return append(builder, batch);
  }

  /**
   * A batch as the log cleaner leaves it: built whole, then only the records {@code keep} accepts
   * retained, which leaves gaps in its offsets and, when none are kept, an empty batch.
   */
  public KafkaSegment compacted(Compression compression, Predicate<SimpleRecord> keep, SimpleRecord... batch) {
    MemoryRecordsBuilder builder = builder(RecordBatch.CURRENT_MAGIC_VALUE, compression, TimestampType.CREATE_TIME,
        RecordBatch.NO_TIMESTAMP, PRODUCER_ID, PRODUCER_EPOCH, 0, false);
    for (SimpleRecord record : batch) {
      builder.append(record);
    }
    MemoryRecords whole = builder.build();
    ByteBuffer filtered = ByteBuffer.allocate(whole.sizeInBytes() + 1024);
    whole.filterTo(new MemoryRecords.RecordFilter(0, 0) {
      @Override
      protected BatchRetentionResult checkBatchRetention(RecordBatch recordBatch) {
        return new BatchRetentionResult(BatchRetention.RETAIN_EMPTY, false);
      }

      @Override
      protected boolean shouldRetainRecord(RecordBatch recordBatch, Record record) {
        return keep.test(new SimpleRecord(record));
      }
    }, filtered, BufferSupplier.NO_CACHING);
    filtered.flip();
    return append(MemoryRecords.readableRecords(filtered), batch.length);
  }

  /** Appends bytes Kafka produced elsewhere, such as a batch altered by a test. */
  public KafkaSegment appendRaw(ByteBuffer batch, int offsets) {
    return append(MemoryRecords.readableRecords(batch), offsets);
  }

  private MemoryRecordsBuilder builder(byte magic, Compression compression, TimestampType timestampType,
      long logAppendTime, long producerId, short producerEpoch, int baseSequence, boolean transactional) {
    return MemoryRecords.builder(ByteBuffer.allocate(64 * 1024), magic, compression, timestampType, nextOffset,
        logAppendTime, producerId, producerEpoch, baseSequence, transactional, leaderEpoch);
  }

  private KafkaSegment append(MemoryRecordsBuilder builder, SimpleRecord... batch) {
    for (SimpleRecord record : batch) {
      builder.append(record);
    }
    return append(builder.build(), batch.length);
  }

  private KafkaSegment append(MemoryRecords batch, int offsets) {
    try {
      records.append(batch);
      records.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    nextOffset += offsets;
    return this;
  }

  public File file() {
    return file.toFile();
  }

  @Override
  public void close() {
    try {
      records.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
