package io.floe.translator.format;

import java.nio.ByteBuffer;

/** A batch's bytes as written again, and its {@link ContentChecksum}. */
public record EncodedBatch(ByteBuffer bytes, int contentChecksum) {}
