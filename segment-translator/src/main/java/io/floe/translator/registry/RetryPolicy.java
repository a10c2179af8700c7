package io.floe.translator.registry;

import java.time.Duration;

/**
 * How often a transient failure (unreachable registry, timeout, HTTP 408, 429 or 5xx) is retried
 * within one lookup, waiting twice as long before each retry, up to a bound.
 */
public record RetryPolicy(int maxRetries, Duration initialWait, Duration maxWait) {
  public RetryPolicy {
    if (maxRetries < 0 || initialWait.isNegative() || maxWait.compareTo(initialWait) < 0) {
      throw new IllegalArgumentException("Invalid retry policy: " + maxRetries + " retries, waits "
          + initialWait.toMillis() + " ms to " + maxWait.toMillis() + " ms");
    }
  }

  /** The wait before retry number {@code retry} (1 for the first). */
  public Duration waitBefore(int retry) {
    Duration wait = initialWait.multipliedBy(1L << Math.min(retry - 1, 30));
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }
}
