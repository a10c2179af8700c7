package io.floe.e2e.topic;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for Admin calls, so that a failure names the call and keeps the broker's reason. */
public final class AdminCalls {
  private AdminCalls() {}

  /** The answer to an admin call; a failure names the call and keeps the broker's reason as cause. */
  public static <T> T answer(String call, KafkaFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot " + call + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while trying to " + call, e);
    }
  }
}
