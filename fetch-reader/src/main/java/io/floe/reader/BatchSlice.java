package io.floe.reader;

import io.floe.translator.manifest.BatchEntry;
import java.nio.ByteBuffer;

/**
 * The part of one rebuilt batch a fetch serves: its bytes from {@code from} (inclusive) to
 * {@code to} (exclusive). Only a batch whose rebuilt bytes are its original bytes is ever cut; a
 * record-identical batch is served whole, from 0 to {@link #WHOLE}.
 */
record BatchSlice(BatchEntry batch, int from, int to) {
  static final int WHOLE = Integer.MAX_VALUE;

  /** The sliced part of the rebuilt batch, as a buffer of its own. */
  ByteBuffer cut(ByteBuffer rebuilt) {
    ByteBuffer bytes = rebuilt.duplicate();
    int start = bytes.position();
    bytes.limit(start + Math.min(to, bytes.remaining()));
    bytes.position(start + from);
    return bytes.slice();
  }
}
