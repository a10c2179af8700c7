package io.floe.translator.format;

import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A native zstd decompression context kept for reuse, with its direct buffers: a new stream per
 * batch costs a context and its window buffer each time.
 */
final class ZstdDecompressor implements AutoCloseable {
  private static final int BUFFER_SIZE = 128 * 1024;
  private static final ContextPool<ZstdDecompressor> POOL = new ContextPool<>(ZstdDecompressor::new);

  private final ZstdDecompressCtx context = new ZstdDecompressCtx();
  private final ByteBuffer input = ByteBuffer.allocateDirect(BUFFER_SIZE);
  private final ByteBuffer output = ByteBuffer.allocateDirect(BUFFER_SIZE);

  private ZstdDecompressor() {}

  /**
   * Decompresses the remaining bytes of {@code compressed}: one zstd frame or more, one after
   * another, as a stream reader would.
   *
   * @throws IOException if the frames are cut short
   * @throws com.github.luben.zstd.ZstdException if they are not valid zstd
   */
  static ByteBuffer decompress(ByteBuffer compressed) throws IOException {
    ZstdDecompressor decompressor = POOL.acquire();
    ByteBuffer records;
    try {
      records = decompressor.frames(compressed.duplicate());
    } catch (IOException | RuntimeException e) {
      POOL.discard(decompressor);
      throw e;
    }
    POOL.release(decompressor);
    return records;
  }

  private ByteBuffer frames(ByteBuffer compressed) throws IOException {
    context.reset();
    BatchBuffer records = new BatchBuffer(4 * compressed.remaining());
    boolean frameEnded = true;
    while (compressed.hasRemaining()) {
      input.clear();
      int length = Math.min(BUFFER_SIZE, compressed.remaining());
      input.put(compressed.slice(compressed.position(), length)).flip();
      compressed.position(compressed.position() + length);
      boolean outputFull;
      do {
        output.clear();
        frameEnded = context.decompressDirectByteBufferStream(output, input);
        // A full output buffer may leave decompressed bytes inside zstd, even with no input left.
        outputFull = !output.hasRemaining();
        records.write(output.flip());
      } while (input.hasRemaining() || outputFull);
    }
    if (!frameEnded) {
      throw new IOException("the zstd frame ends early");
    }
    return records.buffer();
  }

  @Override
  public void close() {
    context.close();
  }
}
