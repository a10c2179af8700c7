package io.floe.e2e.faults;

/**
 * What a {@link FaultyHttpProxy} does to one request instead of passing it on plainly.
 *
 * @param answer what the client gets for {@link Act#ANSWER} and {@link Act#ANSWER_AFTER}; empty otherwise
 */
public record Interference(Act act, byte[] answer) {
  /** How the exchange goes wrong. */
  public enum Act {
    /** {@link #answer} instead of the server's, which never sees the request. */
    ANSWER,
    /** The connection reset (TCP RST) once the request is read, before the server sees it. */
    RESET,
    /** The server does the work, but its answer never comes: the connection stays silent until the client gives up. */
    STALL,
    /** The server does the work, and its answer is cut short: fewer bytes than promised, then the connection closes. */
    TRUNCATE,
    /** The server does the work, and the client gets {@link #answer} instead of the server's answer. */
    ANSWER_AFTER,
    /** The server does the work, and the connection closes before any of its answer. */
    DROP_AFTER
  }

  public static Interference of(Act act) {
    return new Interference(act, new byte[0]);
  }

  /** Whether the server sees the request. */
  boolean forwarded() {
    return act != Act.ANSWER && act != Act.RESET;
  }
}
