package io.floe.e2e.workload;

import java.util.Locale;

/** The producer's compression codecs, each a value of its {@code compression.type}. */
public enum Codec {
  NONE, GZIP, SNAPPY, LZ4, ZSTD;

  String compressionType() {
    return name().toLowerCase(Locale.ROOT);
  }
}
