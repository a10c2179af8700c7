package io.floe.translator.format;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What a transaction marker says of its transaction: the type in the key of its control batch's
 * record (a version, then the type: 0 abort, 1 commit).
 */
public enum TransactionOutcome {
  ABORT, COMMIT;

  private static final int ATTRIBUTES = 21;
  private static final int RECORDS = 61;
  private static final short ABORT_TYPE = 0;
  private static final short COMMIT_TYPE = 1;
  /** Enough of a control batch to read its record's key: the header, then the record up to its key's type. */
  public static final int READ_BYTES = RECORDS + 5 + 1 + 10 + 5 + 5 + 4;

  /**
   * The outcome a v2 control batch states, from the batch's first bytes (at most {@link
   * #READ_BYTES}); empty when its record is compressed (the broker never writes one so) or its
   * key is no marker's.
   */
  public static Optional<TransactionOutcome> of(ByteBuffer batch) {
    ByteBuffer in = batch.duplicate();
    if (in.remaining() <= RECORDS
        || new BatchAttributes(in.getShort(in.position() + ATTRIBUTES)).compression().orElse(null) != CompressionCodec.NONE) {
      return Optional.empty();
    }
    try {
      in.position(in.position() + RECORDS);
      Varint.readInt(in); // the record's length
      in.get(); // its attributes
      Varint.readLong(in); // timestamp delta
      Varint.readInt(in); // offset delta
      if (Varint.readInt(in) < 2 * Short.BYTES) {
        return Optional.empty();
      }
      in.getShort(); // the key's version
      return switch (in.getShort()) {
        case ABORT_TYPE -> Optional.of(ABORT);
        case COMMIT_TYPE -> Optional.of(COMMIT);
        default -> Optional.empty();
      };
    } catch (BufferUnderflowException | MalformedRecordsException e) {
      return Optional.empty();
    }
  }
}
