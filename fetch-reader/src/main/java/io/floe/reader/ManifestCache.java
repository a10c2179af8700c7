package io.floe.reader;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Function;

/** Parsed manifests by path, bounded by the bytes they take as stored and by their age. */
final class ManifestCache {
  private final Cache<String, FetchableSegment> cache;

  ManifestCache(long maxBytes, Duration maxAge) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("Cannot bound the manifest cache at " + maxBytes + " bytes: the bound must be 0 or more");
    }
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String path, FetchableSegment manifest) -> manifest.encodedSize())
        .expireAfterWrite(maxAge)
        // Evict on the calling thread, before the call returns, so the bound holds at every return
        // instead of whenever a background task gets to it.
        .executor(Runnable::run)
        .build();
  }

  /** The cached manifest at the path, or the one the loader reads; concurrent loads of one path share one read. */
  FetchableSegment get(String path, Function<String, FetchableSegment> loader) {
    return cache.get(path, loader);
  }

  /** Bytes the cached manifests take, as the bound counts them. */
  long weightedSize() {
    return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
  }

  void clear() {
    cache.invalidateAll();
    cache.cleanUp();
  }
}
