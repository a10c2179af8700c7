package io.floe.reader;

import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.SegmentRef;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.InputStream;
import org.apache.iceberg.io.FileIO;

/**
 * Serves a tiered segment's bytes and indexes from its manifest and data files, through a FileIO
 * alone: never the catalog, never the schema registry (promise 4). Safe for the broker's reader
 * threads to call at once.
 */
public final class SegmentFetcher implements Closeable {
  private final FileIO io;
  private final String manifestPrefix;
  private final ManifestLoader loader;
  private final ManifestCache manifests;

  /**
   * @param io where manifests and data files are read; the caller keeps ownership of it
   * @param manifestPrefix the prefix the writer put manifests under ({@link ManifestPaths})
   * @param manifestCacheBytes how many bytes of manifests, as stored, to keep parsed in memory
   */
  public SegmentFetcher(FileIO io, String manifestPrefix, long manifestCacheBytes) {
    this.io = io;
    this.manifestPrefix = manifestPrefix;
    this.loader = new ManifestLoader(io);
    this.manifests = new ManifestCache(manifestCacheBytes);
  }

  /**
   * The segment's bytes from {@code startPosition} to {@code endPosition} (inclusive;
   * {@link Integer#MAX_VALUE} = to the end), as rebuilt batches, lazily.
   *
   * <p>The stream starts at the batch at {@code startPosition}. Inside a batch whose rebuilt bytes
   * are its original bytes (byte-identical or raw) it starts there; inside a record-identical batch
   * it starts at the next batch. It ends with the last batch that starts at or before
   * {@code endPosition}, cut there unless that batch is record-identical, which is served whole.
   * A start at or past the segment's end gives an empty stream.
   *
   * @throws SegmentNotFoundException if there is no manifest at the segment's path
   * @throws FetchFailedException if the manifest or the first batch's data cannot be read; reading
   *     the stream raises it for later batches
   */
  public InputStream fetch(SegmentRef segment, int startPosition, int endPosition) {
    ReadableManifest manifest = manifest(segment);
    FetchPlan plan = FetchPlan.of(manifest.manifest().batches(), startPosition, endPosition);
    return new RebuiltBatchStream(io, manifest, plan);
  }

  /**
   * One of the segment's Kafka indexes, byte for byte as uploaded.
   *
   * @throws SegmentNotFoundException if there is no manifest at the segment's path
   * @throws IndexNotFoundException if the segment has no index of that kind (a transaction index)
   * @throws FetchFailedException if the manifest cannot be read
   */
  public InputStream index(SegmentRef segment, IndexKind kind) {
    ReadableManifest manifest = manifest(segment);
    byte[] bytes = kind.bytesIn(manifest.manifest().indexes())
        .orElseThrow(() -> new IndexNotFoundException(String.format(
            "Cannot fetch the %s index of %s: the segment has none", kind.label(), segment)));
    return new ByteArrayInputStream(bytes);
  }

  private ReadableManifest manifest(SegmentRef segment) {
    return manifests.get(ManifestPaths.of(manifestPrefix, segment), path -> loader.load(segment, path));
  }

  /** Bytes the cached manifests take, as {@code manifestCacheBytes} bounds them. */
  long cachedManifestBytes() {
    return manifests.weightedSize();
  }

  /** Drops the cached manifests; the FileIO stays open, as it belongs to the caller. */
  @Override
  public void close() {
    manifests.clear();
  }
}
