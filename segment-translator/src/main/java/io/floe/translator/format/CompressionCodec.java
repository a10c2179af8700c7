package io.floe.translator.format;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * The compression codecs of the v2 batch format (bits 0-2 of the attributes).
 *
 * <p>Each compressing stream is layered and buffered as Kafka's producer layers it, with the
 * codec's default level, so that recompressing a producer's batch usually gives back its exact
 * bytes. When it does not (another level, another library version), the batch is still
 * record-identical. zstd goes through pooled native contexts ({@link ZstdCompressor},
 * {@link ZstdDecompressor}) instead of a new stream per batch, driven so that its bytes are the
 * stream's.
 */
public enum CompressionCodec {
  NONE(0) {
    @Override
    OutputStream compressing(OutputStream out) {
      return out;
    }

    @Override
    ByteBuffer decompress(ByteBuffer compressed) {
      return compressed;
    }
  },
  GZIP(1) {
    @Override
    OutputStream compressing(OutputStream out) throws IOException {
      return new BufferedOutputStream(new GZIPOutputStream(out, 8 * 1024), 16 * 1024);
    }

    @Override
    ByteBuffer decompress(ByteBuffer compressed) throws IOException {
      return readAll(new GZIPInputStream(new ByteBufferInputStream(compressed), 8 * 1024));
    }
  },
  SNAPPY(2) {
    @Override
    OutputStream compressing(OutputStream out) {
      return new SnappyOutputStream(out);
    }

    @Override
    ByteBuffer decompress(ByteBuffer compressed) throws IOException {
      return readAll(new SnappyInputStream(new ByteBufferInputStream(compressed)));
    }
  },
  LZ4(3) {
    @Override
    OutputStream compressing(OutputStream out) throws IOException {
      return new Lz4FrameOutputStream(out);
    }

    @Override
    ByteBuffer decompress(ByteBuffer compressed) throws IOException {
      return readAll(new Lz4FrameInputStream(new ByteBufferInputStream(compressed)));
    }
  },
  ZSTD(4) {
    @Override
    OutputStream compressing(OutputStream out) {
      return new ZstdFrameOutputStream(out);
    }

    @Override
    ByteBuffer decompress(ByteBuffer compressed) throws IOException {
      return ZstdDecompressor.decompress(compressed);
    }
  };

  private final int id;

  CompressionCodec(int id) {
    this.id = id;
  }

  /** The codec's number in the batch attributes. */
  public int id() {
    return id;
  }

  /** The codec with this attribute number, or empty for the numbers no Kafka version assigns. */
  public static Optional<CompressionCodec> fromId(int id) {
    for (CompressionCodec codec : values()) {
      if (codec.id == id) {
        return Optional.of(codec);
      }
    }
    return Optional.empty();
  }

  abstract OutputStream compressing(OutputStream out) throws IOException;

  /** The records a batch's compressed section holds. */
  abstract ByteBuffer decompress(ByteBuffer compressed) throws IOException;

  private static ByteBuffer readAll(InputStream records) throws IOException {
    try (records) {
      return ByteBuffer.wrap(records.readAllBytes());
    }
  }
}
