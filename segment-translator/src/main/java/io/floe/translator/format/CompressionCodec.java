package io.floe.translator.format;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * record-identical.
 */
public enum CompressionCodec {
  NONE(0) {
    @Override
    OutputStream compressing(OutputStream out) {
      return out;
    }

    @Override
    InputStream decompressing(InputStream in) {
      return in;
    }
  },
  GZIP(1) {
    @Override
    OutputStream compressing(OutputStream out) throws IOException {
      return new BufferedOutputStream(new GZIPOutputStream(out, 8 * 1024), 16 * 1024);
    }

    @Override
    InputStream decompressing(InputStream in) throws IOException {
      return new GZIPInputStream(in, 8 * 1024);
    }
  },
  SNAPPY(2) {
    @Override
    OutputStream compressing(OutputStream out) {
      return new SnappyOutputStream(out);
    }

    @Override
    InputStream decompressing(InputStream in) throws IOException {
      return new SnappyInputStream(in);
    }
  },
  LZ4(3) {
    @Override
    OutputStream compressing(OutputStream out) throws IOException {
      return new Lz4FrameOutputStream(out);
    }

    @Override
    InputStream decompressing(InputStream in) throws IOException {
      return new Lz4FrameInputStream(in);
    }
  },
  ZSTD(4) {
    private static final int DEFAULT_LEVEL = 3;

    @Override
    OutputStream compressing(OutputStream out) throws IOException {
      return new BufferedOutputStream(
          new ZstdOutputStreamNoFinalizer(out, RecyclingBufferPool.INSTANCE, DEFAULT_LEVEL),
          16 * 1024);
    }

    @Override
    InputStream decompressing(InputStream in) throws IOException {
      return new BufferedInputStream(
          new ZstdInputStreamNoFinalizer(in, RecyclingBufferPool.INSTANCE), 16 * 1024);
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

  abstract InputStream decompressing(InputStream in) throws IOException;
}
