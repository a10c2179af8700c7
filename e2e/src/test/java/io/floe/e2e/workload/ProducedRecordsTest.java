package io.floe.e2e.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What each consumer must read of what was produced. */
class ProducedRecordsTest {
  private final ProducedRecords produced = new ProducedRecords();

  @Test
  void readUncommittedSeesEveryRecordInLogOrder() {
    produced.addAll(List.of(record(1, 3, TransactionOutcome.ABORTED), record(0, 2, TransactionOutcome.NONE),
        record(1, 1, TransactionOutcome.COMMITTED), record(0, 0, TransactionOutcome.NONE)));

    assertEquals(List.of("0/0", "0/2", "1/1", "1/3"), positions(produced.visibleTo(IsolationLevel.READ_UNCOMMITTED)));
  }

  @Test
  void readCommittedSeesPlainAndCommittedRecordsButNoAbortedOne() {
    produced.addAll(List.of(record(0, 0, TransactionOutcome.NONE), record(0, 1, TransactionOutcome.ABORTED),
        record(0, 2, TransactionOutcome.COMMITTED)));

    assertEquals(List.of("0/0", "0/2"), positions(produced.visibleTo(IsolationLevel.READ_COMMITTED)));
  }

  private static ProducedRecord record(int partition, long offset, TransactionOutcome transaction) {
    return new ProducedRecord(partition, offset, offset, TimestampType.CREATE_TIME, null, null, List.of(), transaction);
  }

  private static List<String> positions(List<ProducedRecord> records) {
    return records.stream().map(r -> r.partition() + "/" + r.offset()).toList();
  }
}
