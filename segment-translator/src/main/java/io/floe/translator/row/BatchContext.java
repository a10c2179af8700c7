package io.floe.translator.row;

import io.floe.translator.format.BatchHeader;
import java.util.OptionalInt;

/**
 * What every row of one batch shares: where the batch sat in the segment, its header fields, for
 * a batch kept raw its exact bytes, and, for rows read back, the batch's
 * {@link io.floe.translator.format.ContentChecksum} as stored with them (none for rows stored
 * before Floe kept it, and for rows just translated, whose batch has not been rebuilt yet).
 *
 * <p>A raw batch becomes a single row whose header is what could be read of it: for magic v0/v1,
 * the entry's offset, attributes and timestamp, with Kafka's "none" values (-1) elsewhere.
 */
public record BatchContext(long position, BatchHeader header, byte[] rawBytes, OptionalInt contentChecksum) {
  public boolean isRaw() {
    return rawBytes != null;
  }
}
