package io.floe.reader;

import java.time.Duration;

/**
 * How much the fetcher keeps of closed fetches so that the next fetch of the same reader goes on
 * where they stopped ({@link ParkedFetch}): at most {@code maxFetches} of them, taking at most
 * {@code maxBytes} of memory together (their open readers' row groups, their retained batches and
 * the {@code readAheadBytes} of batches each may rebuild ahead of the next fetch), each for at most
 * {@code idleTimeout} unless a fetch goes on from it. Zero fetches or zero bytes keep nothing:
 * every fetch opens its data files afresh. Zero read-ahead rebuilds a batch only when a fetch asks.
 */
public record ParkingLimits(int maxFetches, long maxBytes, Duration idleTimeout, long readAheadBytes) {
  /** Nothing parked: each fetch opens, reads and closes its data files. */
  public static final ParkingLimits NONE = new ParkingLimits(0, 0, Duration.ZERO, 0);

  public ParkingLimits {
    if (maxFetches < 0 || maxBytes < 0 || readAheadBytes < 0) {
      throw new IllegalArgumentException(String.format(
          "Cannot park at most %d fetches in %d bytes, reading ahead %d bytes: each bound must be 0 or more",
          maxFetches, maxBytes, readAheadBytes));
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("Cannot close parked fetches idle for " + idleTimeout + ": the time must be 0 or more");
    }
  }
}
