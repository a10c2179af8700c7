package io.floe.translator.row;

import java.util.List;
import java.util.Optional;

/** The rows of one batch, where the batch sat in the segment, and how exactly they rebuild it. */
public record TranslatedBatch(
    long position, int sizeInBytes, Fidelity fidelity, Optional<RawReason> rawReason, List<KafkaRow> rows) {

  public TranslatedBatch {
    rows = List.copyOf(rows);
  }
}
