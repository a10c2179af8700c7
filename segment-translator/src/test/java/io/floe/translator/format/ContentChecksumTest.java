package io.floe.translator.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaSegments;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.row.TranslatedBatch;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.DefaultRecord;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch's content checksum is what its definition says, computed here from Kafka's own reading of
 * the batch: its records as Kafka writes them uncompressed, then its header with the length and
 * CRC fields zeroed. So it does not depend on the compressed bytes, and leaves out no byte of what
 * the batch says (a sum of fewer bytes would still agree between upload and fetch, and miss damage).
 */
class ContentChecksumTest {
  @TempDir
  Path dir;

  @Test
  void theChecksumOfEveryBatchKeptAsRowsIsOfKafkasUncompressedRecordsAndItsHeader() throws IOException {
    Path segment = KafkaSegments.everyKind(dir);
    Map<Long, TranslatedBatch> byPosition = new HashMap<>();
    try (SegmentTranslator translator = new SegmentTranslator(segment, 3)) {
      translator.forEachRemaining(batch -> byPosition.put(batch.position(), batch));
    }
    int compared = 0;
    try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
      long position = 0;
      for (var batch : records.batches()) {
        TranslatedBatch translated = byPosition.get(position);
        // With LogAppendTime Kafka reads every record at the batch's time, not at its stored delta.
        if (translated.fidelity() != Fidelity.RAW && batch.timestampType() != TimestampType.LOG_APPEND_TIME) {
          assertEquals(kafkasContentChecksum(batch, segment, position), translated.contentChecksum(),
              "batch at position " + position + " (" + batch.compressionType() + ")");
          compared++;
        }
        position += batch.sizeInBytes();
      }
    }
    assertEquals(14, compared, "batches kept as rows, with CreateTime");
  }

  private static int kafkasContentChecksum(RecordBatch batch, Path segment, long position) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(BatchHeader.SIZE);
    try (FileChannel channel = FileChannel.open(segment)) {
      channel.read(header, position);
    }
    long baseTimestamp = header.getLong(BatchHeader.BASE_TIMESTAMP);
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(records)) {
      for (Record record : batch) {
        DefaultRecord.writeTo(out, (int) (record.offset() - batch.baseOffset()), record.timestamp() - baseTimestamp,
            record.key(), record.value(), record.headers());
      }
    }
    header.putInt(BatchHeader.LENGTH, 0).putInt(BatchHeader.CRC, 0);
    CRC32C sum = new CRC32C();
    sum.update(records.toByteArray());
    sum.update(header.array());
    return (int) sum.getValue();
  }
}
