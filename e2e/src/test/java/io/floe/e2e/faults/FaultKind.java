package io.floe.e2e.faults;

/** What {@link FaultyObjectStore} does to a request instead of serving it plainly. */
public enum FaultKind {
  /** {@code 500 InternalError} before the store sees the request. */
  INTERNAL_ERROR,
  /** {@code 503 SlowDown}, S3's throttling answer, before the store sees the request. */
  SLOW_DOWN,
  /** The connection reset (TCP RST) once the request is read, before the store sees it. */
  CONNECTION_RESET,
  /** The store does the work, but its answer never comes: the connection stays silent until the client gives up. */
  STALL,
  /** The store does the work, and its answer is cut short: fewer bytes than promised, then the connection closes. */
  TRUNCATED_RESPONSE
}
