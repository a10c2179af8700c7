package io.floe.translator.format;

import java.util.List;

/** A v2 batch taken apart: its header and its records, in order. */
public record DecodedBatch(BatchHeader header, List<LogRecord> records) {
  public DecodedBatch {
    records = List.copyOf(records);
  }
}
