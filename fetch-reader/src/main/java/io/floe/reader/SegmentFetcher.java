package io.floe.reader;

import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.SegmentRef;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.apache.iceberg.io.FileIO;

/**
 * Serves a tiered segment's bytes and indexes from its manifest and data files, through a FileIO
 * alone: never the catalog, never the schema registry (promise 4). Safe for the broker's reader
 * threads to call at once. A classic segment (its manifest says so) is served from its objects as
 * they were stored ({@link ClassicSegment}); what follows is about Iceberg segments.
 *
 * <p>The broker reads a segment one fetch at a time, each from about where the previous one
 * stopped. A closed fetch is therefore parked within {@link ParkingLimits}: a fetch of the same
 * segment that starts at one of its last batches goes on from it, with its data files still open
 * where it stopped, instead of opening them again and decoding from the start of a row group.
 * While parked it rebuilds the batches after it in the background ({@link ReadAhead}), so that
 * the next fetch serves them from memory while the broker and the consumer handle the last one.
 * Any other start opens the files afresh; all serve the same bytes.
 */
public final class SegmentFetcher implements Closeable {
  /**
   * How long a manifest stays cached after it is read. A segment's manifest can be rewritten in
   * place when its Kafka view is re-pointed at the files that replaced its own (docs/architecture.md
   * §6): a fetch opened from a cached manifest must find the files it lists, so the old files are
   * released only after a grace period longer than this plus a fetch's own life.
   */
  public static final Duration MANIFEST_MAX_AGE = Duration.ofMinutes(5);

  private final FileIO io;
  private final String manifestPrefix;
  private final ManifestLoader loader;
  private final ManifestCache manifests;
  private final ParkedFetches parked;

  /**
   * @param io where manifests and data files are read; the caller keeps ownership of it
   * @param manifestPrefix the prefix the writer put manifests under ({@link ManifestPaths})
   * @param manifestCacheBytes how many bytes of manifests, as stored, to keep parsed in memory
   * @param parking how many closed fetches to keep, and for how long, for the next fetches to go on from
   */
  public SegmentFetcher(FileIO io, String manifestPrefix, long manifestCacheBytes, ParkingLimits parking) {
    this(io, manifestPrefix, manifestCacheBytes, parking, MANIFEST_MAX_AGE);
  }

  /** As above, keeping manifests for {@code manifestMaxAge}: tests see a re-pointed manifest at once. */
  SegmentFetcher(FileIO io, String manifestPrefix, long manifestCacheBytes, ParkingLimits parking,
      Duration manifestMaxAge) {
    this.io = io;
    this.manifestPrefix = manifestPrefix;
    this.loader = new ManifestLoader(io);
    this.manifests = new ManifestCache(manifestCacheBytes, manifestMaxAge);
    this.parked = new ParkedFetches(parking);
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
    FetchableSegment stored = manifest(segment);
    if (stored instanceof ClassicSegment classic) {
      return classic.fetch(io, manifestPrefix, startPosition, endPosition);
    }
    ReadableManifest manifest = (ReadableManifest) stored;
    FetchPlan plan = FetchPlan.of(manifest.manifest().batches(), startPosition, endPosition);
    Optional<RebuiltBatches> continued = plan.isEmpty() ? Optional.empty()
        : parked.take(manifest, plan.firstBatch());
    RebuiltBatches batches = continued.orElseGet(() -> new RebuiltBatches(manifest, new BatchRows(io, manifest)));
    return new RebuiltBatchStream(plan, batches, parked);
  }

  /**
   * One of the segment's Kafka indexes, byte for byte as uploaded.
   *
   * @throws SegmentNotFoundException if there is no manifest at the segment's path
   * @throws IndexNotFoundException if the segment has no index of that kind (a transaction index)
   * @throws FetchFailedException if the manifest cannot be read
   */
  public InputStream index(SegmentRef segment, IndexKind kind) {
    FetchableSegment stored = manifest(segment);
    if (stored instanceof ClassicSegment classic) {
      return classic.index(io, manifestPrefix, kind);
    }
    ReadableManifest manifest = (ReadableManifest) stored;
    byte[] bytes = kind.bytesIn(manifest.manifest().indexes())
        .orElseThrow(() -> new IndexNotFoundException(String.format(
            "Cannot fetch the %s index of %s: the segment has none", kind.label(), segment)));
    return new ByteArrayInputStream(bytes);
  }

  private FetchableSegment manifest(SegmentRef segment) {
    return manifests.get(ManifestPaths.of(manifestPrefix, segment), path -> loader.load(segment, path));
  }

  /** Bytes the cached manifests take, as {@code manifestCacheBytes} bounds them. */
  long cachedManifestBytes() {
    return manifests.weightedSize();
  }

  /** Parked fetches, as {@link ParkingLimits#maxFetches()} bounds them. */
  int parkedFetches() {
    return parked.count();
  }

  /** Parked fetches still rebuilding batches ahead of the next fetch. */
  int fetchesReadingAhead() {
    return parked.readingAhead();
  }

  /** Memory the parked fetches hold, as {@link ParkingLimits#maxBytes()} bounds it. */
  long parkedBytes() {
    return parked.bytes();
  }

  /**
   * Drops the cached manifests and closes the parked fetches' data files; a fetch still open closes
   * its own when it is closed. The FileIO stays open, as it belongs to the caller.
   */
  @Override
  public void close() {
    manifests.clear();
    parked.close();
  }
}
