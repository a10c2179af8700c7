package io.floe.e2e.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for a server that keeps them across restarts (a broker, PostgreSQL). They are taken below the
 * kernel's ephemeral range: a port from that range, free while a broker is down, can become the local
 * end of any outgoing connection meanwhile, and the restarted server then cannot bind it.
 */
public final class LoopbackPorts {
  public static final String LOOPBACK = "127.0.0.1";
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 10_000;
  private static final int TRIES = 1_000;

  private LoopbackPorts() {
  }

  /** A port that is free now and outside the ephemeral range. */
  public static int free() {
    int end = ephemeralStart();
    for (int i = 0; i < TRIES; i++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, end);
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException("Cannot find a free port on " + LOOPBACK + " between " + LOWEST + " and " + end);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Linux's default start (32768) where the kernel does not say. */
  private static int ephemeralStart() {
    try {
      int start = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
      return start > LOWEST + TRIES ? start : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
