package io.floe.reader;

import java.time.Duration;

/**
 * How much the fetcher keeps of closed fetches so that the next fetch of the same reader goes on
 * where they stopped ({@link ParkedFetch}): at most {@code maxFetches} of them, taking at most
 * {@code maxBytes} of memory together (their open readers' row groups and their retained
 * batches), each for at most {@code idleTimeout} unless a fetch goes on from it. Zero fetches or
 * zero bytes keep nothing: every fetch opens its data files afresh.
 */
public record ParkingLimits(int maxFetches, long maxBytes, Duration idleTimeout) {
  /** Nothing parked: each fetch opens, reads and closes its data files. */
  public static final ParkingLimits NONE = new ParkingLimits(0, 0, Duration.ZERO);

  public ParkingLimits {
    if (maxFetches < 0 || maxBytes < 0) {
      throw new IllegalArgumentException(String.format(
          "Cannot park at most %d fetches in %d bytes: both bounds must be 0 or more", maxFetches, maxBytes));
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("Cannot close parked fetches idle for " + idleTimeout + ": the time must be 0 or more");
    }
  }
}
