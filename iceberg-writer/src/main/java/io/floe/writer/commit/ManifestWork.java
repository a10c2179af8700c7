package io.floe.writer.commit;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.SnapshotUpdate;

/**
 * Where a commit's manifest work runs: in the thread that commits. Iceberg hands a snapshot's
 * manifest reads, filters, merges and writes to its shared worker pool and then polls for them,
 * sleeping 10 ms whenever one is not done yet ({@code Tasks.waitFor}): about nine sleeps per
 * segment commit, 90 ms of the broker's copier thread for work of a few milliseconds. A Floe
 * commit has a few small manifests, so the pool's parallelism buys nothing, and the broker's other
 * copier threads keep its cores busy.
 */
public final class ManifestWork {
  private static final ExecutorService CALLER_THREAD = new CallerThread();

  private ManifestWork() {}

  /** {@code update}, its manifest work to be done in the thread that commits it. */
  public static <T extends SnapshotUpdate<T>> T inCallerThread(T update) {
    return update.scanManifestsWith(CALLER_THREAD);
  }

  /** Runs each task as it is submitted, so that its future is done when Iceberg first looks. */
  private static final class CallerThread extends AbstractExecutorService {
    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public void shutdown() {
      throw new UnsupportedOperationException("Cannot shut down the commits' caller-thread executor: it is shared");
    }

    @Override
    public List<Runnable> shutdownNow() {
      throw new UnsupportedOperationException("Cannot shut down the commits' caller-thread executor: it is shared");
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return false;
    }
  }
}
