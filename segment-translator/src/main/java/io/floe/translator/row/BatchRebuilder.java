package io.floe.translator.row;

import io.floe.translator.format.BatchEncoder;
import io.floe.translator.format.BatchHeader;
import io.floe.translator.format.ContentChecksum;
import io.floe.translator.format.EncodedBatch;
import io.floe.translator.format.LogRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Writes a Kafka batch back from the rows of one batch, in offset order. */
public final class BatchRebuilder {
  private BatchRebuilder() {}

  /**
   * Rebuilds the batch the rows came from: its original bytes for a raw batch, otherwise a v2
   * batch with the original header fields, codec and records.
   *
   * @throws IllegalArgumentException if the rows are empty or come from more than one batch
   * @throws DamagedRowsException if the rows carry their batch's content checksum and the rebuilt
   *     batch's is another
   */
  public static EncodedBatch rebuild(List<KafkaRow> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("Cannot rebuild a batch from no rows");
    }
    BatchContext batch = rows.get(0).batch();
    for (KafkaRow row : rows) {
      if (row.batch().position() != batch.position()) {
        throw new IllegalArgumentException(String.format(
            "Cannot rebuild one batch from rows of the batches at positions %d and %d",
            batch.position(), row.batch().position()));
      }
    }
    EncodedBatch rebuilt = batch.isRaw()
        ? new EncodedBatch(ByteBuffer.wrap(batch.rawBytes()).asReadOnlyBuffer(), ContentChecksum.ofRaw(batch.rawBytes()))
        : encode(batch.header(), rows);
    if (batch.contentChecksum().isPresent() && batch.contentChecksum().getAsInt() != rebuilt.contentChecksum()) {
      throw new DamagedRowsException(batch.position(), batch.contentChecksum().getAsInt(), rebuilt.contentChecksum());
    }
    return rebuilt;
  }

  private static EncodedBatch encode(BatchHeader header, List<KafkaRow> rows) {
    List<LogRecord> records = new ArrayList<>(rows.size());
    for (KafkaRow row : rows) {
      records.add(new LogRecord(row.recordAttributes(), row.timestampDelta(),
          Math.toIntExact(row.offset() - header.baseOffset()), row.key(), row.value(), row.headers()));
    }
    return BatchEncoder.encode(header, records);
  }
}
