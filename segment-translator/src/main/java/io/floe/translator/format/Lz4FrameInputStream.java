package io.floe.translator.format;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads the LZ4 frames of v2 batches. Accepts every option of the LZ4 frame format that Kafka's own
 * reader accepts (block checksums, content size, content checksum), skipping the checksums: the
 * batch CRC already covers the compressed bytes.
 */
final class Lz4FrameInputStream extends InputStream {
  private static final int FLG_BLOCK_CHECKSUM = 0x10;
  private static final int FLG_CONTENT_SIZE = 0x08;
  private static final int FLG_CONTENT_CHECKSUM = 0x04;

  private final DataInputStream in;
  private final LZ4SafeDecompressor decompressor = LZ4Factory.fastestInstance().safeDecompressor();
  private final boolean blockChecksum;
  private final boolean contentChecksum;
  private final byte[] block;
  private final byte[] compressed;
  private int blockLength;
  private int blockPosition;
  private boolean finished;

  Lz4FrameInputStream(InputStream source) throws IOException {
    in = new DataInputStream(source);
    if (Integer.reverseBytes(in.readInt()) != Lz4FrameOutputStream.MAGIC) {
      throw new IOException("not an LZ4 frame: wrong magic number");
    }
    int flg = in.readUnsignedByte();
    int bd = in.readUnsignedByte();
    if ((flg >>> 6) != 1) {
      throw new IOException("unsupported LZ4 frame version " + (flg >>> 6));
    }
    blockChecksum = (flg & FLG_BLOCK_CHECKSUM) != 0;
    contentChecksum = (flg & FLG_CONTENT_CHECKSUM) != 0;
    if ((flg & FLG_CONTENT_SIZE) != 0) {
      in.skipNBytes(8);
    }
    in.readUnsignedByte(); // header checksum: covered by the batch CRC
    int maxBlockSize = 1 << (2 * ((bd >>> 4) & 7) + 8);
    block = new byte[maxBlockSize];
    compressed = new byte[maxBlockSize];
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return block[blockPosition++] & 0xFF;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(length, blockLength - blockPosition);
    System.arraycopy(block, blockPosition, bytes, offset, n);
    blockPosition += n;
    return n;
  }

  private boolean fill() throws IOException {
    while (blockPosition == blockLength) {
      if (finished) {
        return false;
      }
      readBlock();
    }
    return true;
  }

  private void readBlock() throws IOException {
    int sizeField;
    try {
      sizeField = Integer.reverseBytes(in.readInt());
    } catch (EOFException e) {
      throw new IOException("LZ4 frame ends without an end mark", e);
    }
    if (sizeField == 0) {
      finished = true;
      if (contentChecksum) {
        in.skipNBytes(4);
      }
      blockPosition = blockLength = 0;
      return;
    }
    boolean stored = (sizeField & Lz4FrameOutputStream.INCOMPRESSIBLE_MASK) != 0;
    int size = sizeField & ~Lz4FrameOutputStream.INCOMPRESSIBLE_MASK;
    if (size > block.length) {
      throw new IOException("LZ4 block of " + size + " bytes exceeds the frame's block size " + block.length);
    }
    if (stored) {
      in.readFully(block, 0, size);
      blockLength = size;
    } else {
      in.readFully(compressed, 0, size);
      try {
        blockLength = decompressor.decompress(compressed, 0, size, block, 0);
      } catch (LZ4Exception e) {
        throw new IOException("LZ4 block does not decompress: " + e.getMessage(), e);
      }
    }
    if (blockChecksum) {
      in.skipNBytes(4);
    }
    blockPosition = 0;
  }
}
