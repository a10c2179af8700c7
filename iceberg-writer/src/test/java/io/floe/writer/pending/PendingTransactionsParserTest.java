package io.floe.writer.pending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.util.JsonUtil;
import org.junit.jupiter.api.Test;

/** A partition's pending transactions as their table property holds them. */
class PendingTransactionsParserTest {
  private static final PendingFile WRITTEN = new PendingFile("seg-a", 0, 99, 42,
      "s3://bucket/warehouse/kafka/orders/data/_kafka.timestamp_day=2026-12-06/seg-a-1f2e3d4c-00002.parquet",
      4096, 12, 0, "_kafka.timestamp_day=2026-12-06", List.of(), false);
  private static final PendingFile SUPERSEDED_AND_DELETED = new PendingFile("seg-b", 100, 199, 100,
      "file:/tmp/warehouse/kafka/orders/data/seg-b-00000.parquet", 2048, 5, 1, "",
      List.of(new PendingFile.Offsets(150, 199), new PendingFile.Offsets(180, 190)), true);

  @Test
  void everyFieldComesBackAsItWasWritten() {
    PendingTransactions pending = new PendingTransactions(3, Map.of(
        4242L, new PendingTransaction(4242L, List.of(WRITTEN, SUPERSEDED_AND_DELETED)),
        Long.MAX_VALUE, new PendingTransaction(Long.MAX_VALUE, List.of(WRITTEN))));

    assertEquals(pending, PendingTransactionsParser.fromJson(3, pending.toJson()));
  }

  @Test
  void thePropertySaysHowManyRowsWait() {
    PendingTransactions pending = new PendingTransactions(0, Map.of(
        1L, new PendingTransaction(1L, List.of(WRITTEN, SUPERSEDED_AND_DELETED)),
        2L, new PendingTransaction(2L, List.of(WRITTEN))));

    assertEquals(29L, (long) JsonUtil.parse(pending.toJson(), node -> node.get("rows").asLong()));
  }

  @Test
  void aFileWrittenBeforeFilesKeptTheirFirstOffsetMayStartAtItsSegmentsStart() {
    String json = new PendingTransactions(0, Map.of(1L, new PendingTransaction(1L, List.of(WRITTEN)))).toJson()
        .replace("\"first-offset\":42,", "");

    assertEquals(0L, PendingTransactionsParser.fromJson(0, json).firstOffset().getAsLong());
  }
}
