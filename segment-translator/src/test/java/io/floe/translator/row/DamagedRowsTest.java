package io.floe.translator.row;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegments;
import io.floe.translator.format.BatchHeader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows stored with their batch's content checksum rebuild that batch, or are refused: a damage that
 * leaves rows readable but changes what they say never becomes a batch with a valid CRC.
 */
class DamagedRowsTest {
  @TempDir
  Path dir;
  List<TranslatedBatch> batches;

  @BeforeEach
  void translate() {
    batches = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(KafkaSegments.everyKind(dir), 3)) {
      translator.forEachRemaining(batches::add);
    }
  }

  @Test
  void rowsStoredWithTheirChecksumRebuildEveryKindOfBatch() {
    for (TranslatedBatch batch : batches) {
      assertEquals(BatchRebuilder.rebuild(batch.rows()).bytes(), BatchRebuilder.rebuild(stored(batch)).bytes(),
          "batch at position " + batch.position() + " (" + batch.fidelity() + ")");
    }
  }

  @Test
  void aHeaderFieldReadBackOtherwiseIsRefusedNamingTheBatch() {
    TranslatedBatch idempotent = batches.stream()
        .filter(batch -> batch.rows().get(0).batch().header().producerId() >= 0 && !batch.rows().get(0).isRaw())
        .findFirst().orElseThrow();
    List<KafkaRow> rows = stored(idempotent, header -> new BatchHeader(header.baseOffset(),
        header.partitionLeaderEpoch(), header.magic(), header.attributes(), header.lastOffsetDelta(),
        header.baseTimestamp(), header.maxTimestamp(), header.producerId(), header.producerEpoch(),
        header.baseSequence() + 1));

    DamagedRowsException error = assertThrows(DamagedRowsException.class, () -> BatchRebuilder.rebuild(rows));

    assertTrue(error.getMessage().startsWith("Cannot rebuild the batch at position " + idempotent.position() + ": "),
        error.getMessage());
  }

  @Test
  void aValueReadBackOtherwiseIsRefusedWhateverTheCodec() {
    for (TranslatedBatch batch : batches) {
      if (batch.rows().get(0).isRaw() || batch.rows().get(0).value() == null) {
        continue;
      }
      List<KafkaRow> rows = new ArrayList<>(stored(batch));
      KafkaRow first = rows.get(0);
      byte[] value = first.value().clone();
      if (value.length == 0) {
        continue;
      }
      value[value.length / 2] ^= 1;
      rows.set(0, new KafkaRow(first.partition(), first.offset(), first.timestamp(), first.timestampType(), first.key(),
          value, first.headers(), first.recordAttributes(), first.timestampDelta(), first.batch()));

      assertThrows(DamagedRowsException.class, () -> BatchRebuilder.rebuild(rows), "batch at " + batch.position());
    }
  }

  @Test
  void aByteOfARawBatchReadBackOtherwiseIsRefused() {
    TranslatedBatch raw = batches.stream().filter(batch -> batch.fidelity() == Fidelity.RAW).findFirst().orElseThrow();
    KafkaRow row = stored(raw).get(0);
    byte[] bytes = row.batch().rawBytes().clone();
    bytes[bytes.length - 1] ^= 1;
    BatchContext damaged = new BatchContext(row.batch().position(), row.batch().header(), bytes,
        row.batch().contentChecksum());
    KafkaRow damagedRow = new KafkaRow(row.partition(), row.offset(), row.timestamp(), row.timestampType(), null, null,
        List.of(), row.recordAttributes(), row.timestampDelta(), damaged);

    assertThrows(DamagedRowsException.class, () -> BatchRebuilder.rebuild(List.of(damagedRow)));
  }

  @Test
  void rowsStoredBeforeChecksumsAreRebuiltAsTheySay() {
    TranslatedBatch batch = batches.get(0);
    List<KafkaRow> rows = new ArrayList<>(batch.rows());
    KafkaRow first = rows.get(0);
    rows.set(0, new KafkaRow(first.partition(), first.offset(), first.timestamp(), first.timestampType(), first.key(),
        new byte[] {'x'}, first.headers(), first.recordAttributes(), first.timestampDelta(), first.batch()));

    assertDoesNotThrow(() -> BatchRebuilder.rebuild(rows));
  }

  /** The batch's rows as read back from where they are stored with its checksum. */
  private static List<KafkaRow> stored(TranslatedBatch batch) {
    return stored(batch, UnaryOperator.identity());
  }

  private static List<KafkaRow> stored(TranslatedBatch batch, UnaryOperator<BatchHeader> header) {
    BatchContext original = batch.rows().get(0).batch();
    BatchContext context = new BatchContext(original.position(), header.apply(original.header()), original.rawBytes(),
        OptionalInt.of(batch.contentChecksum()));
    return batch.rows().stream()
        .map(row -> new KafkaRow(row.partition(), row.offset(), row.timestamp(), row.timestampType(), row.key(),
            row.value(), row.headers(), row.recordAttributes(), row.timestampDelta(), context))
        .toList();
  }
}
