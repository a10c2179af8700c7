package io.floe.e2e.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The two loopback ports of a single-node cluster, kept across restarts. */
record BrokerPorts(int broker, int controller) {
  static final String LOOPBACK = "127.0.0.1";

  /** Ports free now; the broker binds them a moment later, with SO_REUSEADDR. */
  static BrokerPorts free() {
    try (ServerSocket broker = bindAny(); ServerSocket controller = bindAny()) {
      return new BrokerPorts(broker.getLocalPort(), controller.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find two free ports on " + LOOPBACK, e);
    }
  }

  String brokerAddress() {
    return LOOPBACK + ":" + broker;
  }

  String controllerAddress() {
    return LOOPBACK + ":" + controller;
  }

  private static ServerSocket bindAny() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
  }
}
