package io.floe.translator.row;

import io.floe.translator.format.BatchAttributes;
import io.floe.translator.format.BatchComparator;
import io.floe.translator.format.BatchDecoder;
import io.floe.translator.format.BatchHeader;
import io.floe.translator.format.CompressionCodec;
import io.floe.translator.format.FieldDifference;
import io.floe.translator.segment.BatchFrame;
import java.nio.ByteBuffer;

/**
 * The exactness check: does a rebuilt batch give back the original? Byte-identical is the rule;
 * for a compressed batch, identical header fields and records suffice (promise 1).
 */
public final class RebuildCheck {
  private static final byte MAGIC_V2 = 2;

  private RebuildCheck() {}

  public static RebuildOutcome check(BatchFrame original, ByteBuffer rebuilt) {
    ByteBuffer expected = original.view();
    if (expected.equals(rebuilt.duplicate())) {
      return new RebuildOutcome.Identical(Fidelity.BYTE_IDENTICAL);
    }
    if (original.magic() == MAGIC_V2 && rebuilt.remaining() >= BatchHeader.SIZE) {
      BatchAttributes attributes = BatchHeader.read(expected).attributes();
      if (attributes.isRepresentable()) {
        var difference = BatchComparator.firstDifference(
            BatchDecoder.decode(expected), BatchDecoder.decode(rebuilt.duplicate()));
        if (difference.isPresent()) {
          return new RebuildOutcome.Mismatch(difference.get());
        }
        if (attributes.compression().orElseThrow() != CompressionCodec.NONE) {
          return new RebuildOutcome.Identical(Fidelity.RECORD_IDENTICAL);
        }
      }
    }
    return new RebuildOutcome.Mismatch(firstByteDifference(original.offset(), expected, rebuilt.duplicate()));
  }

  private static FieldDifference firstByteDifference(long offset, ByteBuffer expected, ByteBuffer actual) {
    int at = expected.mismatch(actual);
    String e = at < expected.remaining() ? String.format("0x%02x", expected.get(at)) : "end of batch";
    String a = at < actual.remaining() ? String.format("0x%02x", actual.get(at)) : "end of batch";
    return new FieldDifference(offset, "byte " + at + " of the batch", e, a);
  }
}
