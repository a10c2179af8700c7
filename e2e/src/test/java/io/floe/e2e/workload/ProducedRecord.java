package io.floe.e2e.workload;

import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * A record as the broker acknowledged it: where it landed (partition and offset, from the send's
 * {@code RecordMetadata}) and every field a consumer must get back. Byte arrays are compared by
 * content, field by field, by the consumed-records check.
 */
public record ProducedRecord(
    int partition,
    long offset,
    long timestamp,
    TimestampType timestampType,
    byte[] key,
    byte[] value,
    List<Header> headers,
    TransactionOutcome transaction) {

  public ProducedRecord {
    headers = List.copyOf(headers);
  }

  public boolean isVisibleTo(IsolationLevel isolation) {
    return isolation == IsolationLevel.READ_UNCOMMITTED || transaction != TransactionOutcome.ABORTED;
  }
}
