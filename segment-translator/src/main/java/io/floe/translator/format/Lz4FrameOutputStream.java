package io.floe.translator.format;

import java.io.IOException;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Writes an LZ4 frame the way Kafka's producer does for v2 batches: 64 KiB independent blocks, no
 * block or content checksum, no content size, the fast compressor (Kafka's default level).
 */
final class Lz4FrameOutputStream extends OutputStream {
  static final int MAGIC = 0x184D2204;
  static final int FLG_VERSION_1 = 0x40;
  static final int FLG_BLOCK_INDEPENDENCE = 0x20;
  static final int BD_64KB = 4 << 4;
  static final int INCOMPRESSIBLE_MASK = 0x80000000;
  private static final int BLOCK_SIZE = 64 * 1024;

  private final OutputStream out;
  private final LZ4Compressor compressor = LZ4Factory.fastestInstance().fastCompressor();
  private final byte[] block = new byte[BLOCK_SIZE];
  private final byte[] compressed = new byte[compressor.maxCompressedLength(BLOCK_SIZE)];
  private int blockLength;
  private boolean closed;

  Lz4FrameOutputStream(OutputStream out) throws IOException {
    this.out = out;
    byte[] header = new byte[7];
    writeIntLE(header, 0, MAGIC);
    header[4] = (byte) (FLG_VERSION_1 | FLG_BLOCK_INDEPENDENCE);
    header[5] = (byte) BD_64KB;
    header[6] = descriptorChecksum(header, 4, 2);
    out.write(header);
  }

  /** The frame descriptor's header checksum: the second byte of xxHash32 over FLG and BD. */
  static byte descriptorChecksum(byte[] bytes, int offset, int length) {
    return (byte) ((XXHashFactory.fastestInstance().hash32().hash(bytes, offset, length, 0) >> 8) & 0xFF);
  }

  @Override
  public void write(int b) throws IOException {
    if (blockLength == BLOCK_SIZE) {
      writeBlock();
    }
    block[blockLength++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > BLOCK_SIZE - blockLength) {
      int chunk = BLOCK_SIZE - blockLength;
      System.arraycopy(bytes, offset, block, blockLength, chunk);
      blockLength = BLOCK_SIZE;
      writeBlock();
      offset += chunk;
      length -= chunk;
    }
    System.arraycopy(bytes, offset, block, blockLength, length);
    blockLength += length;
  }

  private void writeBlock() throws IOException {
    if (blockLength == 0) {
      return;
    }
    int length = compressor.compress(block, 0, blockLength, compressed, 0);
    byte[] source = compressed;
    int sizeField = length;
    if (length >= blockLength) {
      source = block;
      length = blockLength;
      sizeField = blockLength | INCOMPRESSIBLE_MASK;
    }
    byte[] size = new byte[4];
    writeIntLE(size, 0, sizeField);
    out.write(size);
    out.write(source, 0, length);
    blockLength = 0;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    writeBlock();
    out.write(new byte[4]);
    out.close();
  }

  private static void writeIntLE(byte[] bytes, int offset, int value) {
    bytes[offset] = (byte) value;
    bytes[offset + 1] = (byte) (value >>> 8);
    bytes[offset + 2] = (byte) (value >>> 16);
    bytes[offset + 3] = (byte) (value >>> 24);
  }
}
