package io.floe.plugin.metrics;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.server.log.remote.storage.RemoteStorageManager.IndexType;

/**
 * Per topic, the segment fetches Floe served, in JMX under {@code io.floe:type=fetching,topic=…,broker=…};
 * failed fetches by {@code error} kind, index fetches by {@code index}.
 */
public final class FetchMetrics {
  private static final String GROUP = "fetching";
  /** Opening a fetch reads a manifest and opens data files: seconds at worst. */
  private static final double FETCH_HISTOGRAM_MAX_MS = 10_000;

  private final FloeMetrics metrics;

  public FetchMetrics(FloeMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * A fetch of a segment of {@code topic}, started at {@code startNanos}, opened {@code stream}: the
   * stream returned counts the bytes the broker reads from it.
   */
  public InputStream opened(String topic, long startNanos, InputStream stream) {
    Map<String, String> tags = metrics.tags(topic);
    Latency.sensor(metrics, GROUP, "fetch", "open a fetch of a segment, until its stream is returned",
        "Fetches opened", tags, FETCH_HISTOGRAM_MAX_MS).record(Latency.millisSince(startNanos));
    return new CountedStream(stream,
        metrics.sensor(GROUP, "bytes-served-total", "Bytes of segments the broker read from Floe's fetch streams.",
            tags, new CumulativeSum()),
        metrics.sensor(GROUP, "records-served-total", "Records of the batches the broker read whole from Floe's "
            + "fetch streams.", tags, new CumulativeSum()));
  }

  /** The broker fetched an index of a segment of {@code topic}. */
  public void indexFetched(String topic, IndexType index) {
    metrics.sensor(GROUP, "index-fetch-total", "Indexes of segments fetched, by index.",
        metrics.tags(topic, "index", index.name().toLowerCase(Locale.ROOT).replace('_', '-')), new CumulativeCount())
        .record();
  }

  /** A fetch of a segment of {@code topic} failed: {@code error} is {@code not-found} or {@code retriable}. */
  public void failed(String topic, String error) {
    metrics.sensor(GROUP, "fetch-failures-total", "Fetches that failed, by error kind: not-found or retriable.",
        metrics.tags(topic, "error", error), new CumulativeCount()).record();
  }

  /**
   * Counts the bytes and records read, recorded when the stream closes: one record per fetch, not
   * one per read. The broker closes every stream it fetches.
   */
  private static final class CountedStream extends FilterInputStream {
    private final Sensor bytesServed;
    private final Sensor recordsServed;
    private final ServedRecords records = new ServedRecords();
    private long bytes;
    private boolean closed;

    CountedStream(InputStream in, Sensor bytesServed, Sensor recordsServed) {
      super(in);
      this.bytesServed = bytesServed;
      this.recordsServed = recordsServed;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        bytes++;
        records.read(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        bytes += n;
        records.read(buffer, offset, n);
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        if (!closed) {
          closed = true;
          bytesServed.record(bytes);
          recordsServed.record(records.records());
        }
      }
    }
  }
}
