package io.floe.translator.format;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Idle native codec contexts, kept for reuse: a few per core. A thread that finds none creates
 * one, and a context returned to a full pool is freed, so native memory stays bounded whatever the
 * number of threads that compress or decompress.
 */
final class ContextPool<T extends AutoCloseable> {
  private final BlockingQueue<T> idle = new ArrayBlockingQueue<>(2 * Runtime.getRuntime().availableProcessors());
  private final Supplier<T> factory;

  ContextPool(Supplier<T> factory) {
    this.factory = factory;
  }

  T acquire() {
    T context = idle.poll();
    return context != null ? context : factory.get();
  }

  void release(T context) {
    if (!idle.offer(context)) {
      discard(context);
    }
  }

  /** Frees a context instead of keeping it: the pool is full, or it failed mid-frame. */
  void discard(T context) {
    try {
      context.close();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot free a native codec context: " + e.getMessage(), e);
    }
  }
}
