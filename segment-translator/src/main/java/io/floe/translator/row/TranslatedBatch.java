package io.floe.translator.row;

import java.util.List;
import java.util.Optional;

/**
 * The rows of one batch, where the batch sat in the segment, how exactly they rebuild it, and the
 * batch's {@link io.floe.translator.format.ContentChecksum}, which the rows are stored with.
 */
public record TranslatedBatch(long position, int sizeInBytes, Fidelity fidelity, Optional<RawReason> rawReason,
    int contentChecksum, List<KafkaRow> rows) {

  public TranslatedBatch {
    rows = List.copyOf(rows);
  }
}
