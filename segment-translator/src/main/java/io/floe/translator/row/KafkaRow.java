package io.floe.translator.row;

import io.floe.translator.format.RecordHeader;
import io.floe.translator.format.TimestampType;
import java.util.List;

/**
 * One record of a segment as a table row: what a consumer sees of it, plus what the batch needs to
 * be written again exactly (its per-record attributes and timestamp delta, and the shared
 * {@link BatchContext}). The offset delta is not kept: it is {@code offset - batch.baseOffset}.
 *
 * <p>A raw batch is one row whose key and value are null and whose batch context holds the bytes.
 */
public record KafkaRow(
    int partition,
    long offset,
    long timestamp,
    TimestampType timestampType,
    byte[] key,
    byte[] value,
    List<RecordHeader> headers,
    byte recordAttributes,
    long timestampDelta,
    BatchContext batch) {

  public KafkaRow {
    headers = List.copyOf(headers);
  }

  public boolean isRaw() {
    return batch.isRaw();
  }
}
